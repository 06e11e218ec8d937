// Package gitx asks git, never a re-implementation of its rules, about work
// trees: which files are tracked, which are ignored. Every answer comes from
// running the git binary (git rev-parse, git check-ignore, git ls-files), so
// .gitignore files, .git/info/exclude, core.excludesFile and negations all
// count exactly as they do for git itself.
package gitx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
)

// ErrNoGit is returned when no git binary can be found.
var ErrNoGit = errors.New("git is not installed")

// ErrNotRepo is returned for a directory outside any git work tree.
var ErrNotRepo = errors.New("not inside a git work tree")

// git runs git in dir and returns its standard output. A non-zero exit
// status comes back as an *exec.ExitError wrapped with git's message.
func git(dir string, args ...string) ([]byte, error) {
	bin, err := exec.LookPath("git")
	if err != nil {
		return nil, ErrNoGit
	}
	// A user's GIT_DIR or GIT_WORK_TREE would point every question at
	// another repository than the one holding the file; the repository's
	// own configuration must not run programs (safe.go).
	cmd := command(context.Background(), bin, dir, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if strings.Contains(msg, "not a git repository") {
			return out, ErrNotRepo
		}
		if msg == "" {
			return out, fmt.Errorf("git %s: %w", args[0], err)
		}
		return out, fmt.Errorf("git %s: %s: %w", args[0], firstLine(msg), err)
	}
	return out, nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	return -1
}

// Root returns the top directory of the work tree that holds dir.
func Root(dir string) (string, error) {
	out, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", err
	}
	root := strings.TrimSpace(string(out))
	if root == "" {
		return "", ErrNotRepo // inside .git, or a bare repository
	}
	return filepath.FromSlash(root), nil
}

// IsIgnored reports whether path is ignored by git: git check-ignore, which
// by default does not count a tracked file as ignored. The file need not
// exist.
func IsIgnored(path string) (bool, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	_, err := git(dir, "check-ignore", "-q", "--", base)
	switch {
	case err == nil:
		return true, nil
	case exitCode(err) == 1:
		return false, nil
	}
	return false, err
}

// IsTracked reports whether path is in git's index.
func IsTracked(path string) (bool, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	out, err := git(dir, "ls-files", "-z", "--cached", "--", ":(literal)"+base)
	if err != nil {
		return false, err
	}
	return len(out) > 0, nil
}

// ListFiles returns the tracked and untracked-not-ignored files under dir,
// as paths joined to dir, sorted.
func ListFiles(dir string) ([]string, error) {
	out, err := git(dir, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	var files []string
	seen := map[string]bool{}
	for _, f := range strings.Split(string(out), "\x00") {
		if f == "" || seen[f] {
			continue // a file with unmerged stages is listed once per stage
		}
		seen[f] = true
		files = append(files, filepath.Join(dir, filepath.FromSlash(f)))
	}
	slices.Sort(files)
	return files, nil
}
