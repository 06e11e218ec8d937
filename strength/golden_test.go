package strength

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGoldenJSON pins the JSON form of results that scripts parse.
func TestGoldenJSON(t *testing.T) {
	for _, tc := range []struct{ name, secret string }{
		{"published", "your-256-bit-secret"},
		{"weak-long", "my_super_secret_jwt_signing_key!!"},
		{"short", "Tr0ub4dor&3"},
		{"uuid", "550e8400-e29b-41d4-a716-446655440000"},
		{"hex-of-text", "6d7920737570657220736563726574207369676e696e67206b6579"},
		{"strong", "YS65DSPru7Q4X3HrbKIoIwNVMpgSzrioihX6LsABtxxISF9N0R2COiMpVOAFPDxM"}, // TESTING KEY: openssl rand -base64 48
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Check([]byte(tc.secret))
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(r, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "golden", tc.name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("JSON differs from %s (run go test -update after checking the change):\n%s", path, got)
			}
		})
	}
}
