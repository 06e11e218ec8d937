package gitx

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// Entry is what git says about one path: the work tree that holds it, and
// whether that work tree tracks or ignores it.
type Entry struct {
	Path    string // the path with its directory resolved, as git sees it
	Repo    string // the work tree's top directory, or "" outside any
	Tracked bool
	Ignored bool
}

// FileStatus is what git says about a file that is about to hold, or holds,
// a secret. For a symbolic link two paths count: the link, which "git add"
// would commit as a link, and the file it resolves to, which holds the
// secret and may live in another work tree. The verdict fields (Tracked,
// Ignored) cover both, so that a caller reading only them is safe.
type FileStatus struct {
	Path string // the file with its directory resolved: for a link, the link
	Repo string // the work tree holding Path, or else the link's target; "" if neither is in one
	// Tracked: git tracks the file, or, for a link, the link or its target.
	Tracked bool
	// Ignored: git ignores the file, or, for a link, the link and its
	// target wherever each is in a work tree. False when Repo is "".
	Ignored bool

	// Link and Target are set when the file is a symbolic link that
	// resolves: git's answers for the link itself, and for the file it
	// resolves to, asked of the work tree that holds that file.
	Link, Target *Entry
}

// StatusOf asks git about the file at path, which need not exist. A
// symbolic link is judged both as itself and as the file it resolves to
// (see FileStatus). A path outside any work tree has an empty Repo and no
// error; ErrNoGit and git's own failures come back as errors, with what was
// learnt before them.
func StatusOf(path string) (FileStatus, error) {
	own, err := entryOf(path)
	s := FileStatus{Path: own.Path, Repo: own.Repo, Tracked: own.Tracked, Ignored: own.Ignored}
	if err != nil {
		return s, err
	}
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return s, nil
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return s, nil // a link to nothing: only the link can be judged
	}
	if real, err = filepath.Abs(real); err != nil {
		return s, err
	}
	target, err := entryOf(real)
	s.Link, s.Target = &own, &target
	if s.Repo == "" {
		s.Repo = target.Repo
	}
	s.Tracked = own.Tracked || target.Tracked
	s.Ignored = s.Repo != "" && (own.Repo == "" || own.Ignored) && (target.Repo == "" || target.Ignored)
	return s, err
}

// entryOf asks git about one path, without following a link at its end.
func entryOf(path string) (Entry, error) {
	var e Entry
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return e, err
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	e.Path = filepath.Join(dir, filepath.Base(path))
	root, err := Root(dir)
	switch {
	case errors.Is(err, ErrNotRepo):
		return e, nil
	case err != nil:
		return e, err
	}
	e.Repo = root
	if e.Tracked, err = IsTracked(e.Path); err != nil || e.Tracked {
		return e, err
	}
	e.Ignored, err = IsIgnored(e.Path)
	return e, err
}
