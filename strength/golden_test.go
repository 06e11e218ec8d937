package strength

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/jwtkey/jwtkey/internal/golden"
)

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
			golden.Check(t, filepath.Join("testdata", "golden", tc.name+".json"), got)
		})
	}
}
