// Package golden compares what a test produced with a file of expected
// output, a golden file, and rewrites that file when the test runs with
// -update (go test ./PKG -update) after a change was checked by hand.
// Tests import it; nothing jwtkey ships does.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files with what the tests produce")

// Updating reports whether the test binary runs with -update.
func Updating() bool { return *update }

// Check fails t when got differs from the file at path. With -update it
// writes got to path first, making its directory.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update rewrites it, once the change is checked):\n got:\n%s\nwant:\n%s",
			path, show(got), show(want))
	}
}

// show prints text as it is, and bytes a terminal would hide (carriage
// returns, invalid UTF-8, control characters) quoted.
func show(b []byte) string {
	if !utf8.Valid(b) || bytes.ContainsAny(b, "\r\x00\x1b") {
		return strconv.Quote(string(b))
	}
	return string(b)
}
