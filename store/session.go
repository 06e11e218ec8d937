package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/internal/atomicfile"
	"github.com/jwtkey/jwtkey/internal/gitx"
)

// ErrLocked is returned when another process kept a file locked for the
// whole Options.LockTimeout. Nothing was written.
var ErrLocked = atomicfile.ErrLocked

// ErrTooLarge is returned, before anything is read, for a file larger than
// any file of its kind should be.
var ErrTooLarge = errors.New("store: file too large")

// PartialError is returned when a write of several files failed and some
// of them could not be put back: Changed names those, which hold their new
// content. Every other file is as it was.
type PartialError = atomicfile.PartialError

// Size limits, checked with stat before a file is read.
const (
	maxJWKSSize      = 8 << 20
	maxGitignoreSize = 8 << 20
)

// A session is one all-or-nothing write: it locks every file it reads, from
// before the read until the new content is renamed into place, and writes
// every file, or none.
//
// Locks are taken in one order, so that two sessions never wait for each
// other: first the files asked for, sorted by lock file, then the
// .gitignore files, sorted too. A session that holds a .gitignore lock
// never asks for another file's.
type session struct {
	timeout time.Duration
	locks   map[string]*atomicfile.FileLock
	files   []*file
}

// file is one file read under the session's lock, to be replaced or
// created with out.
type file struct {
	path   string
	exists bool
	mode   fs.FileMode // before the write
	size   int64
	perm   fs.FileMode // after it
	// fixedPerm, when set, is the mode of a new file, and an existing
	// one keeps its own: for a file that holds no secret.
	fixedPerm fs.FileMode
	data      []byte
	out       []byte
	git       *gitCheck
}

func newSession(o Options) *session {
	return &session{timeout: o.lockTimeout(), locks: map[string]*atomicfile.FileLock{}}
}

// lock takes the locks of paths that the session does not hold yet, in the
// order of their lock files.
func (s *session) lock(paths ...string) error {
	byLock := map[string]string{}
	for _, p := range paths {
		if l := atomicfile.LockName(p); s.locks[l] == nil {
			byLock[l] = p
		}
	}
	names := make([]string, 0, len(byLock))
	for l := range byLock {
		names = append(names, l)
	}
	slices.Sort(names)
	for _, l := range names {
		fl, err := atomicfile.Lock(byLock[l], s.timeout)
		if err != nil {
			return err
		}
		s.locks[l] = fl
	}
	return nil
}

func (s *session) unlock() {
	for _, l := range s.locks {
		l.Unlock()
	}
	clear(s.locks)
}

// open checks and locks every path, then reads each: a refusal for any of
// them comes before a byte is written. Paths that do not exist are files
// to create.
func (s *session) open(paths []string, limit int64, noGitignore bool) ([]*file, error) {
	seen := map[string]string{}
	for _, p := range paths {
		if err := precheck(p); err != nil {
			return nil, err
		}
		// The lock file names the file itself, links resolved: two paths
		// to one file would have the second write undo the first.
		id, _ := filepath.Abs(atomicfile.LockName(p))
		if q, ok := seen[id]; ok {
			if q == p {
				return nil, fmt.Errorf("store: %s is named twice", p)
			}
			return nil, fmt.Errorf("store: %s and %s are the same file", q, p)
		}
		seen[id] = p
	}
	if err := s.lock(paths...); err != nil {
		return nil, err
	}
	var files []*file
	for _, p := range paths {
		f, err := read(p, limit)
		if err != nil {
			return nil, err
		}
		if f.git, err = checkGit(p, noGitignore); err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	s.files = append(s.files, files...)
	return files, nil
}

// MissingError is returned when what a write needs is not there: the
// directory of a file to create (a store creates files, never
// directories), or a key set to change. It matches fs.ErrNotExist.
type MissingError struct {
	File string // the file asked for
	Dir  string // its missing directory; "" when the file itself is missing
}

func (e *MissingError) Error() string {
	if e.Dir != "" {
		return fmt.Sprintf("store: cannot write %s: directory %s does not exist", e.File, e.Dir)
	}
	return fmt.Sprintf("store: %s does not exist", e.File)
}

func (e *MissingError) Unwrap() error { return fs.ErrNotExist }

// precheck refuses, before any lock file is made, what needs no lock to
// refuse: a link to nothing, a missing directory.
func precheck(path string) error {
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("store: %s is a symbolic link to a missing file", path)
	}
	dir := filepath.Dir(path)
	_, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return &MissingError{File: path, Dir: dir}
	}
	return err
}

// stat looks at a file that is to be replaced or created, without reading
// it: a file that exists must be a regular file.
func stat(path string) (*file, error) {
	f := &file{path: path}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return f, nil
	case err != nil:
		return nil, err
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("store: %s is not a regular file", path)
	}
	f.exists, f.mode, f.size = true, fi.Mode().Perm(), fi.Size()
	return f, nil
}

// read reads a file that is to be rewritten, refusing by its stat what is
// not a writable regular file of at most limit bytes.
func read(path string, limit int64) (*file, error) {
	f, err := stat(path)
	switch {
	case err != nil || !f.exists:
		return f, err
	case f.mode&0o200 == 0:
		return nil, fmt.Errorf("%w: %s has mode %#o", ErrReadOnly, path, f.mode)
	case f.size > limit:
		return nil, tooLarge(path, f.size, limit)
	}
	r, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	// The file may grow between the stat and the read.
	if f.data, err = io.ReadAll(io.LimitReader(r, limit+1)); err != nil {
		return nil, err
	}
	if int64(len(f.data)) > limit {
		return nil, tooLarge(path, int64(len(f.data)), limit)
	}
	return f, nil
}

func tooLarge(path string, size, limit int64) error {
	return fmt.Errorf("%w: %s is %d bytes, and jwtkey reads at most %d from such a file", ErrTooLarge, path, size, limit)
}

// parseDotenv parses a file read for a dotenv write.
func parseDotenv(f *file) (*dotenv.File, error) {
	d, err := dotenv.Parse(f.data)
	if err != nil {
		return nil, f.wrap(err)
	}
	return d, nil
}

// wrap gives an error from another package the file's name.
func (f *file) wrap(err error) error { return fmt.Errorf("%s: %w", f.path, err) }

// commit writes every file of the session whose out is set, all or
// nothing: first the .gitignore patterns the git checks asked for (so that
// no key is ever on disk unignored), then the files. git is asked again
// after each .gitignore is in place, since a later rule or an ignored
// parent directory could still override the new pattern.
func (s *session) commit(o Options) error {
	var tx atomicfile.Tx
	defer tx.Abort()
	verify, err := s.stageGitignores(&tx)
	if err != nil {
		return err
	}
	for _, f := range s.files {
		if f.out == nil {
			continue
		}
		f.perm = o.perm(f.exists, f.mode)
		if f.fixedPerm != 0 {
			f.perm = f.fixedPerm
			if f.exists {
				f.perm = f.mode
			}
		}
		if f.exists {
			err = tx.Replace(f.path, f.out, f.perm)
		} else {
			err = tx.Create(f.path, f.out, f.perm)
		}
		if err != nil {
			return err
		}
	}
	err = tx.Commit(func(name string) error { return checkIgnored(name, verify[name]) })
	if err != nil {
		return err
	}
	for _, f := range s.files {
		if f.out != nil {
			f.git.done()
		}
	}
	return nil
}

// checkIgnored asks git whether the patterns added to the .gitignore file
// name have the effect they were added for.
func checkIgnored(name string, wants []want) error {
	for _, w := range wants {
		ignored, err := gitx.IsIgnored(w.path)
		if err != nil {
			return fmt.Errorf("checking %s after adding %q to %s: %w", w.path, w.pattern, name, err)
		}
		if !ignored {
			return fmt.Errorf("store: git still does not ignore %s after adding %q to %s", w.path, w.pattern, name)
		}
	}
	return nil
}

// stageGitignores locks, reads and stages each .gitignore that needs
// patterns, and returns, by .gitignore, what to check once it is in place.
func (s *session) stageGitignores(tx *atomicfile.Tx) (map[string][]want, error) {
	byFile := map[string][]want{}
	for _, f := range s.files {
		if f.out == nil {
			continue
		}
		for _, w := range f.git.wants {
			byFile[w.file] = append(byFile[w.file], w)
		}
	}
	if len(byFile) == 0 {
		return nil, nil
	}
	names := make([]string, 0, len(byFile))
	for n := range byFile {
		names = append(names, n)
	}
	slices.Sort(names)
	if err := s.lock(names...); err != nil {
		return nil, err
	}
	for _, name := range names {
		var patterns []string
		for _, w := range byFile[name] {
			patterns = append(patterns, w.pattern)
		}
		changed, err := stageAppend(tx, name, patterns)
		if err != nil {
			return nil, err
		}
		if !changed {
			// Already there, yet git did not ignore the file: say why now.
			if err := checkIgnored(name, byFile[name]); err != nil {
				return nil, err
			}
		}
	}
	return byFile, nil
}
