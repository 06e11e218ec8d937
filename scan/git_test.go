package scan

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func gitRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	git(t, dir, "config", "user.email", "t@example.com")
	git(t, dir, "config", "user.name", "t")
	git(t, dir, "config", "commit.gpgsign", "false")
	return dir
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func put(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// summary lists findings as "commit file:line rule", commit shortened.
func summary(fs []Finding) []string {
	var s []string
	for _, f := range fs {
		c := f.Commit
		if len(c) > 7 {
			c = c[:7] + " "
		}
		s = append(s, fmt.Sprintf("%s%s:%d %s", c, f.File, f.Line, f.RuleID))
	}
	return s
}

func scanT(t *testing.T, dir string, o Options) []string {
	t.Helper()
	o.Judge = stubJudge
	res, err := Scan(context.Background(), dir, o)
	if err != nil {
		t.Fatal(err)
	}
	return summary(res.Findings)
}

func same(got []string, want ...string) bool {
	return strings.Join(got, "\n") == strings.Join(want, "\n")
}

// A .env committed then deleted is gone from the work tree but found in
// the history, with the commit that added it.
func TestGitHistory(t *testing.T) {
	dir := gitRepo(t)
	if got := scanT(t, dir, Options{Mode: History}); len(got) != 0 {
		t.Errorf("a repository with no commits: %q", got)
	}
	put(t, dir, ".env", "NODE_ENV=dev\nJWT_SECRET=mysecret\n")
	git(t, dir, "add", ".env")
	git(t, dir, "commit", "-q", "-m", "add .env")
	c1 := git(t, dir, "rev-parse", "--short=7", "HEAD")
	git(t, dir, "rm", "-q", ".env")
	put(t, dir, "app.js", "const jwtSecret = process.env.JWT_SECRET;\n")
	git(t, dir, "add", "app.js")
	git(t, dir, "commit", "-q", "-m", "use the environment")

	if got := scanT(t, dir, Options{}); len(got) != 0 {
		t.Errorf("work tree should be clean: %q", got)
	}
	got := scanT(t, dir, Options{Mode: History})
	if !same(got, c1+" .env:1 "+RuleCommitted, c1+" .env:2 "+RuleConfig) {
		t.Errorf("history = %q", got)
	}
}

// --staged reads the index: not the work tree, not untracked files.
func TestGitStaged(t *testing.T) {
	dir := gitRepo(t)
	put(t, dir, "a.js", "jwt.sign(p, 'staged-secret')\n")
	git(t, dir, "add", "a.js")
	put(t, dir, "a.js", "jwt.sign(p, process.env.K)\n") // fixed in the work tree only
	put(t, dir, "b.js", "jwt.sign(p, 'untracked-secret')\n")
	put(t, dir, "c.js", "jwt.sign(p, 'committed-secret')\n")

	// Before the first commit.
	if got := scanT(t, dir, Options{Mode: Staged}); !same(got, "a.js:1 node-jsonwebtoken-literal") {
		t.Errorf("staged, no commits = %q", got)
	}
	git(t, dir, "add", "c.js")
	git(t, dir, "commit", "-q", "-m", "one")
	if got := scanT(t, dir, Options{Mode: Staged}); len(got) != 0 {
		t.Errorf("nothing staged = %q", got)
	}
	git(t, dir, "add", "a.js")
	put(t, dir, "a.js", "jwt.sign(p, 'worktree-secret')\n")
	if got := scanT(t, dir, Options{Mode: Staged}); len(got) != 0 {
		t.Errorf("the staged a.js is clean = %q", got)
	}
	put(t, dir, ".env.production", "JWT_SECRET=s\n")
	git(t, dir, "add", ".env.production")
	if got := scanT(t, dir, Options{Mode: Staged}); !same(got, ".env.production:1 "+RuleCommitted, ".env.production:1 "+RuleConfig) {
		t.Errorf("staged .env = %q", got)
	}
}

// In a work tree git decides what is scanned: ignored files are not, and
// .env files are findings when committed or not ignored.
func TestGitWorkTree(t *testing.T) {
	dir := gitRepo(t)
	put(t, dir, ".gitignore", ".env\n")
	put(t, dir, ".env", "JWT_SECRET=ignored-secret\n")
	put(t, dir, ".env.local", "JWT_SECRET=${FROM_VAULT}\nDB=postgres://x\n")
	put(t, dir, ".env.production", "# prod\nJWT_SECRET=prod-secret\n")
	put(t, dir, ".env.example", "JWT_SECRET=\nAPI_URL=http://localhost\n")
	git(t, dir, "add", ".gitignore", ".env.production", ".env.example")
	got := scanT(t, dir, Options{})
	want := []string{
		".env.local:2 " + RuleNotIgnored,
		".env.production:2 " + RuleCommitted,
		".env.production:2 " + RuleConfig,
	}
	if !same(got, want...) {
		t.Errorf("work tree =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestNotARepo(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	put(t, dir, ".env", "JWT_SECRET=walked\n")
	for _, m := range []Mode{History, Staged} {
		if _, err := Scan(context.Background(), dir, Options{Mode: m}); !errors.Is(err, ErrNotRepo) {
			t.Errorf("mode %d: %v, want ErrNotRepo", m, err)
		}
	}
	// Outside git there is no committed or ignored: only the secret.
	if got := scanT(t, dir, Options{}); !same(got, ".env:1 "+RuleConfig) {
		t.Errorf("walk = %q", got)
	}
}
