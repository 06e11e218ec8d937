package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/jwtkey/jwtkey/internal/display"
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
	ln, err := web.Listen(addr, allow)
	var he *web.HostError
	var le *web.ListenError
	switch {
	case errors.Is(err, web.ErrAddress):
		return withHint(usageErrorf("bad address %q: want host:port", addr), "try --addr 127.0.0.1:8080")
	case errors.As(err, &he):
		return withHint(usageErrorf("--allow-host: %v", he.Err), "give a host name or IP address, such as keys.example.internal or 192.0.2.10")
	case errors.As(err, &le):
		return withHint(usageErrorf("cannot listen on %s: %v", addr, le.Err), "is another server using port %s? pick another with --addr 127.0.0.1:PORT", le.Port)
	case err != nil:
		return err
	}
	a.say(ln.Notes())
	fmt.Fprintln(a.stdout, ln.URL)
	if isTerminal(a.stderr) {
		a.infof("open %s in a browser; press Ctrl-C to stop", ln.URL)
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The server's own errors (broken TLS attempts, panics) are
	// warnings; requests are never logged.
	if err := ln.Serve(ctx, func(msg string) { a.warningf("server: %s", msg) }); err != nil {
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
		fmt.Fprintln(a.stdout, display.Text(p))
	}
	if isTerminal(a.stderr) {
		a.infof("publish %q with any static host; keys are made in the visitor's browser", dir)
	}
	return nil
}
