package web

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jwtkey/jwtkey/internal/atomicfile"
)

// listDir returns the names in dir, sorted.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestExport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	written, err := Export(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"app.css", "app.js", "check.wasm", "favicon.svg", "wasm_exec.js", "index.html"}
	var got []string
	for _, p := range written {
		if filepath.Dir(p) != dir {
			t.Errorf("wrote %s outside %s", p, dir)
		}
		got = append(got, filepath.Base(p))
	}
	if !slices.Equal(got, want) {
		t.Errorf("wrote %q, want %q (the page last)", got, want)
	}
	if names := listDir(t, dir); !slices.Equal(names, slices.Sorted(slices.Values(want))) {
		t.Errorf("the directory holds %q", names)
	}
	for _, name := range want {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		fi, _ := os.Stat(filepath.Join(dir, name))
		if fi.Mode().Perm() != 0o644 {
			t.Errorf("%s has mode %#o, want 0644: a static site is public", name, fi.Mode().Perm())
		}
		asset, _ := Asset("/" + name)
		if name != "index.html" && !bytes.Equal(data, asset) {
			t.Errorf("%s differs from the page the server sends", name)
		}
	}
	if wasm, _ := os.ReadFile(filepath.Join(dir, "check.wasm")); !bytes.HasPrefix(wasm, []byte("\x00asm")) {
		t.Error("check.wasm is not uncompressed WebAssembly")
	}

	page, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	served, _ := Asset("/index.html")
	tag := `<meta http-equiv="Content-Security-Policy" content="` + MetaContentSecurityPolicy + `">`
	i := bytes.Index(page, []byte(tag))
	if i < 0 {
		t.Fatalf("the exported page lacks %s", tag)
	}
	for _, later := range []string{"<link", "<script", "<style", "<img"} {
		if j := bytes.Index(page, []byte(later)); j >= 0 && j < i {
			t.Errorf("%s comes before the policy: it would not be governed by it", later)
		}
	}
	if !bytes.Equal(bytes.Replace(page, []byte(tag+"\n"), nil, 1), served) {
		t.Error("the exported page differs from the served one by more than the policy tag")
	}
	if strings.Contains(MetaContentSecurityPolicy, "frame-ancestors") {
		t.Error("the meta policy holds frame-ancestors, which browsers ignore there with a warning")
	}
	if !strings.HasPrefix(ContentSecurityPolicy, MetaContentSecurityPolicy+";") {
		t.Error("the header policy and the meta policy have drifted apart")
	}
}

// TestExportKeepsFiles checks that an export never overwrites without
// force, writes nothing at all then, and replaces with force.
func TestExportKeepsFiles(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "app.js")
	other := filepath.Join(dir, "README.md")
	for _, p := range []string{mine, other} {
		if err := os.WriteFile(p, []byte("mine"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Export(dir, false)
	if !errors.Is(err, fs.ErrExist) {
		t.Fatalf("Export over app.js = %v, want an error wrapping fs.ErrExist", err)
	}
	if !strings.Contains(err.Error(), `"app.js"`) || !strings.HasPrefix(err.Error(), "web: ") {
		t.Errorf("error %q does not name app.js", err)
	}
	if names := listDir(t, dir); !slices.Equal(names, []string{"README.md", "app.js"}) {
		t.Errorf("a refused export left %q", names)
	}
	if b, _ := os.ReadFile(mine); string(b) != "mine" {
		t.Error("app.js was changed")
	}

	if _, err := Export(dir, true); err != nil {
		t.Fatal(err)
	}
	js, _ := Asset("/app.js")
	if b, _ := os.ReadFile(mine); !bytes.Equal(b, js) {
		t.Error("--force did not replace app.js")
	}
	if b, _ := os.ReadFile(other); string(b) != "mine" {
		t.Error("a file that is not the page's was touched")
	}
	if names := listDir(t, dir); len(names) != 7 {
		t.Errorf("after a forced export the directory holds %q", names)
	}
}

func TestExportRefusals(t *testing.T) {
	t.Run("symbolic link", func(t *testing.T) {
		dir := t.TempDir()
		target := filepath.Join(t.TempDir(), "elsewhere.html")
		if err := os.WriteFile(target, []byte("elsewhere"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, filepath.Join(dir, "index.html")); err != nil {
			t.Fatal(err)
		}
		for _, force := range []bool{false, true} {
			if _, err := Export(dir, force); err == nil || !strings.Contains(err.Error(), "symbolic link") {
				t.Errorf("force %v: error %v, want one about the link", force, err)
			}
		}
		if b, _ := os.ReadFile(target); string(b) != "elsewhere" {
			t.Error("the link's target was written")
		}
		if names := listDir(t, dir); !slices.Equal(names, []string{"index.html"}) {
			t.Errorf("a refused export left %q", names)
		}
	})
	t.Run("missing parent", func(t *testing.T) {
		root := t.TempDir()
		if _, err := Export(filepath.Join(root, "no", "site"), false); err == nil {
			t.Error("no error")
		}
		if names := listDir(t, root); len(names) != 0 {
			t.Errorf("left %q", names)
		}
	})
	t.Run("a file, not a directory", func(t *testing.T) {
		f := filepath.Join(t.TempDir(), "site")
		os.WriteFile(f, nil, 0o644)
		if _, err := Export(f, true); err == nil || !strings.Contains(err.Error(), "not a directory") {
			t.Errorf("error %v", err)
		}
	})
}

// TestExportFailureCleansUp fails the fourth file's write and checks that
// the files already made are removed again, leaving the directory as it
// was.
func TestExportFailureCleansUp(t *testing.T) {
	for _, step := range atomicfile.Steps {
		t.Run(string(step), func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("x"), 0o644)
			n := 0
			restore := atomicfile.InjectFailures(func(s atomicfile.Step) error {
				if s == atomicfile.StepCreateTemp {
					n++
				}
				if n == 4 && s == step {
					return errors.New("disk full")
				}
				return nil
			})
			_, err := Export(dir, false)
			restore()
			if err == nil || !strings.Contains(err.Error(), "disk full") {
				t.Fatalf("Export = %v, want the injected failure", err)
			}
			if names := listDir(t, dir); !slices.Equal(names, []string{"keep.txt"}) {
				t.Errorf("a failed export left %q", names)
			}
		})
	}
}

func TestExportPageNeedsCharset(t *testing.T) {
	if _, err := exportPage([]byte("<!doctype html><title>x</title>")); err == nil {
		t.Error("a page without <meta charset> was accepted")
	}
}
