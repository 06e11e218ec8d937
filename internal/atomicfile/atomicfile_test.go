package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var errInjected = errors.New("injected failure")

// leftovers returns the files in dir other than the expected ones.
func leftovers(t *testing.T, dir string, expected ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var extra []string
	for _, e := range entries {
		found := false
		for _, x := range expected {
			found = found || e.Name() == x
		}
		if !found {
			extra = append(extra, e.Name())
		}
	}
	return extra
}

// TestFailEveryStep injects a failure at each step of WriteFile and
// CreateFile. The file must then hold the old content (or, for a failure
// after the rename, the new), never part of either, and no temporary file
// may be left.
func TestFailEveryStep(t *testing.T) {
	oldData := []byte("OLD=1\n" + strings.Repeat("o", 10000))
	newData := []byte("NEW=2\n" + strings.Repeat("n", 20000))
	for _, step := range Steps {
		t.Run("WriteFile/"+string(step), func(t *testing.T) {
			dir := t.TempDir()
			name := filepath.Join(dir, ".env")
			if err := os.WriteFile(name, oldData, 0o640); err != nil {
				t.Fatal(err)
			}
			restore := InjectFailures(func(s Step) error {
				if s == step {
					return errInjected
				}
				return nil
			})
			err := WriteFile(name, newData, 0o600)
			restore()
			if !errors.Is(err, errInjected) {
				t.Fatalf("WriteFile error = %v, want the injected failure", err)
			}
			got, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			want := oldData
			if step == StepSyncDir {
				want = newData // the rename happened before the failure
			}
			if !bytes.Equal(got, want) {
				t.Errorf("after a failure at %q the file holds %d bytes starting %q, want the %s content", step, len(got), got[:8], map[bool]string{true: "old", false: "new"}[step != StepSyncDir])
			}
			if fi, _ := os.Stat(name); fi.Mode().Perm() != 0o640 {
				t.Errorf("mode = %v, want the original 0640", fi.Mode().Perm())
			}
			if extra := leftovers(t, dir, ".env"); extra != nil {
				t.Errorf("left behind %q", extra)
			}
		})
		t.Run("CreateFile/"+string(step), func(t *testing.T) {
			dir := t.TempDir()
			name := filepath.Join(dir, ".env")
			restore := InjectFailures(func(s Step) error {
				if s == step {
					return errInjected
				}
				return nil
			})
			err := CreateFile(name, newData, 0o600)
			restore()
			if !errors.Is(err, errInjected) {
				t.Fatalf("CreateFile error = %v, want the injected failure", err)
			}
			got, err := os.ReadFile(name)
			switch {
			case step == StepSyncDir:
				if !bytes.Equal(got, newData) {
					t.Errorf("after a failure at %q the file is %v, want the new content", step, err)
				}
			case !errors.Is(err, fs.ErrNotExist):
				t.Errorf("after a failure at %q the file exists (%d bytes), want none", step, len(got))
			}
			expected := []string{}
			if step == StepSyncDir {
				expected = []string{".env"}
			}
			if extra := leftovers(t, dir, expected...); extra != nil {
				t.Errorf("left behind %q", extra)
			}
		})
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "f")
	if err := WriteFile(name, []byte("one"), 0o600); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(name); fi.Mode().Perm() != 0o600 {
		t.Errorf("new file mode = %v, want 0600", fi.Mode().Perm())
	}
	os.Chmod(name, 0o644)
	if err := WriteFile(name, []byte("two"), 0o600); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(name); fi.Mode().Perm() != 0o644 {
		t.Errorf("replaced file mode = %v, want the original 0644", fi.Mode().Perm())
	}

	// A symbolic link is kept and the file it points to replaced.
	link := filepath.Join(dir, "link")
	if err := os.Symlink("f", link); err != nil {
		t.Skip(err)
	}
	if err := WriteFile(link, []byte("three"), 0o600); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the symbolic link was replaced by a file")
	}
	if got, _ := os.ReadFile(name); string(got) != "three" {
		t.Errorf("link target holds %q, want three", got)
	}
	if err := os.Symlink("missing", filepath.Join(dir, "broken")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(filepath.Join(dir, "broken"), []byte("x"), 0o600); err == nil {
		t.Error("writing through a broken link succeeded")
	}
	if err := WriteFile(dir, []byte("x"), 0o600); err == nil {
		t.Error("replacing a directory succeeded")
	}
	if err := CreateFile(name, []byte("x"), 0o600); !errors.Is(err, fs.ErrExist) {
		t.Errorf("CreateFile over an existing file: error %v, want fs.ErrExist", err)
	}
	if extra := leftovers(t, dir, "f", "link", "broken"); extra != nil {
		t.Errorf("left behind %q", extra)
	}
}

// childEnv names the file the helper process rewrites until killed.
const childEnv = "ATOMICFILE_TEST_CHILD"

func TestMain(m *testing.M) {
	if name := os.Getenv(counterEnv); name != "" {
		countUnderLock(name)
		os.Exit(0)
	}
	if name := os.Getenv(childEnv); name != "" {
		// The child: rewrite name with the two contents in turn until
		// killed.
		a, b := content('a'), content('b')
		for i := 0; ; i++ {
			data := a
			if i%2 == 1 {
				data = b
			}
			if err := WriteFile(name, data, 0o600); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(3)
			}
		}
	}
	os.Exit(m.Run())
}

func content(c byte) []byte { return bytes.Repeat([]byte{c}, 256<<10) }

// TestKillMidWrite kills a process that rewrites a file in a loop, at a
// random moment, many times. The file must always hold one whole version,
// and the next write must clear what the killed writer left.
func TestKillMidWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts many processes")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	name := filepath.Join(dir, ".env")
	a, b := content('a'), content('b')
	if err := os.WriteFile(name, a, 0o600); err != nil {
		t.Fatal(err)
	}
	killedWithTemp := 0
	for i := range 20 {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"="+name)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(5+rand.IntN(40)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatalf("kill %d: %v", i, err)
		}
		if !bytes.Equal(got, a) && !bytes.Equal(got, b) {
			t.Fatalf("kill %d: the file holds %d bytes that are neither version", i, len(got))
		}
		if len(leftovers(t, dir, ".env")) > 0 {
			killedWithTemp++
		}
	}
	t.Logf("%d of 20 kills left a temporary file behind", killedWithTemp)
	if err := WriteFile(name, []byte("final"), 0o600); err != nil {
		t.Fatal(err)
	}
	if extra := leftovers(t, dir, ".env"); extra != nil {
		t.Errorf("after a clean write, still left behind %q", extra)
	}
}
