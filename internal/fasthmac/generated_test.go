package fasthmac

import (
	"bytes"
	"os"
	"os/exec"
	"testing"
)

// TestGenerated checks that the assembly is what its generator writes:
// an edit to one without the other would go unnoticed on machines whose
// CPU takes another path.
func TestGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generators")
	}
	for gen, file := range map[string]string{
		"gen_sha256ni.go": "sha256ni_amd64.s",
		"gen_avx512.go":   "avx512_amd64.s",
		"gen_avx2.go":     "avx2_amd64.s",
	} {
		args := []string{"run", gen}
		if gen != "gen_sha256ni.go" {
			args = append(args, "gen_tables.go")
		}
		want, err := exec.Command("go", args...).Output()
		if err != nil {
			t.Fatalf("go run %s: %v", gen, err)
		}
		got, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what %s writes: run go generate", file, gen)
		}
	}
}
