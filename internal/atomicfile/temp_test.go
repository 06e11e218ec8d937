package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTempOf(t *testing.T) {
	for _, tc := range []struct {
		base, target string
		ok           bool
	}{
		{"..env.tmp-4242-123456789", ".env", true},
		{".jwks.json.tmp-1-2", "jwks.json", true},
		{"..env.production.tmp-77-0", ".env.production", true},
		{".env", "", false},
		{"..env.tmp-", "", false},
		{"..env.tmp-12", "", false},
		{"..env.tmp-12-", "", false},
		{"..env.tmp-x-1", "", false},
		{".env.tmp-1-2", "env", true},
		{"notes.tmp-1-2", "", false},
		{"..tmp-1-2", "", false},
	} {
		target, ok := TempOf(tc.base)
		if ok != tc.ok || target != tc.target {
			t.Errorf("TempOf(%q) = %q, %v; want %q, %v", tc.base, target, ok, tc.target, tc.ok)
		}
	}
}

// TestTempOfMatchesWriter names a temporary file the way the writer does:
// IsTemp must recognise it, whatever the writer's naming becomes.
func TestTempOfMatchesWriter(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, ".env.production")
	tmp, err := writeTemp(name, []byte("x"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer os.Remove(tmp)
	base := filepath.Base(tmp)
	if target, ok := TempOf(base); !ok || target != ".env.production" {
		t.Errorf("TempOf(%q) = %q, %v", base, target, ok)
	}
	if !strings.HasPrefix(base, tempPrefix(name)) {
		t.Errorf("%q does not start with %q", base, tempPrefix(name))
	}
}
