package store

import (
	"fmt"
	"io/fs"
)

// WriteKeyFile writes a key file, such as the private key or key set that
// "jwtkey generate -o" makes, with the care a dotenv file gets: a file that
// git tracks is refused (*TrackedError), one git does not ignore gets a
// .gitignore pattern first (unless o.NoGitignore), and the file is created
// with mode 0600. An existing file is refused with an error matching
// fs.ErrExist unless o.Force is set; then it is replaced atomically, and a
// group- or other-readable mode is tightened unless o.KeepMode is set.
//
// Only o.Force, o.NoGitignore, o.KeepMode and o.LockTimeout apply.
func WriteKeyFile(path string, data []byte, o Options) (*Result, error) {
	s := newSession(o)
	defer s.unlock()
	if err := precheck(path); err != nil {
		return nil, err
	}
	if err := s.lock(path); err != nil {
		return nil, err
	}
	f, err := stat(path)
	if err != nil {
		return nil, err
	}
	if f.exists && !o.Force {
		return nil, fmt.Errorf("%s: %w", path, fs.ErrExist)
	}
	if f.git, err = checkGit(path, o.NoGitignore); err != nil {
		return nil, err
	}
	f.out = data
	s.files = []*file{f}
	if err := s.commit(o); err != nil {
		return nil, err
	}
	r := &Result{File: path, Created: !f.exists, Replaced: f.exists, Mode: f.perm, Git: f.git.GitStatus}
	if f.exists {
		r.OldMode = f.mode
	}
	return r, nil
}
