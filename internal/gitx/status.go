package gitx

import (
	"errors"
	"path/filepath"
)

// FileStatus is what git says about one file: whether a work tree holds
// it, and whether that work tree tracks or ignores it.
type FileStatus struct {
	Path    string // the file, with its directory resolved, as git sees it
	Repo    string // the work tree's top directory, or "" outside any
	Tracked bool
	Ignored bool
}

// StatusOf asks git about the file at path, which need not exist. A path
// outside any work tree has an empty Repo and no error; ErrNoGit and git's
// own failures come back as errors, with what was learnt before them.
func StatusOf(path string) (FileStatus, error) {
	var s FileStatus
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return s, err
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	s.Path = filepath.Join(dir, filepath.Base(path))
	root, err := Root(dir)
	switch {
	case errors.Is(err, ErrNotRepo):
		return s, nil
	case err != nil:
		return s, err
	}
	s.Repo = root
	if s.Tracked, err = IsTracked(s.Path); err != nil || s.Tracked {
		return s, err
	}
	s.Ignored, err = IsIgnored(s.Path)
	return s, err
}
