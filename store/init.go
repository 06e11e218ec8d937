package store

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"

	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/internal/atomicfile"
)

// InitOptions says what Init sets up.
type InitOptions struct {
	// Options are the keys' settings, as for WriteAll. Force means
	// something else here: replace an existing settings file. A key
	// already in a file is never replaced by Init.
	Options
	Files      []string // the dotenv files that are to hold a key
	Config     string   // the settings file to write (.jwtkey.toml)
	ConfigData []byte   // its content
}

// InitResult is what Init did.
type InitResult struct {
	Config *Result   // the settings file: File, Created or Replaced, Mode
	Files  []*Result // one per dotenv file, in order; Kept when it held a key already
}

// Init sets a project up in one step, all or nothing: it writes the
// settings file, a distinct new key into each dotenv file that does not
// hold one yet, and the .gitignore patterns those files need, as WriteAll
// does. A file that already gives the variable a value keeps it
// (Result.Kept), and still gets its pattern and its mode tightened:
// replacing a key is Rotate's job. An existing settings file is refused
// with an error matching fs.ErrExist unless o.Force is set. The settings
// file holds no secret and is meant to be committed: a new one gets mode
// 0644, and an existing one keeps its mode.
func Init(o InitOptions) (*InitResult, error) {
	ko, err := o.Options.forDotenv()
	if err != nil {
		return nil, err
	}
	if o.Config == "" {
		return nil, errors.New("store: no settings file to write")
	}
	if len(o.Files) == 0 {
		return nil, errors.New("store: no dotenv file to hold a key")
	}
	s := newSession(ko)
	defer s.unlock()
	if err := precheck(o.Config); err != nil {
		return nil, err
	}
	// One lock order for the settings file and the dotenv files together.
	for _, p := range o.Files {
		if err := precheck(p); err != nil {
			return nil, err
		}
	}
	if err := s.lock(append(slices.Clone(o.Files), o.Config)...); err != nil {
		return nil, err
	}
	files, err := s.open(o.Files, dotenv.MaxSize, ko.NoGitignore)
	if err != nil {
		return nil, err
	}
	id, _ := filepath.Abs(atomicfile.LockName(o.Config))
	for _, f := range files {
		if fid, _ := filepath.Abs(atomicfile.LockName(f.path)); fid == id {
			return nil, fmt.Errorf("store: %s and %s are the same file", o.Config, f.path)
		}
	}
	// The settings file is not a secret: git may track it, and should.
	cf, err := stat(o.Config)
	if err != nil {
		return nil, err
	}
	if cf.exists && !o.Force {
		return nil, fmt.Errorf("%s: %w", cf.path, fs.ErrExist)
	}
	cf.git = &gitCheck{}
	cf.out, cf.fixedPerm = o.ConfigData, 0o644
	s.files = append(s.files, cf)

	keys := map[string]bool{}
	var results []*Result
	for _, f := range files {
		d, err := parseDotenv(f)
		if err != nil {
			return nil, err
		}
		if err := d.CheckUnique(ko.Name); err != nil {
			return nil, f.wrap(err)
		}
		r := &Result{Name: ko.Name, Created: !f.exists}
		if old, _ := d.Lookup(ko.Name); old != "" {
			r.Kept = true
			if len(f.git.wants) > 0 || ko.perm(true, f.mode) != f.mode {
				f.out = f.data // rewritten as it is, for its pattern and mode
			}
		} else {
			if r.Key, err = ko.newKey(); err != nil {
				return nil, err
			}
			if keys[r.Key] {
				return nil, errors.New("store: the random generator repeated a key") // cannot happen with crypto/rand
			}
			keys[r.Key] = true
			if err := d.Set(ko.Name, r.Key); err != nil {
				return nil, f.wrap(err)
			}
			f.out = d.Bytes()
		}
		results = append(results, r)
	}
	if err := s.commit(ko); err != nil {
		return nil, err
	}
	for i, f := range files {
		r := results[i]
		r.File, r.Mode, r.Git = f.path, f.perm, f.git.GitStatus
		if f.out == nil {
			r.Mode = f.mode
		}
		if f.exists {
			r.OldMode = f.mode
		}
	}
	cr := &Result{File: cf.path, Created: !cf.exists, Replaced: cf.exists, Mode: cf.perm, Git: cf.git.GitStatus}
	if cf.exists {
		cr.OldMode = cf.mode
	}
	return &InitResult{Config: cr, Files: results}, nil
}
