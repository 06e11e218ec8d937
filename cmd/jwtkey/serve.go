package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/jwtkey/jwtkey/web"
)

const serveLong = `Serve starts a small web server with a key generator page and prints its
URL. Open it, click Generate, copy the key.

The page makes keys in the browser with crypto.getRandomValues and Web
Crypto: generating sends no request, and no key crosses the network. Its
"check a secret" box judges a pasted secret in the browser with the same
rules as "jwtkey check", compiled to WebAssembly. Everything the page needs
is inside the jwtkey binary: it works offline and loads nothing from
elsewhere.

For scripts the server also answers:
  GET /api/v1/key?alg=HS256&encoding=hex&count=1
      new keys made on the server, as {"keys":[{"key","alg","encoding",
      "bits","kid","public"}]}; alg is any algorithm "jwtkey generate"
      knows, encoding hex|base64|base64url|jwk for secrets and pem|jwk for
      key pairs, count 1 to 100 (4 for RSA). Bad parameters get a 400
      with {"error","param"}.
  GET /healthz
      {"status":"ok"}
No endpoint accepts a secret, and no request may carry a body; methods
other than GET and HEAD get a 405.

Security considerations:
  The server listens on 127.0.0.1 by default and then answers only
  requests addressed to localhost, 127.0.0.1 or [::1], which stops other
  web sites from reaching it through DNS rebinding. Listening on another
  address (--addr 0.0.0.0:8080) prints a warning: anyone who can reach the
  port can then ask the API for keys, and they travel unencrypted. Over
  plain HTTP on a non-loopback address browsers also withhold Web Crypto,
  so the page offers HMAC secrets only.
  Every response carries a strict Content-Security-Policy (no inline
  script, no framing, no other origins), nosniff and no-referrer; key
  responses are Cache-Control: no-store. Requests are not logged.

Standards: RFC 7518 §3.2 (HMAC key sizes), RFC 7517 (JWK), RFC 7638 (the
kid of a key pair is its thumbprint), W3C Content Security Policy Level 3.

Exit status: 0 after a clean shutdown (Ctrl-C, SIGTERM); 2 if the address
is bad or taken.`

const serveExamples = `  jwtkey serve                       # http://127.0.0.1:8080/
  jwtkey serve --addr 127.0.0.1:0    # any free port
  curl -s 'http://127.0.0.1:8080/api/v1/key?alg=HS512&encoding=base64url' | jq -r '.keys[0].key'`

func (a *app) serveCommands() []*cobra.Command {
	var addr string
	cmd := &cobra.Command{
		Use:     "serve",
		Short:   "Serve a local web page that generates keys in the browser",
		Long:    serveLong,
		Example: serveExamples,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.serve(cmd.Context(), addr)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on, host:port (port 0 picks a free one)")
	return []*cobra.Command{cmd}
}

func (a *app) serve(ctx context.Context, addr string) error {
	if ctx == nil {
		ctx = context.Background()
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return withHint(usageErrorf("bad address %q: want host:port", addr), "try --addr 127.0.0.1:8080")
	}
	loopback := web.IsLoopback(addr)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return withHint(usageErrorf("cannot listen on %s: %v", addr, unwrapOpError(err)), "is another server using port %s? pick another with --addr 127.0.0.1:PORT", port)
	}
	if !loopback {
		a.warningf("listening on %s, not only on this machine: anyone who can reach it can ask for keys over plain HTTP", addr)
	}
	url := "http://" + displayHost(host) + ":" + portOf(ln.Addr()) + "/"
	fmt.Fprintln(a.stdout, url)
	if isTerminal(a.stderr) {
		a.infof("open %s in a browser; press Ctrl-C to stop", url)
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := web.NewServer(web.Handler(web.Options{AnyHost: !loopback}), log.New(warningWriter{a}, "", 0))
	if err := web.Serve(ctx, srv, ln); err != nil {
		return err
	}
	a.infof("stopped")
	return nil
}

// displayHost is the host part of the URL to print: the address as given,
// with IPv6 in brackets, and localhost for a wildcard address.
func displayHost(host string) string {
	switch {
	case host == "" || host == "0.0.0.0" || host == "::":
		return "localhost"
	case strings.Contains(host, ":"):
		return "[" + host + "]"
	}
	return host
}

func portOf(a net.Addr) string {
	if t, ok := a.(*net.TCPAddr); ok {
		return fmt.Sprint(t.Port)
	}
	_, p, _ := net.SplitHostPort(a.String())
	return p
}

// unwrapOpError drops the "listen tcp ADDR:" prefix the error already
// repeats.
func unwrapOpError(err error) error {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		return op.Err
	}
	return err
}

// warningWriter turns the http.Server's own log lines (broken TLS attempts,
// panics) into jwtkey warnings. Requests are never logged.
type warningWriter struct{ a *app }

func (w warningWriter) Write(p []byte) (int, error) {
	w.a.warningf("server: %s", strings.TrimSpace(string(p)))
	return len(p), nil
}
