package web

import (
	"os"
	"os/exec"
	"testing"
)

// TestWasmUpToDate rebuilds the checker's WebAssembly and wasm_exec.js and
// fails if the committed copies in static/ differ, which means someone
// changed the strength package (or Go) without running "go generate ./web".
// The build takes a while on a cold cache, so -short skips it.
func TestWasmUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the WebAssembly rebuild in -short mode")
	}
	cmd := exec.Command("go", "run", "./internal/genwasm", "-check")
	cmd.Env = os.Environ()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the generated checker is stale or does not build: %v\n%s", err, out)
	}
}
