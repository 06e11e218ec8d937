package store

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/jwtkey/jwtkey/internal/atomicfile"
	"github.com/jwtkey/jwtkey/internal/gitx"
)

// TrackedError is returned for a file that git tracks: whatever key it held
// is in the repository's history, and a new one written there would be
// committed next.
type TrackedError struct {
	File string
}

func (e *TrackedError) Error() string {
	return fmt.Sprintf("store: %s is tracked by git, so any key in it is in the repository's history", e.File)
}

// ErrNoGit is the Skipped of a GitStatus when git is not installed: the
// tracked and ignored checks could not be made.
var ErrNoGit = gitx.ErrNoGit

// GitStatus is what git said about a file before a key was written to it.
type GitStatus struct {
	// Skipped is why git was not asked: ErrNoGit when git is not
	// installed, or git's own error. Nil when git answered or the file is
	// outside any work tree.
	Skipped error
	// Repo is the work tree's top directory, or "" outside any.
	Repo string
	// IgnoreFile and Pattern are set when a pattern was added to a
	// .gitignore so that git ignores the file.
	IgnoreFile, Pattern string
	// NotIgnored is set when git does not ignore the file and adding a
	// pattern was turned off.
	NotIgnored bool
}

// gitCheck is the part of the git check that only reads: the file must not
// be tracked, and it is noted whether it is ignored.
type gitCheck struct {
	GitStatus
	path    string // the file's path with its directory resolved, as git sees it
	ignored bool
}

func checkGit(path string) (*gitCheck, error) {
	st, err := gitx.StatusOf(path)
	c := &gitCheck{path: st.Path, ignored: st.Ignored}
	c.Repo = st.Repo
	switch {
	case err != nil && st.Path == "":
		return nil, err
	case err != nil:
		c.Skipped = err
	case st.Tracked:
		return nil, &TrackedError{File: path}
	}
	return c, nil
}

// protect makes git ignore the file, unless it already does or noGitignore
// is set, by adding an anchored pattern for it to the work tree's top
// .gitignore. It asks git again afterwards, since a later rule or an
// ignored parent directory could still override the pattern.
func (c *gitCheck) protect(noGitignore bool) error {
	if c.Repo == "" || c.Skipped != nil || c.ignored {
		return nil
	}
	if noGitignore {
		c.NotIgnored = true
		return nil
	}
	rel, err := filepath.Rel(c.Repo, c.path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return fmt.Errorf("store: %s is not inside the work tree %s", c.path, c.Repo)
	}
	pattern := "/" + gitignoreEscape(filepath.ToSlash(rel))
	file := filepath.Join(c.Repo, ".gitignore")
	if err := appendLine(file, pattern); err != nil {
		return err
	}
	c.IgnoreFile, c.Pattern = file, pattern
	ignored, err := gitx.IsIgnored(c.path)
	if err != nil {
		return fmt.Errorf("checking %s after adding %q to %s: %w", c.path, pattern, file, err)
	}
	if !ignored {
		return fmt.Errorf("store: git still does not ignore %s after adding %q to %s", c.path, pattern, file)
	}
	return nil
}

// gitignoreEscape escapes the characters a .gitignore pattern gives
// meaning to, so that the pattern matches exactly one name.
func gitignoreEscape(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if strings.IndexByte(`*?[]\`, c) >= 0 || (c == '!' || c == '#') && (i == 0 || p[i-1] == '/') {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	s := b.String()
	if t := strings.TrimRight(s, " "); t != s {
		s = t + strings.Repeat(`\ `, len(s)-len(t)) // trailing spaces count only when escaped
	}
	return s
}

// appendLine adds line to the end of a text file, creating it (mode 0644:
// a .gitignore is meant to be committed) if needed, and keeping its line
// ending style. An existing line equal to it is not added twice.
func appendLine(name, line string) error {
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return atomicfile.CreateFile(name, []byte(line+"\n"), 0o644)
	}
	if err != nil {
		return err
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return fmt.Errorf("store: %s is not a text file", name)
	}
	nl := "\n"
	if bytes.Contains(data, []byte("\r\n")) {
		nl = "\r\n"
	}
	for _, l := range strings.Split(string(data), "\n") {
		if strings.TrimRight(l, "\r") == line {
			return nil
		}
	}
	if len(data) > 0 && !bytes.HasSuffix(data, []byte("\n")) {
		data = append(data, nl...)
	}
	data = append(data, line+nl...)
	return atomicfile.WriteFile(name, data, 0o644)
}
