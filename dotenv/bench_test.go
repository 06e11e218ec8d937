package dotenv

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkParseSet parses a 200-line file and replaces one value in it,
// the work of one "jwtkey env --force".
func BenchmarkParseSet(b *testing.B) {
	var sb strings.Builder
	for i := range 200 {
		fmt.Fprintf(&sb, "# setting %d\nVAR_%d='value %d' # comment\n", i, i, i)
	}
	data := []byte(sb.String() + "JWT_SECRET=old\n")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		f, err := Parse(data)
		if err != nil {
			b.Fatal(err)
		}
		if err := f.Set("JWT_SECRET", "4f9c0e2a7b1d36c85e0f9a2b4c6d8e1f3a5b7c9d0e2f4a6b8c0d2e4f6a8b0c2d"); err != nil {
			b.Fatal(err)
		}
		_ = f.Bytes()
	}
}
