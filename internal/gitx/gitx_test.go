package gitx

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// repo makes a git repository with a .gitignore and one tracked file.
func repo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run("init", "-q")
	write(t, filepath.Join(dir, ".gitignore"), ".env\n*.local\n!keep.local\n")
	write(t, filepath.Join(dir, ".env.tracked"), "A=1\n")
	write(t, filepath.Join(dir, "sub", "x.txt"), "x")
	run("add", ".gitignore", ".env.tracked")
	run("commit", "-q", "-m", "init")
	return dir
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestAnswers(t *testing.T) {
	dir := repo(t)
	root, err := Root(filepath.Join(dir, "sub"))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := filepath.EvalSymlinks(dir)
	if got, _ := filepath.EvalSymlinks(root); got != want {
		t.Errorf("Root = %q, want %q", root, dir)
	}
	tests := []struct {
		path             string
		ignored, tracked bool
	}{
		{".env", true, false},
		{".env.tracked", false, true},
		{".env.production", false, false},
		{"x.local", true, false},
		{"keep.local", false, false}, // negated pattern
		{"sub/.env", true, false},    // missing file in a subdirectory
		{"sub/x.txt", false, false},
	}
	for _, tt := range tests {
		p := filepath.Join(dir, tt.path)
		if got, err := IsIgnored(p); err != nil || got != tt.ignored {
			t.Errorf("IsIgnored(%s) = %v, %v; want %v", tt.path, got, err, tt.ignored)
		}
		if got, err := IsTracked(p); err != nil || got != tt.tracked {
			t.Errorf("IsTracked(%s) = %v, %v; want %v", tt.path, got, err, tt.tracked)
		}
	}
	files, err := ListFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	var rel []string
	for _, f := range files {
		r, _ := filepath.Rel(dir, f)
		rel = append(rel, r)
	}
	if want := []string{".env.tracked", ".gitignore", "sub/x.txt"}; !slices.Equal(rel, want) {
		t.Errorf("ListFiles = %q, want %q", rel, want)
	}
}

func TestNotRepo(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	for name, f := range map[string]func() error{
		"Root":      func() error { _, err := Root(dir); return err },
		"IsIgnored": func() error { _, err := IsIgnored(filepath.Join(dir, ".env")); return err },
		"IsTracked": func() error { _, err := IsTracked(filepath.Join(dir, ".env")); return err },
		"ListFiles": func() error { _, err := ListFiles(dir); return err },
	} {
		if err := f(); !errors.Is(err, ErrNotRepo) {
			t.Errorf("%s outside a repository: error %v, want ErrNotRepo", name, err)
		}
	}
}

func TestNoGit(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, err := Root("."); !errors.Is(err, ErrNoGit) {
		t.Errorf("Root without git: error %v, want ErrNoGit", err)
	}
	if _, err := IsIgnored(".env"); !errors.Is(err, ErrNoGit) {
		t.Errorf("IsIgnored without git: error %v, want ErrNoGit", err)
	}
}
