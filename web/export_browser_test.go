package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// fileServer serves dir the way a static host does, with net/http's
// FileServer and no headers of ours, and keeps the path of every request.
// With wasmType set it sends .wasm files with that Content-Type, as a
// careless S3 upload does.
type fileServer struct {
	*httptest.Server
	mu    sync.Mutex
	paths []string
}

func newFileServer(t *testing.T, dir, wasmType string) *fileServer {
	t.Helper()
	fs := &fileServer{}
	files := http.FileServer(http.Dir(dir))
	fs.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.mu.Lock()
		fs.paths = append(fs.paths, r.URL.Path)
		fs.mu.Unlock()
		if wasmType != "" && strings.HasSuffix(r.URL.Path, ".wasm") {
			w.Header().Set("Content-Type", wasmType)
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(fs.Close)
	return fs
}

func (fs *fileServer) served() []string {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return slices.Clone(fs.paths)
}

// TestExportedPage loads the page "jwtkey serve --export" writes from a
// plain file server, makes keys with it and checks a secret, and sees no
// request go anywhere but to the page's own files.
func TestExportedPage(t *testing.T) {
	bctx := newBrowser(t)
	dir := t.TempDir()
	if _, err := Export(dir, false); err != nil {
		t.Fatal(err)
	}
	own := map[string]bool{"/": true}
	for _, name := range exportFiles() {
		own["/"+name] = true
	}
	// A page of the same origin that frames the exported one; not part of
	// the export.
	if err := os.WriteFile(filepath.Join(dir, "frame.html"), []byte(`<!doctype html><title>frame</title><link rel="icon" href="data:,"><iframe src="index.html"></iframe>`), 0o644); err != nil {
		t.Fatal(err)
	}

	// assertOwnRequests fails the test for any request the browser made
	// that is not for one of the page's own files on srv.
	assertOwnRequests := func(t *testing.T, tb *tab, srv *fileServer, extra ...string) {
		t.Helper()
		for _, raw := range tb.requestsSince(0) {
			u, err := url.Parse(raw)
			if err != nil || "http://"+u.Host != srv.URL || !own[u.Path] && !slices.Contains(extra, u.Path) {
				t.Errorf("the page requested %s, which is not one of its own files on %s", raw, srv.URL)
			}
		}
		for _, p := range srv.served() {
			if !own[p] && !slices.Contains(extra, p) {
				t.Errorf("the file server was asked for %s", p)
			}
		}
	}

	t.Run("keys", func(t *testing.T) {
		srv := newFileServer(t, dir, "")
		tb := openTab(t, bctx, srv.URL+"/")
		resp := tb.load()
		if got := header(resp.Headers, "Content-Security-Policy"); got != "" {
			t.Fatalf("the file server sent a CSP header (%q): the test would not show the meta tag at work", got)
		}
		for _, tc := range []struct{ alg, enc string }{
			{"HS256", "hex"}, {"HS384", "base64"}, {"HS512", "base64url"}, {"HS256", "jwk"},
			{"ES256", "pem"}, {"ES512", "jwk"}, {"EdDSA", "jwk"}, {"RS256", "pem"},
		} {
			t.Run(tc.alg+"_"+tc.enc, func(t *testing.T) {
				tb.t = t
				tb.generateAndCheck(tc.alg, tc.enc)
			})
		}
		tb.t = t
		assertOwnRequests(t, tb, srv)
		tb.assertClean()
	})

	checker := func(t *testing.T, wasmType string) {
		srv := newFileServer(t, dir, wasmType)
		tb := openTab(t, bctx, srv.URL+"/")
		tb.load()
		tb.do(
			chromedp.Click(chromedp.CSS("#checker > summary"), chromedp.NodeVisible),
			chromedp.Poll[chromedp.Void](`document.getElementById("result").dataset.ready === "true"`, chromedp.WithPollingTimeout(60*time.Second)),
		)
		if served := srv.served(); !slices.Contains(served, "/check.wasm") || !slices.Contains(served, "/wasm_exec.js") {
			t.Errorf("opening the checker fetched %q, want wasm_exec.js and check.wasm", served)
		}
		mark := tb.mark()
		tb.setSecret("mysecretkey")
		if v := tb.verdict(); v != "weak" && v != "compromised" {
			t.Errorf(`verdict for "mysecretkey" = %q, want weak or compromised`, v)
		}
		if reqs := tb.requestsSince(mark); len(reqs) > 0 {
			t.Errorf("checking a secret made requests: %q", reqs)
		}
		assertOwnRequests(t, tb, srv)
		tb.assertClean()
	}
	t.Run("checker", func(t *testing.T) { checker(t, "") })
	// A host that sends check.wasm as application/octet-stream, as S3 does
	// when an upload sets no type: the page compiles the bytes instead of
	// streaming them.
	t.Run("checker_without_wasm_type", func(t *testing.T) { checker(t, "application/octet-stream") })

	t.Run("meta_csp_is_enforced", func(t *testing.T) {
		srv := newFileServer(t, dir, "")
		tb := openTab(t, bctx, srv.URL+"/")
		tb.load()
		eval[bool](tb, `(() => {
			const s = document.createElement("script");
			s.textContent = "window.__inlineRan = true";
			document.body.append(s);
			const i = document.createElement("img");
			i.src = "https://example.com/pixel.gif";
			document.body.append(i);
			return true;
		})()`)
		tb.do(chromedp.Poll[chromedp.Void](`window.__csp.length >= 2`, chromedp.WithPollingTimeout(10*time.Second)))
		if eval[bool](tb, `window.__inlineRan === true`) {
			t.Error("an inline script ran despite the meta policy")
		}
		v := eval[[]string](tb, `window.__csp`)
		if !slices.ContainsFunc(v, func(s string) bool { return strings.HasPrefix(s, "script-src") }) ||
			!slices.ContainsFunc(v, func(s string) bool { return strings.HasPrefix(s, "img-src") }) {
			t.Errorf("violations %q, want one of script-src and one of img-src", v)
		}
		// The browser reports the blocked image as a request it did not
		// send; the file server saw only the page's files.
		for _, p := range srv.served() {
			if !own[p] {
				t.Errorf("the file server was asked for %s", p)
			}
		}
	})

	t.Run("framed", func(t *testing.T) {
		srv := newFileServer(t, dir, "")
		tb := openTab(t, bctx, srv.URL+"/frame.html")
		tb.do(
			chromedp.Navigate(tb.url),
			chromedp.Poll[chromedp.Void](`(() => {
				const d = document.querySelector("iframe").contentDocument;
				return d !== null && d.getElementById("framed") !== null;
			})()`, chromedp.WithPollingTimeout(30*time.Second)),
		)
		if eval[bool](tb, `document.querySelector("iframe").contentDocument.getElementById("key") !== null`) {
			t.Error("the framed page still shows its key box")
		}
		assertOwnRequests(t, tb, srv, "/frame.html")
	})
}
