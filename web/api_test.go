package web

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jwtkey/jwtkey/internal/golden"
	"github.com/jwtkey/jwtkey/keygen"
)

// get sends one request through the handler and returns the response.
func get(t *testing.T, h http.Handler, method, target string, hdr map[string]string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	req.Host = "127.0.0.1:8080"
	for k, v := range hdr {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, resp *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// assertSecurityHeaders checks the headers every response must carry.
func assertSecurityHeaders(t *testing.T, resp *http.Response) {
	t.Helper()
	for name, want := range map[string]string{
		"Content-Security-Policy":      ContentSecurityPolicy,
		"X-Content-Type-Options":       "nosniff",
		"Referrer-Policy":              "no-referrer",
		"Cross-Origin-Resource-Policy": "same-origin",
	} {
		if got := resp.Header.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	for _, directive := range []string{"default-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"} {
		if !strings.Contains(resp.Header.Get("Content-Security-Policy"), directive) {
			t.Errorf("CSP lacks %s", directive)
		}
	}
	if strings.Contains(ContentSecurityPolicy, "unsafe-inline") || strings.Contains(ContentSecurityPolicy, "'unsafe-eval'") {
		t.Errorf("CSP allows inline or eval: %s", ContentSecurityPolicy)
	}
}

func TestHealthz(t *testing.T) {
	h := Handler(Options{})
	resp := get(t, h, "GET", "/healthz", nil)
	assertSecurityHeaders(t, resp)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if got := string(body(t, resp)); got != `{"status":"ok"}`+"\n" {
		t.Errorf("body %q", got)
	}
	if got := resp.Header.Get("Content-Type"); got != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", got)
	}
}

func TestKeyAPI(t *testing.T) {
	h := Handler(Options{})
	tests := []struct {
		name  string
		query string
		alg   string
		enc   string
		count int
		bits  int
	}{
		{"defaults", "", "HS256", "hex", 1, 256},
		{"hs384 base64", "alg=HS384&encoding=base64", "HS384", "base64", 1, 384},
		{"hs512 base64url", "alg=hs512&encoding=BASE64URL", "HS512", "base64url", 1, 512},
		{"jwk secrets", "alg=HS256&encoding=jwk&count=3", "HS256", "jwk", 3, 256},
		{"many", "count=100", "HS256", "hex", 100, 256},
		{"es256 default pem", "alg=ES256", "ES256", "pem", 1, 256},
		{"es512 jwk", "alg=ES512&encoding=jwk", "ES512", "jwk", 1, 521},
		{"eddsa", "alg=EdDSA&encoding=pem&count=2", "EdDSA", "pem", 2, 256},
		{"rs256", "alg=RS256", "RS256", "pem", 1, 3072},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := get(t, h, "GET", "/api/v1/key?"+tc.query, nil)
			assertSecurityHeaders(t, resp)
			if resp.StatusCode != 200 {
				t.Fatalf("status %d: %s", resp.StatusCode, body(t, resp))
			}
			if got := resp.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store", got)
			}
			var kr KeyResponse
			dec := json.NewDecoder(resp.Body)
			dec.DisallowUnknownFields()
			if err := dec.Decode(&kr); err != nil {
				t.Fatal(err)
			}
			if len(kr.Keys) != tc.count {
				t.Fatalf("%d keys, want %d", len(kr.Keys), tc.count)
			}
			seen := map[string]bool{}
			for _, k := range kr.Keys {
				if string(k.Alg) != tc.alg || string(k.Encoding) != tc.enc || k.Bits != tc.bits {
					t.Errorf("key alg, encoding, bits = %s, %s, %d; want %s, %s, %d", k.Alg, k.Encoding, k.Bits, tc.alg, tc.enc, tc.bits)
				}
				text := string(k.Key)
				var s string
				if json.Unmarshal(k.Key, &s) == nil {
					text = s
				}
				if seen[text] {
					t.Errorf("key repeats: %s", text)
				}
				seen[text] = true
				if keygen.Algorithm(tc.alg).IsHMAC() {
					checkSecret(t, tc.alg, tc.enc, text)
					// Every record has a kid, random for a secret: the
					// same record "jwtkey generate --json" prints.
					if len(k.KID) != 16 || seen[k.KID] {
						t.Errorf("kid = %q for encoding %s, want a new random one", k.KID, tc.enc)
					}
					seen[k.KID] = true
					if tc.enc == "jwk" && !strings.Contains(text, `"kid":"`+k.KID+`"`) {
						t.Errorf("the JWK %s does not carry the record's kid %q", text, k.KID)
					}
					if k.Public != nil {
						t.Errorf("a secret has a public key: %s", k.Public)
					}
					continue
				}
				pub := string(k.Public)
				if json.Unmarshal(k.Public, &s) == nil {
					pub = s
				}
				checkPair(t, tc.alg, tc.enc, text, pub)
				priv, err := keygen.ParsePrivateKey([]byte(text))
				if err != nil {
					t.Fatal(err)
				}
				if tp, _ := keygen.Thumbprint(priv.Public()); k.KID != tp {
					t.Errorf("kid = %q, want the RFC 7638 thumbprint %q", k.KID, tp)
				}
			}
		})
	}
}

// TestKeyAPIErrors checks every refusal: the status, the headers, and the
// JSON body, which testdata/api_errors.golden holds (go test -update).
func TestKeyAPIErrors(t *testing.T) {
	h := Handler(Options{})
	tests := []struct {
		name   string
		method string
		target string
		hdr    map[string]string
		status int
	}{
		{"unknown alg", "GET", "/api/v1/key?alg=HS1", nil, 400},
		{"empty alg", "GET", "/api/v1/key?alg=", nil, 400},
		{"none alg", "GET", "/api/v1/key?alg=none", nil, 400},
		{"unknown encoding", "GET", "/api/v1/key?encoding=base32", nil, 400},
		{"raw refused", "GET", "/api/v1/key?encoding=raw", nil, 400},
		{"jwks refused", "GET", "/api/v1/key?encoding=jwks", nil, 400},
		{"pem for a secret", "GET", "/api/v1/key?alg=HS256&encoding=pem", nil, 400},
		{"hex for a key pair", "GET", "/api/v1/key?alg=ES256&encoding=hex", nil, 400},
		{"count zero", "GET", "/api/v1/key?count=0", nil, 400},
		{"count negative", "GET", "/api/v1/key?count=-1", nil, 400},
		{"count too big", "GET", "/api/v1/key?count=101", nil, 400},
		{"count not a number", "GET", "/api/v1/key?count=ten", nil, 400},
		{"count huge", "GET", "/api/v1/key?count=99999999999999999999", nil, 400},
		{"too many RSA", "GET", "/api/v1/key?alg=RS256&count=5", nil, 400},
		{"unknown parameter", "GET", "/api/v1/key?secret=hunter2", nil, 400},
		{"repeated parameter", "GET", "/api/v1/key?alg=HS256&alg=HS512", nil, 400},
		{"healthz with query", "GET", "/healthz?x=1", nil, 400},
		{"post key", "POST", "/api/v1/key", nil, 405},
		{"put key", "PUT", "/api/v1/key", nil, 405},
		{"delete key", "DELETE", "/api/v1/key", nil, 405},
		{"options page", "OPTIONS", "/", nil, 405},
		{"post healthz", "POST", "/healthz", nil, 405},
		{"patch asset", "PATCH", "/app.js", nil, 405},
		{"unknown api", "GET", "/api/v2/key", nil, 404},
		{"foreign host", "GET", "/api/v1/key", map[string]string{"Host": "attacker.example:8080"}, 421},
		{"rebinding host", "GET", "/", map[string]string{"Host": "127.0.0.1.attacker.example"}, 421},
		{"cross-site fetch", "GET", "/api/v1/key?alg=RS512&count=4", map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image"}, 403},
		{"foreign origin", "GET", "/api/v1/key", map[string]string{"Origin": "http://attacker.example"}, 403},
	}
	var out bytes.Buffer
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := get(t, h, tc.method, tc.target, tc.hdr)
			assertSecurityHeaders(t, resp)
			b := body(t, resp)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, b)
			}
			if got := resp.Header.Get("Content-Type"); got != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", got)
			}
			if got := resp.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store", got)
			}
			if tc.status == 405 && resp.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("Allow = %q", resp.Header.Get("Allow"))
			}
			var er ErrorResponse
			dec := json.NewDecoder(bytes.NewReader(b))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&er); err != nil || er.Error == "" {
				t.Fatalf("body %q is not an error object: %v", b, err)
			}
			if strings.Contains(string(b), "hunter2") {
				t.Errorf("the error repeats a value it was sent: %s", b)
			}
			fmt.Fprintf(&out, "%s %s -> %d %s", tc.method, tc.target, resp.StatusCode, b)
		})
	}
	golden.Check(t, filepath.Join("testdata", "api_errors.golden"), out.Bytes())
}

func TestRequestBodyRefused(t *testing.T) {
	h := Handler(Options{})
	req := httptest.NewRequest("GET", "/api/v1/key", strings.NewReader("secret=hunter2"))
	req.Host = "localhost"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("GET with a body: status %d, want 413", rec.Code)
	}
	if strings.Contains(rec.Body.String(), "hunter2") {
		t.Error("the error repeats the body")
	}
}

func TestHostCheck(t *testing.T) {
	lan := []string{"192.168.1.10", "example.com", "fe80::1"}
	tests := []struct {
		host  string
		hosts []string // Options.Hosts
		want  int
	}{
		{"127.0.0.1:8080", nil, 200},
		{"localhost:8080", nil, 200},
		{"LOCALHOST", nil, 200},
		{"app.localhost:8080", nil, 200},
		{"[::1]:8080", nil, 200},
		{"[0:0:0:0:0:0:0:1]", nil, 200},
		{"127.8.9.10", nil, 200},
		{"192.168.1.10:8080", nil, 421},
		{"example.com", nil, 421},
		{"localhost.example.com", nil, 421},
		{"", nil, 421},
		{"[::ffff:127.0.0.1]:8080", nil, 421},
		{"0.0.0.0:8080", nil, 421},
		{"localhost.:8080", nil, 421},
		// Off loopback the check stays on: the names given, and no others.
		{"192.168.1.10:8080", lan, 200},
		{"example.com", lan, 200},
		{"EXAMPLE.com:80", lan, 200},
		{"[fe80::1]:8080", lan, 200},
		{"[FE80:0::1]", lan, 200},
		{"localhost:8080", lan, 200},
		{"attacker.example:8080", lan, 421},
		{"www.example.com", lan, 421},
		{"192.168.1.11", lan, 421},
		{"", lan, 421},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s/%d", tc.host, len(tc.hosts)), func(t *testing.T) {
			resp := get(t, Handler(Options{Hosts: tc.hosts}), "GET", "/healthz", map[string]string{"Host": tc.host})
			if resp.StatusCode != tc.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.want)
			}
			if b := string(body(t, resp)); tc.want == 421 && tc.hosts != nil && strings.Contains(b, "192.168") {
				t.Errorf("the refusal lists the server's addresses to whoever asks: %s", b)
			}
		})
	}
}

func TestIsLoopback(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		{"127.0.0.1:8080", true},
		{"127.0.0.2:0", true},
		{"localhost:8080", true},
		{"[::1]:8080", true},
		{":8080", false},
		{"0.0.0.0:8080", false},
		{"[::]:8080", false},
		{"192.168.1.2:8080", false},
		{"example.com:80", false},
		{"127.0.0.1", false}, // no port: not an address
	}
	for _, tc := range tests {
		if got := IsLoopback(tc.addr); got != tc.want {
			t.Errorf("IsLoopback(%q) = %v, want %v", tc.addr, got, tc.want)
		}
	}
}

func TestStaticAssets(t *testing.T) {
	h := Handler(Options{})
	tests := []struct {
		path  string
		ctype string
		cache string
	}{
		{"/", "text/html; charset=utf-8", "no-store"},
		{"/index.html", "text/html; charset=utf-8", "no-store"},
		{"/app.js", "text/javascript; charset=utf-8", "no-cache"},
		{"/app.css", "text/css; charset=utf-8", "no-cache"},
		{"/favicon.svg", "image/svg+xml", "no-cache"},
		{"/wasm_exec.js", "text/javascript; charset=utf-8", "no-cache"},
		{"/check.wasm", "application/wasm", "no-cache"},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			want, ok := Asset(tc.path)
			if !ok {
				t.Fatalf("no asset %s", tc.path)
			}
			plain := get(t, h, "GET", tc.path, nil)
			assertSecurityHeaders(t, plain)
			if plain.StatusCode != 200 || plain.Header.Get("Content-Type") != tc.ctype || plain.Header.Get("Cache-Control") != tc.cache {
				t.Errorf("status %d, Content-Type %q, Cache-Control %q; want 200, %q, %q",
					plain.StatusCode, plain.Header.Get("Content-Type"), plain.Header.Get("Cache-Control"), tc.ctype, tc.cache)
			}
			isHTML := strings.HasPrefix(tc.ctype, "text/html")
			for name, want := range map[string]string{"X-Frame-Options": "DENY", "Cross-Origin-Opener-Policy": "same-origin"} {
				if got := plain.Header.Get(name); (got == want) != isHTML {
					t.Errorf("%s = %q on %s", name, got, tc.ctype)
				}
			}
			if plain.Header.Get("Content-Encoding") != "" || !bytes.Equal(body(t, plain), want) {
				t.Error("a client without gzip did not get the plain file")
			}

			gz := get(t, h, "GET", tc.path, map[string]string{"Accept-Encoding": "br, gzip;q=0.8"})
			if gz.Header.Get("Content-Encoding") != "gzip" || gz.Header.Get("Vary") != "Accept-Encoding" {
				t.Fatalf("Content-Encoding %q, Vary %q; want gzip, Accept-Encoding", gz.Header.Get("Content-Encoding"), gz.Header.Get("Vary"))
			}
			zr, err := gzip.NewReader(gz.Body)
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(zr)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("the gzip body does not decompress to the file: %v", err)
			}

			head := get(t, h, "HEAD", tc.path, nil)
			if head.StatusCode != 200 || len(body(t, head)) != 0 || head.Header.Get("Content-Length") != plain.Header.Get("Content-Length") {
				t.Errorf("HEAD: status %d, Content-Length %q (GET %q)", head.StatusCode, head.Header.Get("Content-Length"), plain.Header.Get("Content-Length"))
			}

			if tc.cache == "no-cache" {
				etag := plain.Header.Get("ETag")
				again := get(t, h, "GET", tc.path, map[string]string{"If-None-Match": etag})
				if etag == "" || again.StatusCode != http.StatusNotModified {
					t.Errorf("If-None-Match %q: status %d, want 304", etag, again.StatusCode)
				}
			}
		})
	}
	t.Run("missing", func(t *testing.T) {
		resp := get(t, h, "GET", "/nope.js", nil)
		assertSecurityHeaders(t, resp)
		if resp.StatusCode != 404 {
			t.Errorf("status %d, want 404", resp.StatusCode)
		}
	})
	t.Run("wasm is WebAssembly", func(t *testing.T) {
		wasm, _ := Asset("/check.wasm")
		if !bytes.HasPrefix(wasm, []byte("\x00asm")) {
			t.Errorf("check.wasm starts with %q", wasm[:min(8, len(wasm))])
		}
	})
}

func TestAcceptsGzip(t *testing.T) {
	tests := []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"GZIP", true},
		{"br, gzip, deflate", true},
		{"gzip;q=0.5", true},
		{"gzip;q=0", false},
		{"gzip; q=0.0", false},
		{"deflate, br", false},
		{"x-gzip", false},
		{"*", false},
	}
	for _, tc := range tests {
		if got := acceptsGzip(tc.header); got != tc.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", tc.header, got, tc.want)
		}
	}
}

// TestPageHasNoInlineCode keeps the page within its own CSP: no inline
// script, style or event handler, and every element app.js looks up exists.
func TestPageHasNoInlineCode(t *testing.T) {
	html, _ := Asset("/index.html")
	js, _ := Asset("/app.js")
	page := string(html)
	for _, bad := range []string{"<style", " style=", "javascript:", "http://", "https://"} {
		if strings.Contains(page, bad) {
			t.Errorf("index.html contains %q", bad)
		}
	}
	if strings.Count(page, "<script") != strings.Count(page, "<script src=") {
		t.Error("index.html has an inline script")
	}
	for _, attr := range []string{"onclick", "onload", "onerror", "onchange", "oninput", "onsubmit"} {
		if strings.Contains(page, attr+"=") {
			t.Errorf("index.html has an inline %s handler", attr)
		}
	}
	for _, bad := range []string{"innerHTML", "outerHTML", "eval(", "new Function", "Math.random", "fetch(\"/api", "XMLHttpRequest"} {
		if strings.Contains(string(js), bad) {
			t.Errorf("app.js uses %s", bad)
		}
	}
	for _, m := range regexpAll(`\$\("([a-z-]+)"\)`, string(js)) {
		if !strings.Contains(page, `id="`+m+`"`) {
			t.Errorf("app.js looks up #%s, which index.html lacks", m)
		}
	}
}

// TestPageWeight reports what the page costs on the wire and keeps the
// first load small. The checker's WebAssembly loads only when opened.
func TestPageWeight(t *testing.T) {
	first := 0
	for _, p := range []string{"/", "/app.css", "/app.js", "/favicon.svg"} {
		first += CompressedSize(p)
	}
	checker := CompressedSize("/wasm_exec.js") + CompressedSize("/check.wasm")
	t.Logf("first load (HTML+CSS+JS+icon, gzip): %d bytes; checker (wasm_exec.js+check.wasm, gzip): %d bytes", first, checker)
	if first > 24<<10 {
		t.Errorf("the first load is %d bytes compressed; keep it under 24 KiB", first)
	}
	if checker > 4<<20 {
		t.Errorf("the checker is %d bytes compressed; keep it under 4 MiB", checker)
	}
}

func FuzzParseKeyQuery(f *testing.F) {
	for _, q := range []string{"", "alg=HS256", "alg=ES256&encoding=jwk&count=2", "count=0", "alg=&alg=", "x=1", "count=1e3", "encoding=PEM&alg=rs512"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		req, err := parseKeyQuery(q)
		if err != nil {
			if _, ok := err.(*paramError); !ok {
				t.Fatalf("error of type %T", err)
			}
			return
		}
		if req.alg.Family() == 0 || req.count < 1 || req.count > MaxCount {
			t.Fatalf("accepted %q as %+v", raw, req)
		}
		if req.alg.IsHMAC() && !req.enc.ForSecrets() || !req.alg.IsHMAC() && !req.enc.ForKeyPairs() {
			t.Fatalf("accepted encoding %s for %s", req.enc, req.alg)
		}
		if req.alg.Family() == keygen.FamilyRSA && req.count > MaxRSACount {
			t.Fatalf("accepted %d RSA keys", req.count)
		}
	})
}

func regexpAll(pattern, s string) []string {
	var out []string
	for _, m := range regexp.MustCompile(pattern).FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	return out
}

// BenchmarkKeyAPI is the handler's cost per GET /api/v1/key without the
// network; bench/serve/run.sh measures it over loopback.
func BenchmarkKeyAPI(b *testing.B) {
	h := Handler(Options{})
	req := httptest.NewRequest("GET", "/api/v1/key?alg=HS256&encoding=hex", nil)
	req.Host = "127.0.0.1:8080"
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

// TestAppendSecretsMatchesJSON holds the hand-written fast path to what
// encoding/json makes of the same keys.
func TestAppendSecretsMatchesJSON(t *testing.T) {
	for _, alg := range []keygen.Algorithm{keygen.HS256, keygen.HS384, keygen.HS512} {
		for _, enc := range []keygen.Encoding{keygen.Hex, keygen.Base64, keygen.Base64URL} {
			for _, count := range []int{1, 3} {
				fast, err := appendSecrets(nil, keyRequest{alg: alg, enc: enc, count: count})
				if err != nil {
					t.Fatal(err)
				}
				var kr KeyResponse
				if err := json.Unmarshal(fast, &kr); err != nil {
					t.Fatalf("%s %s: %v: %s", alg, enc, err, fast)
				}
				slow, err := json.Marshal(kr)
				if err != nil {
					t.Fatal(err)
				}
				if string(fast) != string(slow)+"\n" {
					t.Errorf("%s %s count %d:\nfast %s\njson %s", alg, enc, count, fast, slow)
				}
				if len(kr.Keys) != count {
					t.Errorf("%d keys, want %d", len(kr.Keys), count)
				}
			}
		}
	}
}
