package fasthmac

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestGenerated checks that the assembly is what its generator writes:
// an edit to one without the other would go unnoticed on machines whose
// CPU takes another path. The generators are a module of their own in
// _asm, which go test ./... leaves out; this runs them there.
func TestGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generators")
	}
	for _, name := range []string{"sha256ni", "avx512", "avx2"} {
		t.Run(name, func(t *testing.T) {
			tmp := filepath.Join(t.TempDir(), name+".s")
			cmd := exec.Command("go", "run", ".", "-out", tmp)
			cmd.Dir = filepath.Join("_asm", name)
			// The generator module stands alone: no workspace, and none of
			// the flags the tests were run with.
			cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("go run in %s: %v\n%s", cmd.Dir, err, out)
			}
			want, err := os.ReadFile(tmp)
			if err != nil {
				t.Fatal(err)
			}
			file := name + "_amd64.s"
			got, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s is not what _asm/%s writes: run go generate ./internal/fasthmac", file, name)
			}
		})
	}
}
