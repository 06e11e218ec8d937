package gitx

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// newRepo makes a git repository in a temporary directory.
func newHistRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	runT(t, dir, "init", "-q", "-b", "main")
	runT(t, dir, "config", "user.email", "t@example.com")
	runT(t, dir, "config", "user.name", "t")
	runT(t, dir, "config", "commit.gpgsign", "false")
	return dir
}

func runT(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := runGit(context.Background(), dir, args...)
	if err != nil {
		t.Fatalf("git %v: %v", args, err)
	}
	return strings.TrimSpace(string(out))
}

func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestHistoryFindsDeletedLines(t *testing.T) {
	dir := newHistRepo(t)
	writeFile(t, dir, ".env", "A=1\nJWT_SECRET=mysecret\n")
	runT(t, dir, "add", ".env")
	runT(t, dir, "commit", "-q", "-m", "add env")
	first := runT(t, dir, "rev-parse", "HEAD")
	runT(t, dir, "rm", "-q", ".env")
	writeFile(t, dir, "sub/x y.txt", "hello\n")
	runT(t, dir, "add", ".")
	runT(t, dir, "commit", "-q", "-m", "remove env")

	var hunks []Hunk
	if err := History(context.Background(), dir, func(h Hunk) error { hunks = append(hunks, h); return nil }); err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, h := range hunks {
		for _, l := range h.Lines {
			if h.Path == ".env" && l.Added && l.Text == "JWT_SECRET=mysecret" {
				found = true
				if h.Commit != first || l.N != 2 {
					t.Errorf("got commit %s line %d, want %s line 2", h.Commit, l.N, first)
				}
			}
		}
		if h.Path == ".env" && h.Commit != first {
			t.Errorf("the deletion should not be a hunk: %+v", h)
		}
	}
	if !found {
		t.Errorf("deleted secret not in history: %+v", hunks)
	}
	// Limited to a subdirectory, paths are relative to it.
	var paths []string
	if err := History(context.Background(), filepath.Join(dir, "sub"), func(h Hunk) error { paths = append(paths, h.Path); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(paths) != 1 || paths[0] != "x y.txt" {
		t.Errorf("sub paths = %q", paths)
	}
	stop := errors.New("stop")
	if err := History(context.Background(), dir, func(Hunk) error { return stop }); err != stop {
		t.Errorf("History did not return the callback's error: %v", err)
	}
}

func TestHistoryNoCommitsAndNoRepo(t *testing.T) {
	dir := newHistRepo(t)
	n := 0
	if err := History(context.Background(), dir, func(Hunk) error { n++; return nil }); err != nil || n != 0 {
		t.Errorf("empty repo: %d hunks, %v", n, err)
	}
	if err := History(context.Background(), t.TempDir(), func(Hunk) error { return nil }); !errors.Is(err, ErrNotRepo) {
		t.Errorf("not a repo: %v, want ErrNotRepo", err)
	}
}

func TestParseLog(t *testing.T) {
	log := "\x01abc\n\ndiff --git a/f b/f\nnew file mode 100644\n--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+one\n+two\n" +
		"diff --git a/g b/g\n--- a/g\n+++ b/g\n@@ -5,3 +5,3 @@ func x\n ctx\n-old\n+new\n\\ No newline at end of file\n" +
		"diff --git a/gone b/gone\ndeleted file mode 100644\n--- a/gone\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n" +
		"diff --git \"a/q\\tx\" \"b/q\\tx\"\n--- \"a/q\\tx\"\n+++ \"b/q\\tx\"\n@@ -0,0 +1 @@\n++++ not a header\n"
	var got []Hunk
	if err := parseLog(bufio.NewReader(strings.NewReader(log)), func(h Hunk) error { got = append(got, h); return nil }); err != nil {
		t.Fatal(err)
	}
	want := []Hunk{
		{Commit: "abc", Path: "f", Lines: []Line{{1, "one", true}, {2, "two", true}}},
		{Commit: "abc", Path: "g", Lines: []Line{{5, "ctx", false}, {6, "new", true}}},
		{Commit: "abc", Path: "q\tx", Lines: []Line{{1, "+++ not a header", true}}},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d hunks %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i].Commit != want[i].Commit || got[i].Path != want[i].Path || len(got[i].Lines) != len(want[i].Lines) {
			t.Errorf("hunk %d = %+v, want %+v", i, got[i], want[i])
			continue
		}
		for j := range want[i].Lines {
			if got[i].Lines[j] != want[i].Lines[j] {
				t.Errorf("hunk %d line %d = %+v, want %+v", i, j, got[i].Lines[j], want[i].Lines[j])
			}
		}
	}
}

func FuzzParseLog(f *testing.F) {
	f.Add("\x01abc\ndiff --git a/f b/f\n+++ b/f\n@@ -0,0 +1,2 @@\n+one\n two\n")
	f.Add("@@ -1 +x @@\n+a\n")
	f.Fuzz(func(t *testing.T, s string) {
		parseLog(bufio.NewReader(strings.NewReader(s)), func(h Hunk) error {
			for _, l := range h.Lines {
				if l.N < 0 && !strings.Contains(s, "+-") {
					t.Errorf("negative line number %d", l.N)
				}
			}
			return nil
		})
	})
}

func TestHistoryOddNames(t *testing.T) {
	dir := newHistRepo(t)
	names := []string{"new\nline.js", `quote".js`, "tab\there.js", "café.js"}
	for _, n := range names {
		writeFile(t, dir, n, "x\n")
		runT(t, dir, "add", "--", n)
	}
	runT(t, dir, "commit", "-q", "-m", "odd")
	got := map[string]bool{}
	if err := History(context.Background(), dir, func(h Hunk) error {
		got[h.Path] = true
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if !got[n] {
			t.Errorf("no hunk for %q; got %v", n, got)
		}
	}
}
