package web

import (
	"context"
	"crypto"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/jwtkey/jwtkey/keygen"
)

var updateScreenshot = flag.Bool("update-screenshot", false, "write the page's screenshot to ../docs/screenshot.png")

// chromePath finds a Chromium to drive: $CHROME_PATH, then the usual
// places Debian and others install it.
func chromePath() string {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p
	}
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newBrowser starts one headless Chromium for all subtests of t. Outside CI
// a missing browser skips the test; in CI it fails it.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromePath()
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("no Chromium found at /usr/bin/chromium or $CHROME_PATH; CI must run the browser tests (apt-get install -y chromium)")
		}
		browserSkipped.Store(true)
		t.Skip("skipping the browser tests: no Chromium at /usr/bin/chromium or $CHROME_PATH (apt-get install -y chromium)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // root in containers and CI
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		// The test machines have no network; background traffic only
		// makes noise in the logs and in the request counts.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1000, 1300),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
	})
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return bctx
}

// browserSkipped records that newBrowser found no Chromium.
var browserSkipped atomic.Bool

// TestMain says so when the browser tests were skipped. "go test ./..."
// shows nothing of a passing package, so the note goes to the terminal
// itself where there is one.
func TestMain(m *testing.M) {
	code := m.Run()
	if browserSkipped.Load() {
		const note = "web: the browser tests were SKIPPED: no Chromium at /usr/bin/chromium or $CHROME_PATH (apt-get install -y chromium)\n"
		if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
			tty.WriteString(note)
			tty.Close()
		} else {
			os.Stderr.WriteString(note)
		}
	}
	os.Exit(code)
}

// cspRecorder runs before the page's own scripts and keeps every
// Content-Security-Policy violation the page reports.
const cspRecorder = `window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});`

// tab is one page of the app in its own browser tab, with a record of the
// requests it made and the errors it logged.
type tab struct {
	t   *testing.T
	ctx context.Context
	url string

	mu       sync.Mutex
	requests []string // URLs, in order
	errors   []string // console errors, exceptions, browser log errors
}

func openTab(t *testing.T, browserCtx context.Context, url string) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx)
	t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelT)
	tb := &tab{t: t, ctx: ctx, url: url}
	err := chromedp.Listen(ctx, func(ev any) {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			tb.requests = append(tb.requests, e.Request.URL)
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				tb.errors = append(tb.errors, "console: "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			tb.errors = append(tb.errors, "exception: "+e.ExceptionDetails.Text+" "+describeException(e.ExceptionDetails))
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError || e.Entry.Level == cdplog.EntryLevelWarning {
				tb.errors = append(tb.errors, "log "+string(e.Entry.Source)+": "+e.Entry.Text)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	tb.do(chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: cspRecorder})
		return err
	}))
	return tb
}

func describeException(d *runtime.ExceptionDetails) string {
	if d.Exception != nil {
		return d.Exception.Description
	}
	return ""
}

func (tb *tab) do(steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, steps...); err != nil {
		tb.t.Fatal(err)
	}
}

// eval runs a JavaScript expression and returns its value as T.
func eval[T any](tb *tab, expr string, opts ...chromedp.EvaluateOption) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		tb.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// load navigates to the page and waits for the key made on load.
func (tb *tab) load() *network.Response {
	tb.t.Helper()
	resp, err := chromedp.Run(tb.ctx, chromedp.NavigateResponse(tb.url))
	if err != nil {
		tb.t.Fatal(err)
	}
	tb.do(chromedp.Poll[chromedp.Void](`document.getElementById("key").textContent.length > 0`))
	return resp
}

// mark returns the number of requests so far, for requestsSince.
func (tb *tab) mark() int {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return len(tb.requests)
}

func (tb *tab) requestsSince(mark int) []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return slices.Clone(tb.requests[mark:])
}

// assertClean fails the test if the page logged an error or reported a CSP
// violation.
func (tb *tab) assertClean() {
	tb.t.Helper()
	if v := eval[[]string](tb, `window.__csp`); len(v) > 0 {
		tb.t.Errorf("CSP violations: %q", v)
	}
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if len(tb.errors) > 0 {
		tb.t.Errorf("the page logged errors: %q", tb.errors)
	}
}

// selectOption picks a value in a <select> the way a user does: the change
// event fires.
func (tb *tab) selectOption(id, value string) {
	tb.t.Helper()
	got := eval[string](tb, fmt.Sprintf(`(() => {
		const s = document.getElementById(%q);
		s.value = %q;
		s.dispatchEvent(new Event("change", {bubbles: true}));
		return s.value;
	})()`, id, value))
	if got != value {
		tb.t.Fatalf("#%s has no option %q", id, value)
	}
}

// shown is the key on screen.
type shown struct {
	Text     string `json:"text"`
	Public   string `json:"public"`
	Alg      string `json:"alg"`
	Encoding string `json:"encoding"`
}

const readKey = `(() => {
	const k = document.getElementById("key");
	return {text: k.textContent, public: document.getElementById("public").textContent,
		alg: k.dataset.alg || "", encoding: k.dataset.encoding || ""};
})()`

// settle waits until the page shows a key for alg and enc and is ready for
// the next click.
func (tb *tab) settle(alg, enc string) shown {
	tb.t.Helper()
	tb.do(chromedp.Poll[chromedp.Void](fmt.Sprintf(`(() => {
		const k = document.getElementById("key");
		return k.dataset.alg === %q && k.dataset.encoding === %q && k.textContent !== "" &&
			!document.getElementById("generate").disabled;
	})()`, alg, enc)))
	return eval[shown](tb, readKey)
}

// clickGenerate clicks Generate and returns the new key once it differs
// from before.
func (tb *tab) clickGenerate(before shown) shown {
	tb.t.Helper()
	tb.do(chromedp.Click(chromedp.ID("generate"), chromedp.NodeVisible))
	tb.do(chromedp.Poll[chromedp.Void](fmt.Sprintf(`document.getElementById("key").textContent !== %q &&
		!document.getElementById("generate").disabled`, before.Text)))
	return eval[shown](tb, readKey)
}

func TestBrowser(t *testing.T) {
	bctx := newBrowser(t)
	srv := httptest.NewServer(Handler(Options{}))
	t.Cleanup(srv.Close)
	url := srv.URL + "/"

	t.Run("load", func(t *testing.T) {
		tb := openTab(t, bctx, url)
		resp := tb.load()
		if got := header(resp.Headers, "Content-Security-Policy"); got != ContentSecurityPolicy {
			t.Errorf("Content-Security-Policy = %q, want %q", got, ContentSecurityPolicy)
		}
		for name, want := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"Referrer-Policy":        "no-referrer",
			"Cache-Control":          "no-store",
		} {
			if got := header(resp.Headers, name); got != want {
				t.Errorf("%s = %q, want %q", name, got, want)
			}
		}
		k := tb.settle("HS256", "hex")
		checkSecret(t, "HS256", "hex", k.Text)
		// Loading the page fetches the page and its assets, never the
		// checker: that waits until the checker is opened.
		for _, u := range tb.requestsSince(0) {
			if strings.Contains(u, "wasm") {
				t.Errorf("the page loaded %s before the checker was opened", u)
			}
		}
		tb.assertClean()
	})

	t.Run("generate", func(t *testing.T) {
		tb := openTab(t, bctx, url)
		tb.load()
		for _, tc := range []struct{ alg, enc string }{
			{"HS256", "hex"}, {"HS256", "base64"}, {"HS256", "base64url"}, {"HS256", "jwk"},
			{"HS384", "hex"}, {"HS384", "base64"}, {"HS384", "base64url"}, {"HS384", "jwk"},
			{"HS512", "hex"}, {"HS512", "base64"}, {"HS512", "base64url"}, {"HS512", "jwk"},
			{"ES256", "pem"}, {"ES256", "jwk"}, {"ES384", "pem"}, {"ES512", "jwk"},
			{"EdDSA", "pem"}, {"EdDSA", "jwk"}, {"RS256", "pem"}, {"PS256", "jwk"},
		} {
			t.Run(tc.alg+"_"+tc.enc, func(t *testing.T) {
				tb.t = t
				tb.generateAndCheck(tc.alg, tc.enc)
			})
		}
		tb.t = t
		tb.assertClean()
	})

	t.Run("two_clicks_differ", func(t *testing.T) {
		tb := openTab(t, bctx, url)
		tb.load()
		k0 := tb.settle("HS256", "hex")
		mark := tb.mark()
		k1 := tb.clickGenerate(k0)
		k2 := tb.clickGenerate(k1)
		if k1.Text == k2.Text || k0.Text == k1.Text {
			t.Errorf("keys repeat: %q, %q, %q", k0.Text, k1.Text, k2.Text)
		}
		if reqs := tb.requestsSince(mark); len(reqs) > 0 {
			t.Errorf("generating made network requests: %q", reqs)
		}
		tb.assertClean()
	})

	t.Run("copy_env_line", func(t *testing.T) {
		tb := openTab(t, bctx, url)
		tb.load()
		origin := strings.TrimSuffix(url, "/")
		for _, name := range []string{"clipboard-read", "clipboard-write"} {
			if _, err := chromedp.CallBrowser(tb.ctx, browser.SetPermission, browser.SetPermissionParams{
				Permission: &browser.PermissionDescriptor{Name: name},
				Setting:    browser.PermissionSettingGranted,
				Origin:     origin,
			}); err != nil {
				t.Fatal(err)
			}
		}
		k := tb.settle("HS256", "hex")
		tb.do(
			chromedp.Clear(chromedp.ID("varname")),
			chromedp.SendKeys(chromedp.ID("varname"), "APP_JWT_KEY"),
			chromedp.Click(chromedp.ID("copy-env"), chromedp.NodeEnabled),
			chromedp.Poll[chromedp.Void](`document.getElementById("status").textContent.includes("copied")`),
		)
		got := eval[string](tb, `navigator.clipboard.readText()`, chromedp.EvalAwaitPromise)
		if want := "APP_JWT_KEY=" + k.Text; got != want {
			t.Errorf("clipboard = %q, want %q", got, want)
		}
		// A PEM key goes on one line: double-quoted, newlines as \n.
		tb.selectOption("alg", "ES256")
		tb.selectOption("encoding", "pem")
		pemKey := tb.settle("ES256", "pem")
		tb.do(
			chromedp.Click(chromedp.ID("copy-env"), chromedp.NodeEnabled),
			chromedp.Poll[chromedp.Void](`document.getElementById("status").textContent.includes("copied")`),
		)
		got = eval[string](tb, `navigator.clipboard.readText()`, chromedp.EvalAwaitPromise)
		if want := "APP_JWT_KEY=\"" + strings.ReplaceAll(pemKey.Text, "\n", `\n`) + "\""; got != want {
			t.Errorf("clipboard = %q, want %q", got, want)
		}
		// A name a .env file cannot hold disables the button.
		tb.do(chromedp.SendKeys(chromedp.ID("varname"), "-X"))
		if !eval[bool](tb, `document.getElementById("copy-env").disabled`) {
			t.Error(`"Copy as .env line" stays enabled for the name "APP_JWT_KEY-X"`)
		}
		tb.assertClean()
	})

	t.Run("checker", func(t *testing.T) {
		tb := openTab(t, bctx, url)
		tb.load()
		fresh := tb.settle("HS256", "hex")
		mark := tb.mark()
		tb.do(
			chromedp.Click(chromedp.CSS("#checker > summary"), chromedp.NodeVisible),
			chromedp.Poll[chromedp.Void](`document.getElementById("result").dataset.ready === "true"`, chromedp.WithPollingTimeout(60*time.Second)),
		)
		// Opening the checker loads it: the request log does see requests.
		loaded := tb.requestsSince(mark)
		if !slices.ContainsFunc(loaded, func(u string) bool { return strings.HasSuffix(u, "/check.wasm") }) ||
			!slices.ContainsFunc(loaded, func(u string) bool { return strings.HasSuffix(u, "/wasm_exec.js") }) {
			t.Errorf("opening the checker requested %q, want wasm_exec.js and check.wasm", loaded)
		}

		mark = tb.mark()
		tb.do(
			chromedp.SendKeys(chromedp.ID("secret"), "mysecretkey"),
			chromedp.Click(chromedp.ID("check")),
		)
		verdict := tb.verdict()
		if verdict != "weak" && verdict != "compromised" {
			t.Errorf(`verdict for "mysecretkey" = %q, want weak or compromised`, verdict)
		}
		shot := screenshot(t, tb, "checker.png")
		if *updateScreenshot {
			if err := os.WriteFile(filepath.Join("..", "docs", "screenshot.png"), shot, 0o644); err != nil {
				t.Fatal(err)
			}
		}

		tb.setSecret(fresh.Text)
		if verdict := tb.verdict(); verdict != "strong" {
			t.Errorf("verdict for a fresh HS256 key = %q, want strong; the page says %q", verdict,
				eval[string](tb, `document.getElementById("result").textContent`))
		}
		// Input the strength package refuses shows its reason.
		tb.setSecret("   ")
		if verdict := tb.verdict(); verdict != "error" {
			t.Errorf("verdict for a blank secret = %q, want error", verdict)
		}
		for _, u := range tb.requestsSince(mark) {
			t.Errorf("checking a secret made a request: %s", u)
		}
		tb.assertClean()
	})

	t.Run("csp_violation_is_detected", func(t *testing.T) {
		// The other subtests pass only if they see no violation; this one
		// shows that a violation would be seen.
		tb := openTab(t, bctx, url)
		tb.load()
		eval[bool](tb, `(() => {
			const s = document.createElement("script");
			s.textContent = "window.__inlineRan = true";
			document.body.append(s);
			return true;
		})()`)
		tb.do(chromedp.Poll[chromedp.Void](`window.__csp.length > 0`, chromedp.WithPollingTimeout(10*time.Second)))
		if eval[bool](tb, `window.__inlineRan === true`) {
			t.Error("an inline script ran despite the CSP")
		}
		v := eval[[]string](tb, `window.__csp`)
		if !strings.HasPrefix(v[0], "script-src") {
			t.Errorf("violation = %q, want one of script-src", v)
		}
	})

	t.Run("phone_width_and_dark", func(t *testing.T) {
		tb := openTab(t, bctx, url)
		tb.do(chromedp.EmulateViewport(360, 780, chromedp.EmulateScale(2), chromedp.EmulateMobile))
		tb.load()
		lightBG := eval[string](tb, `getComputedStyle(document.body).backgroundColor`)
		for _, c := range []struct{ alg, enc string }{{"HS512", "base64"}, {"HS512", "jwk"}, {"ES256", "pem"}} {
			tb.selectOption("alg", c.alg)
			tb.selectOption("encoding", c.enc)
			tb.settle(c.alg, c.enc)
			if over := eval[int](tb, `document.documentElement.scrollWidth - window.innerWidth`); over > 0 {
				t.Errorf("%s %s: the page is %dpx wider than a 360px phone", c.alg, c.enc, over)
			}
		}
		if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
		}); err != nil {
			t.Fatal(err)
		}
		darkBG := eval[string](tb, `getComputedStyle(document.body).backgroundColor`)
		if darkBG == lightBG {
			t.Errorf("the background is %s in light and dark", lightBG)
		}
		screenshot(t, tb, "phone-dark.png")
		tb.assertClean()
	})

	t.Run("keyboard_and_labels", func(t *testing.T) {
		tb := openTab(t, bctx, url)
		tb.load()
		if unlabeled := eval[[]string](tb, `[...document.querySelectorAll("input, select, textarea")]
			.filter((e) => e.labels.length === 0).map((e) => e.id)`); len(unlabeled) > 0 {
			t.Errorf("form fields without a label: %q", unlabeled)
		}
		if unnamed := eval[[]string](tb, `[...document.querySelectorAll("button")]
			.filter((b) => b.textContent.trim() === "").map((b) => b.id)`); len(unnamed) > 0 {
			t.Errorf("buttons without a name: %q", unnamed)
		}
		for _, id := range []string{"status", "checker-status", "result"} {
			if live := eval[string](tb, fmt.Sprintf(`document.getElementById(%q).getAttribute("aria-live")`, id)); live != "polite" {
				t.Errorf("#%s aria-live = %q, want polite", id, live)
			}
		}
		// Tab walks the controls in reading order.
		var order []string
		for range 9 {
			tb.do(chromedp.KeyEvent(kb.Tab))
			order = append(order, eval[string](tb, `document.activeElement.id || document.activeElement.tagName.toLowerCase()`))
		}
		want := []string{"skip", "alg", "encoding", "varname", "key", "generate", "copy", "copy-env", "summary"}
		if !slices.Equal(order, want) {
			t.Errorf("tab order = %q, want %q", order, want)
		}
		tb.assertClean()
	})
}

// verdict waits for the checker's verdict and returns it.
func (tb *tab) verdict() string {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Poll[string](`document.getElementById("result").dataset.verdict`))
	if err != nil {
		tb.t.Fatal(err)
	}
	return v
}

// setSecret replaces the checker's input as a paste does and checks it.
func (tb *tab) setSecret(s string) {
	tb.t.Helper()
	eval[bool](tb, fmt.Sprintf(`(() => {
		const r = document.getElementById("result");
		delete r.dataset.verdict;
		const s = document.getElementById("secret");
		s.value = %q;
		s.dispatchEvent(new Event("input", {bubbles: true}));
		return true;
	})()`, s))
	tb.do(chromedp.Click(chromedp.ID("check")))
}

func screenshot(t *testing.T, tb *tab, name string) []byte {
	t.Helper()
	png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
	return png
}

func header(h network.Headers, name string) string {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			s, _ := v.(string)
			return s
		}
	}
	return ""
}

var (
	hexRE       = regexp.MustCompile(`^[0-9a-f]+$`)
	base64RE    = regexp.MustCompile(`^[A-Za-z0-9+/]+={0,2}$`)
	base64urlRE = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
)

// checkSecret checks a secret the page made: its alphabet, its length, and
// that it decodes to alg.HashSize() bytes.
func checkSecret(t *testing.T, alg, enc, text string) {
	t.Helper()
	a := keygen.Algorithm(alg)
	var raw []byte
	var err error
	switch enc {
	case "hex":
		if !hexRE.MatchString(text) {
			t.Fatalf("%q is not lowercase hex", text)
		}
		raw, err = hex.DecodeString(text)
	case "base64":
		if !base64RE.MatchString(text) {
			t.Fatalf("%q is not base64", text)
		}
		raw, err = base64.StdEncoding.DecodeString(text)
	case "base64url":
		if !base64urlRE.MatchString(text) {
			t.Fatalf("%q is not unpadded base64url", text)
		}
		raw, err = base64.RawURLEncoding.DecodeString(text)
	case "jwk":
		var jwk struct{ Kty, Kid, Alg, Use, K string }
		if err := json.Unmarshal([]byte(text), &jwk); err != nil {
			t.Fatalf("JWK %q: %v", text, err)
		}
		if jwk.Kty != "oct" || jwk.Alg != alg || jwk.Use != "sig" || len(jwk.Kid) != 16 {
			t.Errorf("JWK = %+v, want kty oct, alg %s, use sig and a 16-character kid", jwk, alg)
		}
		if !base64urlRE.MatchString(jwk.K) {
			t.Fatalf("JWK k %q is not unpadded base64url", jwk.K)
		}
		raw, err = base64.RawURLEncoding.DecodeString(jwk.K)
		text = jwk.K
		enc = "base64url"
	default:
		t.Fatalf("unknown encoding %s", enc)
	}
	if err != nil {
		t.Fatalf("decoding %q: %v", text, err)
	}
	if len(raw) != a.HashSize() {
		t.Errorf("%s %s key holds %d bytes, want %d", alg, enc, len(raw), a.HashSize())
	}
	if want := keygen.EncodedLen(a.HashSize(), keygen.Encoding(enc)); len(text) != want {
		t.Errorf("%s %s key is %d characters, want %d", alg, enc, len(text), want)
	}
}

// checkPair checks a private key the page made, and its public half.
func checkPair(t *testing.T, alg, enc, priv, pub string) {
	t.Helper()
	a := keygen.Algorithm(alg)
	key, err := keygen.ParsePrivateKey([]byte(priv))
	if err != nil {
		t.Fatalf("parsing the %s %s key: %v\n%s", alg, enc, err, priv)
	}
	if err := keygen.CheckKey(a, key); err != nil {
		t.Fatal(err)
	}
	switch enc {
	case "pem":
		block, _ := pem.Decode([]byte(pub))
		if block == nil || block.Type != "PUBLIC KEY" {
			t.Fatalf("public key is not a PUBLIC KEY PEM block:\n%s", pub)
		}
		p, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		if !key.Public().(interface{ Equal(crypto.PublicKey) bool }).Equal(p) {
			t.Error("the public key does not belong to the private key")
		}
	case "jwk":
		var jwk struct{ Kid, Alg, Use string }
		if err := json.Unmarshal([]byte(priv), &jwk); err != nil {
			t.Fatal(err)
		}
		want, err := keygen.Thumbprint(key.Public())
		if err != nil {
			t.Fatal(err)
		}
		if jwk.Kid != want || jwk.Alg != alg || jwk.Use != "sig" {
			t.Errorf("JWK kid, alg, use = %q, %q, %q; want %q (RFC 7638), %q, sig", jwk.Kid, jwk.Alg, jwk.Use, want, alg)
		}
		if strings.Contains(pub, `"d"`) {
			t.Error("the public JWK holds the private exponent")
		}
	}
}

// generateAndCheck picks an algorithm and encoding on the page, clicks
// Generate, and checks the key shown: made without a network request, of
// the kind asked for, and a valid key of that kind.
func (tb *tab) generateAndCheck(alg, enc string) {
	t := tb.t
	t.Helper()
	tb.selectOption("alg", alg)
	tb.selectOption("encoding", enc)
	before := tb.settle(alg, enc)
	mark := tb.mark()
	k := tb.clickGenerate(before)
	if reqs := tb.requestsSince(mark); len(reqs) > 0 {
		t.Errorf("generating made network requests: %q", reqs)
	}
	if k.Alg != alg || k.Encoding != enc {
		t.Fatalf("page shows a %s %s key, want %s %s", k.Alg, k.Encoding, alg, enc)
	}
	if keygen.Algorithm(alg).IsHMAC() {
		checkSecret(t, alg, enc, k.Text)
	} else {
		checkPair(t, alg, enc, k.Text, k.Public)
	}
}
