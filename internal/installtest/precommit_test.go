package installtest

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestPreCommitHook runs the jwtkey-scan hook the way a user's pre-commit
// does, with "pre-commit try-repo" on this work tree (uncommitted changes
// included): pre-commit clones it, builds jwtkey with "go install ./..."
// and runs "jwtkey scan --staged". A staged reference to the secret passes;
// a staged weak secret must stop the commit.
func TestPreCommitHook(t *testing.T) {
	preCommit := need(t, "pre-commit", "apt-get install pre-commit")
	need(t, "git", "apt-get install git")
	need(t, "go", "the Go toolchain, on PATH")
	root := repoRoot(t)
	env := append(gitEnv(t.TempDir()), goEnv(t)...)
	env = append(env, "PRE_COMMIT_HOME="+t.TempDir())

	try := func(dir string) (string, int) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, preCommit, "try-repo", "--color", "never", root, "jwtkey-scan", "--files", "config/app.yaml")
		cmd.Dir, cmd.Env = dir, env
		start := time.Now()
		out, err := cmd.CombinedOutput()
		t.Logf("pre-commit try-repo took %v", time.Since(start).Round(time.Second))
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return string(out), ee.ExitCode()
		}
		if err != nil {
			t.Fatalf("pre-commit try-repo: %v\n%s", err, out)
		}
		return string(out), 0
	}

	out, code := try(throwaway(t, env, referenced))
	if code != 0 || !strings.Contains(out, "jwtkey scan --staged") || !strings.Contains(out, "Passed") {
		t.Fatalf("a staged reference to the secret: exit %d, want 0 and the hook passed:\n%s", code, out)
	}

	out, code = try(throwaway(t, env, weakSecret))
	if code != 1 || !strings.Contains(out, "Failed") || !strings.Contains(out, "config/app.yaml:2:11: compromised: jwt.secret") {
		t.Fatalf("a staged weak secret: exit %d, want 1 and the hook failed on config/app.yaml:\n%s", code, out)
	}
}

// goEnv keeps this machine's Go settings for a child whose HOME differs,
// and shares its module and build caches, with the module proxy off: what
// builds here must build from the caches alone.
func goEnv(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOENV", "GOMODCACHE", "GOCACHE").Output()
	if err != nil {
		t.Fatalf("go env: %v", err)
	}
	v := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(v) != 3 {
		t.Fatalf("go env: %q", out)
	}
	return []string{"GOENV=" + v[0], "GOMODCACHE=" + v[1], "GOCACHE=" + v[2], "GOPROXY=off"}
}
