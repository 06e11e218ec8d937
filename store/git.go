package store

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/jwtkey/jwtkey/internal/atomicfile"
	"github.com/jwtkey/jwtkey/internal/gitx"
)

// TrackedError is returned for a file that git tracks: whatever key it held
// is in the repository's history, and a new one written there would be
// committed next. For a symbolic link whose target git tracks, Target is
// that file and Repo the work tree that tracks it.
type TrackedError struct {
	File   string
	Target string // the tracked file a link resolves to, or ""
	Repo   string // the work tree that tracks it
	InRepo string // Target as git names it in Repo: relative, with slashes
}

func (e *TrackedError) Error() string {
	if e.Target != "" {
		return fmt.Sprintf("store: %s is a link to %s, which git tracks in %s, so any key in it is in that repository's history", e.File, e.Target, e.Repo)
	}
	return fmt.Sprintf("store: %s is tracked by git, so any key in it is in the repository's history", e.File)
}

// NotIgnoredError is returned for a symbolic link to a file that another
// work tree holds and does not ignore: jwtkey adds patterns only to the
// .gitignore of the work tree that holds the path it was given.
type NotIgnoredError struct {
	File   string
	Target string // the file the link resolves to
	Repo   string // the work tree that holds it
	InRepo string // Target as git names it in Repo: relative, with slashes
}

func (e *NotIgnoredError) Error() string {
	return fmt.Sprintf("store: %s is a link to %s, which the work tree %s does not ignore, so \"git add .\" there would commit the key", e.File, e.Target, e.Repo)
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
	// .gitignore so that git ignores the file (for a symbolic link, the
	// link itself).
	IgnoreFile, Pattern string
	// NotIgnored is set when git does not ignore the file and adding a
	// pattern was turned off.
	NotIgnored bool

	// Target is set when the file is a symbolic link: the file it resolves
	// to, which holds the key. TargetPattern is a pattern added to
	// IgnoreFile for it; TargetNotIgnored is set when git does not ignore
	// it and adding a pattern was turned off.
	Target           string
	TargetPattern    string
	TargetNotIgnored bool
}

// want is a pattern a file needs in a .gitignore.
type want struct {
	file    string // the .gitignore
	path    string // what the pattern is for
	pattern string
	target  bool // for the target of a link, not the path given
}

// gitCheck is what the read-only git check found, and the patterns the
// write must add.
type gitCheck struct {
	GitStatus
	wants []want
}

// checkGit asks git about path (and, for a symbolic link, the file it
// resolves to) without changing anything: a tracked file is refused, and
// an unignored one gets the patterns it needs, unless noGitignore is set.
func checkGit(path string, noGitignore bool) (*gitCheck, error) {
	st, err := gitx.StatusOf(path)
	c := &gitCheck{}
	c.Repo = st.Repo
	switch {
	case err != nil && st.Path == "":
		return nil, err
	case err != nil:
		c.Skipped = err
		return c, nil
	case st.Target != nil && st.Target.Tracked && !st.Link.Tracked:
		return nil, &TrackedError{File: path, Target: st.Target.Path, Repo: st.Target.Repo, InRepo: inRepo(st.Target.Repo, st.Target.Path)}
	case st.Tracked:
		return nil, &TrackedError{File: path}
	}
	own := gitx.Entry{Path: st.Path, Repo: st.Repo, Ignored: st.Ignored}
	if st.Link != nil {
		own = *st.Link
		c.Target = st.Target.Path
		c.Repo = own.Repo
	}
	if own.Repo != "" && !own.Ignored {
		if noGitignore {
			c.NotIgnored = true
		} else if err := c.want(own, false); err != nil {
			return nil, err
		}
	}
	if t := st.Target; t != nil && t.Repo != "" && !t.Ignored {
		switch {
		case noGitignore:
			c.TargetNotIgnored = true
		case t.Repo != own.Repo:
			return nil, &NotIgnoredError{File: path, Target: t.Path, Repo: t.Repo, InRepo: inRepo(t.Repo, t.Path)}
		default:
			if err := c.want(*t, true); err != nil {
				return nil, err
			}
		}
	}
	return c, nil
}

// want adds an anchored pattern for e to its work tree's top .gitignore.
func (c *gitCheck) want(e gitx.Entry, target bool) error {
	rel, err := filepath.Rel(e.Repo, e.Path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return fmt.Errorf("store: %s is not inside the work tree %s", e.Path, e.Repo)
	}
	c.wants = append(c.wants, want{
		file:    filepath.Join(e.Repo, ".gitignore"),
		path:    e.Path,
		pattern: "/" + gitignoreEscape(filepath.ToSlash(rel)),
		target:  target,
	})
	return nil
}

// done records, once they are in place, the patterns that were added.
func (c *gitCheck) done() {
	for _, w := range c.wants {
		c.IgnoreFile = w.file
		if w.target {
			c.TargetPattern = w.pattern
		} else {
			c.Pattern = w.pattern
		}
	}
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

// appendPatterns adds each pattern that data does not hold as a line to
// the end of data, keeping its line ending style.
func appendPatterns(data []byte, patterns []string) (out []byte, changed bool, err error) {
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, false, errors.New("store: not a text file")
	}
	nl := "\n"
	if bytes.Contains(data, []byte("\r\n")) {
		nl = "\r\n"
	}
	have := map[string]bool{}
	for _, l := range strings.Split(string(data), "\n") {
		have[strings.TrimRight(l, "\r")] = true
	}
	out = data
	for _, p := range patterns {
		if have[p] {
			continue
		}
		have[p] = true
		if len(out) > 0 && !bytes.HasSuffix(out, []byte("\n")) {
			out = append(out, nl...)
		}
		out = append(out, p+nl...)
		changed = true
	}
	return out, changed, nil
}

// stageAppend reads the .gitignore name, which the caller has locked, and
// stages it with patterns appended. It reports whether anything changed.
func stageAppend(tx *atomicfile.Tx, name string, patterns []string) (bool, error) {
	g, err := read(name, maxGitignoreSize)
	if err != nil {
		return false, err
	}
	out, changed, err := appendPatterns(g.data, patterns)
	switch {
	case err != nil:
		return false, fmt.Errorf("%s: %w", name, err)
	case !changed:
		return false, nil
	case g.exists:
		return true, tx.Replace(name, out, g.mode) // a .gitignore is meant to be committed: its mode stays
	}
	return true, tx.Create(name, out, 0o644)
}

// inRepo returns p relative to the work tree repo, as git names it, or p.
func inRepo(repo, p string) string {
	if rel, err := filepath.Rel(repo, p); err == nil {
		return filepath.ToSlash(rel)
	}
	return p
}
