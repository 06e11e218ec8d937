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
		Long:    manual("serve", "@LOOPBACK_HOSTS@", web.LoopbackHosts),
		Example: manual("serve.examples"),
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
