package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/internal/atomicfile"
	"github.com/jwtkey/jwtkey/internal/lazyre"
	"github.com/jwtkey/jwtkey/keygen"
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

// Options says what to write and how careful to be.
type Options struct {
	Name     string          // variable; default the preset's, then JWT_SECRET
	Previous string          // Rotate and Retire: default Name + "_PREVIOUS"
	Encoding keygen.Encoding // default the preset's, then hex
	Size     int             // random bytes; default the preset's, then 32
	Preset   *Preset         // a framework's name and encoding, or nil

	Force       bool // Write: replace a value already set
	NoGitignore bool // do not add a .gitignore pattern for an unignored file
}

func (o Options) withDefaults() (Options, error) {
	p := DefaultPreset
	if o.Preset != nil {
		p = *o.Preset
	}
	if o.Name == "" {
		o.Name = p.Var
	}
	if o.Previous == "" {
		o.Previous = o.Name + "_PREVIOUS"
	}
	if o.Encoding == "" {
		o.Encoding = p.Encoding
	}
	if o.Size == 0 {
		o.Size = p.Size
	}
	for _, n := range []string{o.Name, o.Previous} {
		if !dotenv.ValidName(n) {
			return o, fmt.Errorf("%w %q: use letters, digits and underscores, not starting with a digit", dotenv.ErrInvalidName, n)
		}
	}
	if o.Name == o.Previous {
		return o, fmt.Errorf("store: the current and previous variable are both %s", o.Name)
	}
	switch o.Encoding {
	case keygen.Hex, keygen.Base64, keygen.Base64URL:
	default:
		return o, fmt.Errorf("store: a dotenv value cannot hold a %s key: use hex, base64 or base64url", o.Encoding)
	}
	if o.Size < keygen.HS256.HashSize() || o.Size > keygen.MaxHMACSize {
		return o, fmt.Errorf("store: a key of %d bytes is outside %d to %d", o.Size, keygen.HS256.HashSize(), keygen.MaxHMACSize)
	}
	return o, nil
}

func (o Options) newKey() (string, error) {
	key, err := keygen.GenerateHMACSize(keygen.HS256, o.Size)
	if err != nil {
		return "", err
	}
	text, err := keygen.EncodeSecret(key, o.Encoding)
	return string(text), err
}

// Result is what a write did.
type Result struct {
	File     string
	Name     string
	Key      string      // the value written: a secret, not for logs
	Created  bool        // the file did not exist before
	Replaced bool        // a value was replaced (Force or Rotate)
	Mode     fs.FileMode // the file's permission bits after the write
	Git      GitStatus

	Previous        string // Rotate: the variable now holding the old value
	DroppedPrevious bool   // Rotate: an older previous value was overwritten
}

// target is a file read and checked, ready to be edited and written.
type target struct {
	path   string
	exists bool
	mode   fs.FileMode
	file   *dotenv.File
	git    *gitCheck
}

// load reads and checks path without changing anything.
func load(path string) (*target, error) {
	t := &target{path: path, mode: 0o600}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if _, lerr := os.Lstat(path); lerr == nil {
			return nil, fmt.Errorf("store: %s is a symbolic link to a missing file", path)
		}
		if _, derr := os.Stat(filepath.Dir(path)); derr != nil {
			return nil, derr
		}
		t.file, _ = dotenv.Parse(nil)
	case err != nil:
		return nil, err
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("store: %s is not a regular file", path)
	case fi.Mode().Perm()&0o200 == 0:
		return nil, fmt.Errorf("%w: %s has mode %#o", ErrReadOnly, path, fi.Mode().Perm())
	default:
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		if t.file, err = dotenv.Parse(data); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		t.exists, t.mode = true, fi.Mode().Perm()
	}
	if t.git, err = checkGit(path); err != nil {
		return nil, err
	}
	return t, nil
}

// save writes the edited file: first the .gitignore pattern, so the key is
// never on disk unignored, then the file itself.
func (t *target) save(noGitignore bool) error {
	if err := t.git.protect(noGitignore); err != nil {
		return err
	}
	var err error
	if t.exists {
		err = atomicfile.WriteFile(t.path, t.file.Bytes(), 0o600)
	} else {
		err = atomicfile.CreateFile(t.path, t.file.Bytes(), 0o600)
	}
	if err != nil {
		return err
	}
	return nil
}

// Write puts a new key into the dotenv file at path under o.Name, creating
// the file with mode 0600 if needed. It refuses (ErrValueSet) to replace a
// non-empty value unless o.Force is set.
func Write(path string, o Options) (*Result, error) {
	rs, err := WriteAll([]string{path}, o)
	if err != nil {
		return nil, err
	}
	return rs[0], nil
}

// WriteAll writes a distinct new key into each file, for example one per
// environment. Every file is read and checked before any is written, so a
// refusal for one leaves all of them as they were.
func WriteAll(paths []string, o Options) ([]*Result, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	var targets []*target
	seen := map[string]bool{}
	for _, p := range paths {
		abs, _ := filepath.Abs(p)
		if seen[abs] {
			return nil, fmt.Errorf("store: %s is named twice", p)
		}
		seen[abs] = true
		t, err := load(p)
		if err != nil {
			return nil, err
		}
		if v, ok := t.file.Lookup(o.Name); ok && v != "" && !o.Force {
			return nil, fmt.Errorf("%w: %s already sets %s", ErrValueSet, p, o.Name)
		}
		targets = append(targets, t)
	}
	var results []*Result
	keys := map[string]bool{}
	for _, t := range targets {
		key, err := o.newKey()
		if err != nil {
			return nil, err
		}
		if keys[key] {
			return nil, errors.New("store: the random generator repeated a key") // cannot happen with crypto/rand
		}
		keys[key] = true
		old, had := t.file.Lookup(o.Name)
		if err := t.file.Set(o.Name, key); err != nil {
			return nil, fmt.Errorf("%s: %w", t.path, err)
		}
		if err := t.save(o.NoGitignore); err != nil {
			return results, err
		}
		results = append(results, &Result{
			File: t.path, Name: o.Name, Key: key, Created: !t.exists,
			Replaced: had && old != "", Mode: t.mode, Git: t.git.GitStatus,
		})
	}
	return results, nil
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
