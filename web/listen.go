package web

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"strings"

	"github.com/jwtkey/jwtkey/internal/display"
)

// Listener is a socket opened for the site, with what a person is told
// about it.
type Listener struct {
	net.Listener
	// URL is the page to open: http://HOST:PORT/ with the host as given,
	// localhost for a wildcard address, an IPv6 host in brackets, and
	// the port the socket got.
	URL string
	// Hosts are the names, besides the loopback ones, that the server
	// answers to (AllowedHosts).
	Hosts []string
	// Loopback is set when only this machine can connect.
	Loopback bool

	addr string
}

// ErrAddress is returned by Listen for an address that is not host:port.
var ErrAddress = errors.New("web: the address is not host:port")

// HostError is returned by Listen for an extra host name that CheckHost
// refuses.
type HostError struct{ Err error }

func (e *HostError) Error() string { return e.Err.Error() }
func (e *HostError) Unwrap() error { return e.Err }

// ListenError is returned by Listen when the socket cannot be opened: the
// port is taken or out of range, say.
type ListenError struct {
	Addr, Port string
	Err        error // the system's reason, without the "listen tcp ADDR:" that Addr says
}

func (e *ListenError) Error() string {
	return fmt.Sprintf("web: cannot listen on %s: %v", e.Addr, e.Err)
}
func (e *ListenError) Unwrap() error { return e.Err }

// Listen opens a TCP socket on addr (host:port; port 0 picks a free one)
// for a server that answers the loopback names, the extra names and, off
// loopback, this machine's own (AllowedHosts). The address is checked
// first (ErrAddress), then the names (*HostError), then the socket is
// opened (*ListenError).
func Listen(addr string, extra []string) (*Listener, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("%w: %q", ErrAddress, addr)
	}
	hosts, err := AllowedHosts(addr, extra)
	if err != nil {
		return nil, &HostError{err}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		var op *net.OpError
		if errors.As(err, &op) && op.Err != nil {
			err = op.Err
		}
		return nil, &ListenError{Addr: addr, Port: port, Err: err}
	}
	switch {
	case host == "" || host == "0.0.0.0" || host == "::":
		host = "localhost"
	case strings.Contains(host, ":"):
		host = "[" + host + "]"
	}
	if t, ok := ln.Addr().(*net.TCPAddr); ok {
		port = fmt.Sprint(t.Port)
	}
	return &Listener{Listener: ln, URL: "http://" + host + ":" + port + "/", Hosts: hosts, Loopback: IsLoopback(addr), addr: addr}, nil
}

// Notes say who can reach the server: a warning when it is not only this
// machine, and the names it answers besides the loopback ones, as a Host
// header carries them (IPv6 in brackets). The names are checked ones and
// interface addresses, safe to print.
func (l *Listener) Notes() []display.Note {
	var n []display.Note
	if !l.Loopback {
		n = append(n, display.Warningf("listening on %s, not only on this machine: anyone who can reach it can ask for keys over plain HTTP", l.addr))
	}
	if len(l.Hosts) > 0 {
		names := make([]string, len(l.Hosts))
		for i, h := range l.Hosts {
			if strings.Contains(h, ":") {
				h = "[" + h + "]"
			}
			names[i] = h
		}
		n = append(n, display.Infof("answering requests addressed to loopback names and to %s", strings.Join(names, ", ")))
	}
	return n
}

// Serve runs the site on l with NewServer's limits until ctx is done, as
// Serve does. warn gets each line the http.Server logs about its own
// errors (broken TLS attempts, panics), without the line break; requests
// are never logged.
func (l *Listener) Serve(ctx context.Context, warn func(string)) error {
	errorLog := log.New(logLines(warn), "", 0)
	return Serve(ctx, NewServer(Handler(Options{Hosts: l.Hosts}), errorLog), l.Listener)
}

// logLines hands each line a log.Logger writes to a function.
type logLines func(string)

func (f logLines) Write(p []byte) (int, error) {
	f(strings.TrimSpace(string(p)))
	return len(p), nil
}
