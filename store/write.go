package store

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/internal/lazyre"
)

// ErrValueSet is returned when the file already gives the variable a value
// and neither Rotate nor Force was asked for.
var ErrValueSet = errors.New("store: refusing to replace an existing value")

// ErrReadOnly is returned for a file without write permission for its
// owner. Replacing it atomically would succeed (the directory is what
// counts), which is exactly why it is refused: the mode says "leave me".
var ErrReadOnly = errors.New("store: refusing to change a read-only file")

// ErrNothingToRotate is returned by Rotate when the variable has no value,
// and by Retire when there is no previous value.
var ErrNothingToRotate = errors.New("store: no key to rotate or retire")

// Result is what a write did.
type Result struct {
	File     string
	Name     string
	Key      string      // the value written: a secret, not for logs
	Created  bool        // the file did not exist before
	Replaced bool        // a value was replaced (Force or Rotate)
	Mode     fs.FileMode // the file's permission bits after the write
	OldMode  fs.FileMode // the permission bits before, for a file that existed
	Git      GitStatus

	Kept bool // Init: the variable already had a value, which was kept

	Previous        string // Rotate: the variable now holding the old value
	DroppedPrevious bool   // Rotate: an older previous value was overwritten
}

// Tightened reports whether the write took read permission away from
// group or other users.
func (r *Result) Tightened() bool { return !r.Created && r.OldMode&^r.Mode&0o077 != 0 }

// Write puts a new key into the dotenv file at path under o.Name, creating
// the file with mode 0600 if needed. It refuses (ErrValueSet) to replace a
// non-empty value unless o.Force is set.
func Write(path string, o Options) (*Result, error) {
	return first(WriteAll([]string{path}, o))
}

// WriteAll writes a distinct new key into each file, for example one per
// environment, all or nothing: every file is locked, read and checked
// before any is written, and a failure while writing puts back the files
// already written (see PartialError for when that fails too).
func WriteAll(paths []string, o Options) ([]*Result, error) {
	o, err := o.forDotenv()
	if err != nil {
		return nil, err
	}
	keys := map[string]bool{}
	return editAll(paths, o, func(f *file, d *dotenv.File) (*Result, error) {
		if err := d.CheckUnique(o.Name); err != nil {
			return nil, f.wrap(err)
		}
		old, had := d.Lookup(o.Name)
		if had && old != "" && !o.Force {
			return nil, fmt.Errorf("%w: %s already sets %s", ErrValueSet, f.path, o.Name)
		}
		key, err := o.newKey()
		if err != nil {
			return nil, err
		}
		if keys[key] {
			return nil, errors.New("store: the random generator repeated a key") // cannot happen with crypto/rand
		}
		keys[key] = true
		if err := d.Set(o.Name, key); err != nil {
			return nil, f.wrap(err)
		}
		return &Result{Name: o.Name, Key: key, Created: !f.exists, Replaced: had && old != ""}, nil
	})
}

// editAll is the frame of every dotenv write: lock and read each file,
// let edit change it, and write them all or none.
func editAll(paths []string, o Options, edit func(*file, *dotenv.File) (*Result, error)) ([]*Result, error) {
	s := newSession(o)
	defer s.unlock()
	files, err := s.open(paths, dotenv.MaxSize, o.NoGitignore)
	if err != nil {
		return nil, err
	}
	var results []*Result
	for _, f := range files {
		d, err := parseDotenv(f)
		if err != nil {
			return nil, err
		}
		r, err := edit(f, d)
		if err != nil {
			return nil, err
		}
		f.out = d.Bytes()
		results = append(results, r)
	}
	if err := s.commit(o); err != nil {
		return nil, err
	}
	for i, f := range files {
		results[i].File, results[i].Mode, results[i].Git = f.path, f.perm, f.git.GitStatus
		if f.exists {
			results[i].OldMode = f.mode
		}
	}
	return results, nil
}

func first(rs []*Result, err error) (*Result, error) {
	if err != nil {
		return nil, err
	}
	return rs[0], nil
}

var envNameRE = lazyre.New(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

// EnvFile returns the dotenv file for an environment in dir, by the
// convention of Next.js, Vite, Create React App and dotenv-flow: "" is
// .env, "production" is .env.production, "local" is .env.local and
// "production.local" is .env.production.local.
func EnvFile(dir, env string) (string, error) {
	if env == "" {
		return filepath.Join(dir, ".env"), nil
	}
	if !envNameRE().MatchString(env) || env != filepath.Base(env) {
		return "", fmt.Errorf("store: %q is not an environment name: use letters, digits, '.', '_' and '-'", env)
	}
	return filepath.Join(dir, ".env."+env), nil
}

// EnvFiles returns the dotenv files of envs in dir, as EnvFile names each
// (spaces around a name are dropped: "production, staging" lists two), or
// dir's .env when envs is empty.
func EnvFiles(dir string, envs []string) ([]string, error) {
	if len(envs) == 0 {
		envs = []string{""}
	}
	var files []string
	for _, env := range envs {
		f, err := EnvFile(dir, strings.TrimSpace(env))
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}
