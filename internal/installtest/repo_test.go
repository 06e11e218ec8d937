package installtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// need returns the path of a program the test cannot do without: missing,
// it skips the test, or fails it in CI.
func need(t *testing.T, name, install string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s not found; CI must run this test (%s)", name, install)
		}
		t.Skipf("skipping: %s not found (%s)", name, install)
	}
	return p
}

// repoRoot is the work tree this package lives in.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatal(err)
	}
	return root
}

// gitEnv is an environment for git in a throwaway repository: no user or
// system configuration, a fixed identity.
func gitEnv(home string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "GIT_") || name == "HOME" || name == "XDG_CONFIG_HOME" {
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"HOME="+home,
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=jwtkey test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=jwtkey test", "GIT_COMMITTER_EMAIL=test@example.com",
	)
}

// throwaway makes a git repository holding files (name → content), all
// staged, nothing committed.
func throwaway(t *testing.T, env []string, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	run(t, dir, env, "git", "init", "-q", "-b", "main")
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run(t, dir, env, "git", "add", "-A")
	return dir
}

func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// weakSecret is a staged configuration file with a published JWT secret;
// referenced is one that reads the secret from the environment.
var (
	weakSecret = map[string]string{"config/app.yaml": "jwt:\n  secret: mysecretkey\n"}
	referenced = map[string]string{"config/app.yaml": "jwt:\n  secret: ${JWT_SECRET}\n"}
)
