package gitx

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func stagedFiles(t *testing.T, dir string, max int64) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := Staged(context.Background(), dir, max, func(p string, size int64, data []byte) error {
		if data == nil {
			got[p] = "(skipped)"
		} else {
			got[p] = string(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestStagedSeesTheIndexNotTheWorkTree(t *testing.T) {
	dir := newHistRepo(t)
	// A repository without commits already has an index.
	writeFile(t, dir, "a.js", "staged\n")
	runT(t, dir, "add", "a.js")
	writeFile(t, dir, "a.js", "work tree\n")
	writeFile(t, dir, "untracked.js", "x\n")
	got := stagedFiles(t, dir, 1<<20)
	if len(got) != 1 || got["a.js"] != "staged\n" {
		t.Errorf("before the first commit: %q", got)
	}
	runT(t, dir, "commit", "-q", "-m", "one")
	writeFile(t, dir, "sub/b.txt", "bbb\n")
	writeFile(t, dir, "big.txt", "0123456789")
	runT(t, dir, "add", "sub/b.txt", "big.txt")
	got = stagedFiles(t, dir, 5)
	if len(got) != 2 || got["big.txt"] != "(skipped)" || got["sub/b.txt"] != "bbb\n" {
		t.Errorf("size limit: %q", got)
	}
	got = stagedFiles(t, filepath.Join(dir, "sub"), 1<<20)
	if len(got) != 1 || got["b.txt"] != "bbb\n" {
		t.Errorf("from a subdirectory: %q", got)
	}
	if err := Staged(context.Background(), t.TempDir(), 1, func(string, int64, []byte) error { return nil }); !errors.Is(err, ErrNotRepo) {
		t.Errorf("not a repo: %v", err)
	}
}

func TestListWorkTree(t *testing.T) {
	dir := newHistRepo(t)
	writeFile(t, dir, ".gitignore", ".env\n")
	writeFile(t, dir, ".env", "A=1\n")
	writeFile(t, dir, ".env.local", "A=1\n")
	writeFile(t, dir, "tracked.txt", "t\n")
	runT(t, dir, "add", ".gitignore", "tracked.txt")
	files, err := ListWorkTree(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, f := range files {
		got[f.Path] = f.Tracked
	}
	want := map[string]bool{".gitignore": true, "tracked.txt": true, ".env.local": false}
	if len(got) != len(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	for p, tr := range want {
		if g, ok := got[p]; !ok || g != tr {
			t.Errorf("%s: tracked=%v present=%v, want tracked=%v", p, g, ok, tr)
		}
	}
	if _, err := ListWorkTree(context.Background(), t.TempDir()); !errors.Is(err, ErrNotRepo) {
		t.Errorf("not a repo: %v", err)
	}
	os.Remove(filepath.Join(dir, "tracked.txt"))
}

func TestStagedOddNames(t *testing.T) {
	dir := newHistRepo(t)
	names := []string{"new\nline.js", `quote".js`, "tab\there.js", "back\\slash.js", "ok.js"}
	for _, n := range names {
		writeFile(t, dir, n, n+"\n")
		runT(t, dir, "add", "--", n)
	}
	got := stagedFiles(t, dir, 1<<20)
	for _, n := range names {
		if got[n] != n+"\n" {
			t.Errorf("%q: got %q", n, got[n])
		}
	}
	if len(got) != len(names) {
		t.Errorf("got %d files, want %d: %q", len(got), len(names), got)
	}
}
