package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
)

// The page and its assets. check.wasm.gz and wasm_exec.js are generated:
// run "go generate ./web" after changing the strength package.
//
//go:embed static
var staticFS embed.FS

// asset is one file of the page, kept both plain and gzip-compressed.
type asset struct {
	ctype string
	etag  string
	gz    []byte // nil when compression would not help

	plainOnce sync.Once
	plain     []byte
	plainFn   func() []byte // makes plain on first use (check.wasm ships compressed only)
}

func (a *asset) body() []byte {
	a.plainOnce.Do(func() {
		if a.plainFn != nil {
			a.plain = a.plainFn()
		}
	})
	return a.plain
}

var (
	assetsOnce sync.Once
	assets     map[string]*asset // by URL path
)

// Asset returns the bytes of one file of the page as served at urlPath,
// uncompressed, and whether it exists. Tests and the page-weight note use it.
func Asset(urlPath string) ([]byte, bool) {
	a := loadAssets()[urlPath]
	if a == nil {
		return nil, false
	}
	return a.body(), true
}

// CompressedSize returns how many bytes urlPath takes on the wire with
// gzip, or its plain size when it is not compressed.
func CompressedSize(urlPath string) int {
	a := loadAssets()[urlPath]
	switch {
	case a == nil:
		return 0
	case a.gz != nil:
		return len(a.gz)
	}
	return len(a.body())
}

func loadAssets() map[string]*asset {
	assetsOnce.Do(func() {
		assets = map[string]*asset{}
		entries, err := fs.ReadDir(staticFS, "static")
		if err != nil {
			panic("web: embedded assets missing: " + err.Error())
		}
		for _, e := range entries {
			name := e.Name()
			data, err := staticFS.ReadFile("static/" + name)
			if err != nil {
				panic("web: " + err.Error())
			}
			a := &asset{}
			if strings.HasSuffix(name, ".gz") {
				name = strings.TrimSuffix(name, ".gz")
				gz := data
				a.gz = gz
				a.plainFn = func() []byte { return gunzip(gz) }
			} else {
				a.plain = data
				if gz := gzipBytes(data); len(gz) < len(data) {
					a.gz = gz
				}
			}
			a.ctype = contentType(name)
			sum := sha256.Sum256(data)
			a.etag = `W/"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
			assets["/"+name] = a
		}
		if idx := assets["/index.html"]; idx != nil {
			assets["/"] = idx
		}
	})
	return assets
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".wasm":
		return "application/wasm"
	case ".svg":
		return "image/svg+xml"
	}
	return "application/octet-stream"
}

func gzipBytes(data []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(data)
	zw.Close()
	return buf.Bytes()
}

func gunzip(gz []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		panic("web: embedded asset is not gzip: " + err.Error())
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		panic("web: embedded asset is not gzip: " + err.Error())
	}
	return data
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		q := strings.TrimSpace(params)
		if v, ok := strings.CutPrefix(q, "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil && f == 0 {
				return false
			}
		}
		return true
	}
	return false
}

// staticHandler serves the embedded page and assets.
func staticHandler() http.Handler {
	all := loadAssets()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := all[r.URL.Path]
		if a == nil {
			w.Header().Set("Cache-Control", "no-store")
			http.Error(w, "404 page not found", http.StatusNotFound)
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.ctype)
		h.Set("ETag", a.etag)
		h.Set("Vary", "Accept-Encoding")
		if a.ctype == contentType(".html") {
			for k, v := range documentHeaders {
				h[k] = v
			}
			// The page shows keys; keep it out of caches and the
			// back/forward cache.
			h.Set("Cache-Control", "no-store")
		} else {
			h.Set("Cache-Control", "no-cache")
			if r.Header.Get("If-None-Match") == a.etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		body := a.gz
		if body != nil && acceptsGzip(r.Header.Get("Accept-Encoding")) {
			h.Set("Content-Encoding", "gzip")
		} else {
			body = a.body()
		}
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			w.Write(body)
		}
	})
}
