package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"unicode"

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

With --export DIR, serve starts no server: it writes the page as static
files (index.html, app.css, app.js, favicon.svg, wasm_exec.js, check.wasm)
that any static host can serve, GitHub Pages or S3 among them, and prints
their paths. The Content-Security-Policy then travels in a <meta> tag,
without frame-ancestors, which a meta tag cannot carry; the page refuses to
work inside a frame instead. Existing files are kept unless --force is
given; each file is replaced atomically, index.html last.

For scripts the server also answers:
  GET /api/v1/key?alg=HS256&encoding=hex&count=1
      new keys made on the server, as {"keys":[{"key","public","alg",
      "encoding","bits","kid"}]}, the records "jwtkey generate --json"
      prints; alg is any algorithm "jwtkey generate" knows, encoding
      hex|base64|base64url|jwk for secrets and pem|jwk for key pairs, count
      1 to 100 (4 for RSA). Bad parameters get a 400 with {"error","param"}.
      RSA keys take about half a second each, so at most half the CPUs'
      worth of requests make them at once and as many more wait; the rest
      get a 503 with Retry-After, which curl --retry honours.
  GET /healthz
      {"status":"ok"}
No endpoint accepts a secret, and no request may carry a body; methods
other than GET and HEAD get a 405.

Security considerations:
  The server listens on 127.0.0.1 by default. Wherever it listens, it
  answers only requests whose Host header, port aside, is one of these,
  and 421 to the rest:
    - ` + web.LoopbackHosts + `;
    - each name or address given with --allow-host;
    - off loopback (--addr 0.0.0.0:8080, a LAN address), also this
      machine's host name and the addresses of its network interfaces.
  Off loopback or with --allow-host it prints that list at start-up. A web
  site that points its own DNS name at this machine (DNS rebinding) sends
  its own name, which is in no list.
  Requests from browser pages of another origin are refused with a 403:
  any request to the API or /healthz whose Sec-Fetch-Site is not
  same-origin or none, or whose Origin is not this server; for the page
  and its assets, everything but a link followed to the page. So no other
  site, and no other port on localhost, can make your browser spend this
  machine's CPU on keys.
  Listening on another address (--addr 0.0.0.0:8080) prints a warning:
  anyone who can reach the port can then ask the API for keys, and they
  travel unencrypted. Over plain HTTP on a non-loopback address browsers
  also withhold Web Crypto, so the page offers HMAC secrets only.
  Every response carries a strict Content-Security-Policy (no inline
  script, no framing, no other origins), nosniff and no-referrer; key
  responses are Cache-Control: no-store. Requests are not logged.
  An exported page is as private as its origin: any other page served
  from the same origin (another project on the same github.io name, say)
  can open it and read its keys. Give it an origin of its own, and serve
  it over HTTPS, where browsers offer Web Crypto for key pairs.

Standards: RFC 7518 §3.2 (HMAC key sizes), RFC 7517 (JWK), RFC 7638 (the
kid of a key pair is its thumbprint), RFC 9110 §15.6.4 (503, Retry-After),
W3C Content Security Policy Level 3, W3C Fetch Metadata.

Exit status: 0 after a clean shutdown (Ctrl-C, SIGTERM) or a complete
export; 2 if the address is bad or taken, a host name is not one, or the
export cannot be written.`

const serveExamples = `  jwtkey serve                       # http://127.0.0.1:8080/
  jwtkey serve --addr 127.0.0.1:0    # any free port
  jwtkey serve --addr 0.0.0.0:8080 --allow-host keys.example.internal
  jwtkey serve --export site         # static files for GitHub Pages, S3…
  curl -s 'http://127.0.0.1:8080/api/v1/key?alg=HS512&encoding=base64url' | jq -r '.keys[0].key'
  curl -s --retry 5 'http://127.0.0.1:8080/api/v1/key?alg=RS256&count=4'`

type serveOptions struct {
	addr       string
	allowHosts []string
	export     string
	force      bool
}

func (a *app) serveCommands() []*cobra.Command {
	var o serveOptions
	cmd := &cobra.Command{
		Use:     "serve",
		Short:   "Serve a local web page that generates keys in the browser",
		Long:    serveLong,
		Example: serveExamples,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.export != "" {
				if cmd.Flags().Changed("addr") || len(o.allowHosts) > 0 {
					return usageErrorf("--export writes files and starts no server: --addr and --allow-host do not apply")
				}
				return a.export(o.export, o.force)
			}
			if o.force {
				return usageErrorf("--force only applies with --export")
			}
			return a.serve(cmd.Context(), o.addr, o.allowHosts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on, host:port (port 0 picks a free one)")
	f.StringArrayVar(&o.allowHosts, "allow-host", nil, "also answer requests addressed to this host name or IP (repeatable)")
	f.StringVar(&o.export, "export", "", "write the page as static files to this directory instead of serving it")
	f.BoolVar(&o.force, "force", false, "with --export, replace files the directory already holds")
	return []*cobra.Command{cmd}
}

func (a *app) serve(ctx context.Context, addr string, allow []string) error {
	if ctx == nil {
		ctx = context.Background()
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return withHint(usageErrorf("bad address %q: want host:port", addr), "try --addr 127.0.0.1:8080")
	}
	hosts, err := web.AllowedHosts(addr, allow)
	if err != nil {
		return withHint(usageErrorf("--allow-host: %v", err), "give a host name or IP address, such as keys.example.internal or 192.0.2.10")
	}
	loopback := web.IsLoopback(addr)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return withHint(usageErrorf("cannot listen on %s: %v", addr, unwrapOpError(err)), "is another server using port %s? pick another with --addr 127.0.0.1:PORT", port)
	}
	if !loopback {
		a.warningf("listening on %s, not only on this machine: anyone who can reach it can ask for keys over plain HTTP", addr)
	}
	if len(hosts) > 0 {
		a.infof("answering requests addressed to loopback names and to %s", hostList(hosts))
	}
	url := "http://" + displayHost(host) + ":" + portOf(ln.Addr()) + "/"
	fmt.Fprintln(a.stdout, url)
	if isTerminal(a.stderr) {
		a.infof("open %s in a browser; press Ctrl-C to stop", url)
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := web.NewServer(web.Handler(web.Options{Hosts: hosts}), log.New(warningWriter{a}, "", 0))
	if err := web.Serve(ctx, srv, ln); err != nil {
		return err
	}
	a.infof("stopped")
	return nil
}

// export writes the static page and prints the paths written.
func (a *app) export(dir string, force bool) error {
	written, err := web.Export(dir, force)
	if errors.Is(err, fs.ErrExist) {
		return withHint(&cliError{code: exitError, err: err}, "use --force to replace them, or export to an empty directory")
	}
	if err != nil {
		return &cliError{code: exitError, err: err}
	}
	for _, p := range written {
		if strings.ContainsFunc(p, unicode.IsControl) {
			p = strconv.Quote(p) // never raw escapes on a terminal
		}
		fmt.Fprintln(a.stdout, p)
	}
	if isTerminal(a.stderr) {
		a.infof("publish %q with any static host; keys are made in the visitor's browser", dir)
	}
	return nil
}

// hostList writes host names as a Host header carries them: IPv6 in
// brackets. They are checked names and interface addresses, safe to print.
func hostList(hosts []string) string {
	out := make([]string, len(hosts))
	for i, h := range hosts {
		if strings.Contains(h, ":") {
			h = "[" + h + "]"
		}
		out[i] = h
	}
	return strings.Join(out, ", ")
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
