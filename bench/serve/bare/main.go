// Command bare is the yardstick for bench/serve/run.sh: a plain net/http
// server that answers every request with the same small JSON body, shaped
// like one key from /api/v1/key. It prints its URL and serves until killed.
package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
)

const body = `{"keys":[{"key":"0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0","alg":"HS256","encoding":"hex","bits":256,"kid":"h7r1XPbjccCreaDq"}]}` + "\n"

func main() {
	addr := "127.0.0.1:0"
	if len(os.Args) > 1 {
		addr = os.Args[1]
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bare:", err)
		os.Exit(2)
	}
	fmt.Printf("http://%s/\n", ln.Addr())
	err = http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Write([]byte(body))
	}))
	fmt.Fprintln(os.Stderr, "bare:", err)
	os.Exit(1)
}
