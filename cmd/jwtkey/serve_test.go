package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

func init() {
	// SERVE_PORT is a port that was free when the script started.
	scriptSetups = append(scriptSetups, func(env *testscript.Env) error {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		defer ln.Close()
		env.Setenv("SERVE_PORT", strconv.Itoa(ln.Addr().(*net.TCPAddr).Port))
		return nil
	})
	scriptCmds["httpget"] = httpget
}

// httpget [-status N] [-header NAME=VALUE]... URL
//
// fetches URL, waiting up to 20 s for a server started in the background to
// listen, checks the status (200 unless -status says otherwise) and writes
// the body to stdout and the response headers to stderr. -header sets a
// request header; Host sets the Host the request is addressed to.
func httpget(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("usage: httpget [-status N] [-header NAME=VALUE]... URL (no !)")
	}
	want := http.StatusOK
	hdr := http.Header{}
	for len(args) > 1 && strings.HasPrefix(args[0], "-") {
		switch args[0] {
		case "-status":
			n, err := strconv.Atoi(args[1])
			ts.Check(err)
			want = n
		case "-header":
			name, value, ok := strings.Cut(args[1], "=")
			if !ok {
				ts.Fatalf("httpget: -header wants NAME=VALUE, not %q", args[1])
			}
			hdr.Add(name, value)
		default:
			ts.Fatalf("httpget: unknown flag %s", args[0])
		}
		args = args[2:]
	}
	if len(args) != 1 {
		ts.Fatalf("usage: httpget [-status N] [-header NAME=VALUE]... URL")
	}
	client := &http.Client{Timeout: 10 * time.Second}
	deadline := time.Now().Add(20 * time.Second)
	var resp *http.Response
	for {
		req, err := http.NewRequest("GET", args[0], nil)
		ts.Check(err)
		for name, values := range hdr {
			if name == "Host" {
				req.Host = values[0]
				continue
			}
			req.Header[name] = values
		}
		resp, err = client.Do(req)
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			ts.Fatalf("GET %s: %v", args[0], err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	ts.Check(err)
	if resp.StatusCode != want {
		ts.Fatalf("GET %s: status %d, want %d: %s", args[0], resp.StatusCode, want, body)
	}
	ts.Stdout().Write(body)
	for _, k := range []string{"Content-Type", "Cache-Control", "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Retry-After"} {
		fmt.Fprintf(ts.Stderr(), "%s: %s\n", k, resp.Header.Get(k))
	}
}
