package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps what would fail the test.
type recorder struct {
	testing.TB
	failures []string
}

func (r *recorder) Helper()                   {}
func (r *recorder) Name() string              { return "TestX" }
func (r *recorder) Errorf(f string, a ...any) { r.failures = append(r.failures, fmt.Sprintf(f, a...)) }
func (r *recorder) Fatalf(f string, a ...any) { r.Errorf(f, a...); runtime.Goexit() }
func (r *recorder) Fatal(a ...any)            { r.Fatalf("%s", fmt.Sprint(a...)) }

func TestCheck(t *testing.T) {
	if Updating() {
		t.Skip("-update would rewrite this test's own files")
	}
	path := filepath.Join(t.TempDir(), "out.golden")
	if err := os.WriteFile(path, []byte("a\r\nb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path, got string
		fails     string // in the failure; "" for none
	}{
		{path, "a\r\nb\n", ""},
		{path, "a\nb\n", `"a\r\nb\n"`}, // a carriage return is shown quoted
		{filepath.Join(filepath.Dir(path), "none"), "x", "go test -run TestX -update"},
	} {
		r := &recorder{TB: t}
		done := make(chan struct{})
		go func() { // Fatalf ends this goroutine, as it ends a test's
			defer close(done)
			Check(r, tc.path, []byte(tc.got))
		}()
		<-done
		switch {
		case tc.fails == "" && len(r.failures) > 0:
			t.Errorf("%q: failed: %v", tc.got, r.failures)
		case tc.fails != "" && (len(r.failures) != 1 || !strings.Contains(r.failures[0], tc.fails)):
			t.Errorf("%q: failures %q, want one containing %q", tc.got, r.failures, tc.fails)
		}
	}
}
