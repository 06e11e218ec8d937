package web

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"strings"
	"time"
)

// ContentSecurityPolicy is sent with every response. The page has no inline
// script or style, so neither 'unsafe-inline' nor 'unsafe-eval' is needed;
// 'wasm-unsafe-eval' lets the page compile the checker's WebAssembly and
// nothing else.
const ContentSecurityPolicy = MetaContentSecurityPolicy + "; frame-ancestors 'none'"

// MetaContentSecurityPolicy is the policy an exported page carries in a
// <meta http-equiv> tag: ContentSecurityPolicy without frame-ancestors,
// which browsers ignore (with a console warning) in a meta tag.
const MetaContentSecurityPolicy = "default-src 'self'; " +
	"script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self'; " +
	"img-src 'self'; " +
	"connect-src 'self'; " +
	"object-src 'none'; " +
	"base-uri 'none'; " +
	"form-action 'none'"

// Limits of the server made by NewServer. No request may carry a body, so
// the only input a client controls is its request line and headers.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 10 * time.Second
	WriteTimeout      = 30 * time.Second // room for an RSA key or two
	IdleTimeout       = 60 * time.Second
	MaxHeaderBytes    = 16 << 10
	ShutdownTimeout   = 5 * time.Second
)

// securityHeaders go on every response, keys in canonical form. They are
// four, so that with Content-Type, Content-Length, Cache-Control and Date a
// response's header map stays in one small map group (this is the JSON
// API's hot path).
var securityHeaders = http.Header{
	"Content-Security-Policy":      {ContentSecurityPolicy},
	"X-Content-Type-Options":       {"nosniff"},
	"Referrer-Policy":              {"no-referrer"},
	"Cross-Origin-Resource-Policy": {"same-origin"},
}

// documentHeaders go on the HTML page only: they govern how a document is
// framed, opened and what it may use, and mean nothing on JSON or a script.
var documentHeaders = http.Header{
	"X-Frame-Options":            {"DENY"}, // for browsers older than frame-ancestors
	"Cross-Origin-Opener-Policy": {"same-origin"},
	"Permissions-Policy":         {"camera=(), microphone=(), geolocation=(), payment=(), usb=()"},
}

// Options configure Handler.
type Options struct {
	// Hosts are the Host names and addresses the server answers to besides
	// LoopbackHosts; AllowedHosts makes the list for a listen address.
	// Requests addressed to any other name get a 421, so that a web page
	// that rebinds its own DNS name to this machine cannot reach the
	// server through the user's browser.
	Hosts []string

	// RSAWorkers caps how many requests make RSA keys at once; 0 means
	// DefaultRSAWorkers. RSAQueue is how many more may wait for a turn; 0
	// means as many as RSAWorkers, a negative number none. Requests beyond
	// both get a 503 with Retry-After.
	RSAWorkers int
	RSAQueue   int
}

// Handler returns the whole site: the page, its assets, the JSON API and
// /healthz, with the security headers on every response.
func Handler(opts Options) http.Handler {
	keys := &keyHandler{rsa: newLimiter(opts.RSAWorkers, opts.RSAQueue)}
	mux := http.NewServeMux()
	mux.Handle("/api/v1/key", keys)
	mux.HandleFunc("/healthz", handleHealth)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "", "no such endpoint; the API has GET /api/v1/key")
	})
	mux.Handle("/", staticHandler())
	return guard(mux, newHostSet(opts.Hosts))
}

// guard sets the security headers and refuses what no endpoint accepts:
// Host names not in hosts, cross-origin requests from browsers, methods
// other than GET and HEAD, and request bodies.
func guard(next http.Handler, hosts hostSet) http.Handler {
	hostMsg := "this server answers only to " + LoopbackHosts
	if len(hosts) > 0 {
		// Not the list itself: a rebinding page can read this answer, and
		// the machine's names and addresses are none of its business.
		hostMsg = "this server answers only to loopback names and the host names it was started with"
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range securityHeaders {
			h[k] = v // shared, never modified: saves an allocation per header
		}
		if !hosts.allows(r.Host) {
			writeError(w, http.StatusMisdirectedRequest, "", hostMsg)
			return
		}
		api := r.URL.Path == "/healthz" || strings.HasPrefix(r.URL.Path, "/api/")
		if crossOrigin(r, api) {
			writeError(w, http.StatusForbidden, "", "cross-origin requests are refused: this server answers scripts and its own page")
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, "", "method "+r.Method+" not allowed; use GET")
			return
		}
		if r.ContentLength != 0 || len(r.TransferEncoding) > 0 {
			writeError(w, http.StatusRequestEntityTooLarge, "", "requests may not carry a body")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// IsLoopback reports whether a listen address such as "127.0.0.1:8080"
// accepts connections only from this machine. An empty host (all
// interfaces) is not loopback.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// NewServer returns an http.Server for h with the timeouts and header limit
// above. Errors the server logs (a client's broken TLS attempt, a panic) go
// to errorLog; requests are never logged.
func NewServer(h http.Handler, errorLog *log.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
		ErrorLog:          errorLog,
	}
}

// Serve runs srv on ln until ctx is done, then shuts it down gracefully,
// giving open requests ShutdownTimeout to finish.
func Serve(ctx context.Context, srv *http.Server, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serving: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	return nil
}
