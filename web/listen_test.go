package web

import (
	"context"
	"errors"
	"log"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/jwtkey/jwtkey/internal/display"
)

func TestListen(t *testing.T) {
	tests := []struct {
		addr  string
		allow []string
		url   string // a regexp
		notes []string
	}{
		{"127.0.0.1:0", nil, `^http://127\.0\.0\.1:\d+/$`, nil},
		{"localhost:0", nil, `^http://localhost:\d+/$`, nil},
		{"127.0.0.1:0", []string{"Keys.Example.Internal", "192.0.2.10"}, `^http://127\.0\.0\.1:\d+/$`,
			[]string{"answering requests addressed to loopback names and to 192.0.2.10, keys.example.internal"}},
		{"[::1]:0", []string{"2001:db8::1"}, `^http://\[::1\]:\d+/$`,
			[]string{"answering requests addressed to loopback names and to [2001:db8::1]"}},
	}
	for _, tt := range tests {
		l, err := Listen(tt.addr, tt.allow)
		if err != nil {
			if strings.Contains(tt.addr, "::1") {
				continue // no IPv6 loopback here
			}
			t.Fatalf("Listen(%q): %v", tt.addr, err)
		}
		l.Close()
		if !regexp.MustCompile(tt.url).MatchString(l.URL) || strings.HasSuffix(l.URL, ":0/") {
			t.Errorf("Listen(%q).URL = %q, want %s", tt.addr, l.URL, tt.url)
		}
		var got []string
		for _, n := range l.Notes() {
			got = append(got, n.Text)
		}
		if strings.Join(got, "\n") != strings.Join(tt.notes, "\n") || !l.Loopback {
			t.Errorf("Listen(%q): notes %q, loopback %v; want %q, true", tt.addr, got, l.Loopback, tt.notes)
		}
	}
}

func TestListenWildcard(t *testing.T) {
	l, err := Listen("0.0.0.0:0", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if !strings.HasPrefix(l.URL, "http://localhost:") || l.Loopback {
		t.Errorf("URL %q, loopback %v; want localhost and false", l.URL, l.Loopback)
	}
	notes := l.Notes()
	if len(notes) == 0 || notes[0].Level != display.Warning || !strings.Contains(notes[0].Text, "listening on 0.0.0.0:0, not only on this machine") {
		t.Errorf("notes %+v: want the warning first", notes)
	}
}

func TestListenErrors(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	_, port, _ := net.SplitHostPort(taken.Addr().String())

	if _, err := Listen("nonsense", nil); !errors.Is(err, ErrAddress) {
		t.Errorf("nonsense: %v, want ErrAddress", err)
	}
	var he *HostError
	if _, err := Listen("127.0.0.1:0", []string{"keys.example:8080"}); !errors.As(err, &he) || !strings.Contains(he.Error(), "without a port") {
		t.Errorf("a host with a port: %v, want a *HostError", err)
	}
	for _, tt := range []struct{ addr, port, reason string }{
		{"127.0.0.1:" + port, port, "address already in use"},
		{"127.0.0.1:99999", "99999", "invalid port"},
	} {
		var le *ListenError
		_, err := Listen(tt.addr, nil)
		if !errors.As(err, &le) || le.Port != tt.port || !strings.Contains(le.Err.Error(), tt.reason) || strings.Contains(le.Err.Error(), "listen tcp") {
			t.Errorf("Listen(%q): %v, want a *ListenError for port %s: %s", tt.addr, err, tt.port, tt.reason)
		}
	}
}

func TestListenerServe(t *testing.T) {
	l, err := Listen("127.0.0.1:0", nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- l.Serve(ctx, func(msg string) { t.Errorf("server: %s", msg) }) }()
	res, err := http.Get(l.URL + "healthz")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("GET /healthz: %s", res.Status)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve: %v", err)
	}
}

func TestLogLines(t *testing.T) {
	var got []string
	l := log.New(logLines(func(s string) { got = append(got, s) }), "", 0)
	l.Printf("http: TLS handshake error from %s: EOF", "127.0.0.1:1")
	l.Print("two\n")
	if want := []string{"http: TLS handshake error from 127.0.0.1:1: EOF", "two"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
}
