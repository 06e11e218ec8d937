// Package config reads a project's .jwtkey.toml: the choices a team makes
// once (framework preset, variable name, algorithm, environments, scan
// excludes, extra word lists) so that every later command, and every
// teammate, makes the same ones. Flags given on the command line beat the
// file; the file beats jwtkey's defaults.
//
// The file is looked for in the current directory, then at the top of the
// git work tree that holds it. Unknown keys are errors that name their
// line, so a typo never silently turns a setting off.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/jwtkey/jwtkey/internal/display"
	"github.com/jwtkey/jwtkey/internal/gitx"
)

// Name is the file's name.
const Name = ".jwtkey.toml"

// maxSize bounds what Load reads: a config file is a few lines.
const maxSize = 1 << 20

// Config is a project's settings. Zero values mean "not set".
type Config struct {
	// Path is the file the settings were read from, or "" when none.
	Path string `toml:"-"`

	Key   Key   `toml:"key,omitempty"`
	Scan  Scan  `toml:"scan,omitempty"`
	Check Check `toml:"check,omitempty"`
	Audit Audit `toml:"audit,omitempty"`
}

// Key holds what env, rotate and retire write: the same keys as their
// flags.
type Key struct {
	Preset       string   `toml:"preset,omitempty"`       // --for
	Name         string   `toml:"name,omitempty"`         // --name
	Previous     string   `toml:"previous,omitempty"`     // --previous
	Alg          string   `toml:"alg,omitempty"`          // --alg
	Encoding     string   `toml:"encoding,omitempty"`     // --encoding
	Environments []string `toml:"environments,omitempty"` // --env
	Dir          string   `toml:"dir,omitempty"`          // --dir, relative to the file
}

// Scan holds scan's settings.
type Scan struct {
	Exclude     []string `toml:"exclude,omitempty"`      // path patterns not to scan
	Baseline    string   `toml:"baseline,omitempty"`     // --baseline, relative to the file
	SecretNames []string `toml:"secret_names,omitempty"` // more names that hold a signing key
}

// Check holds check's settings.
type Check struct {
	Wordlists []string `toml:"wordlists,omitempty"` // --wordlist, relative to the file
}

// Audit holds audit's settings.
type Audit struct {
	Wordlists []string `toml:"wordlists,omitempty"` // --wordlist, relative to the file
}

// Find returns the path of the config file that applies in dir: dir's own,
// else the one at the top of dir's git work tree. It returns "" and no
// error when there is none, or when git cannot say where the top is.
func Find(dir string) (string, error) {
	p := filepath.Join(dir, Name)
	if _, err := os.Lstat(p); err == nil {
		return p, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	root, err := gitx.Root(dir)
	if err != nil {
		return "", nil // outside git, or git missing: only dir counts
	}
	p = filepath.Join(root, Name)
	if _, err := os.Lstat(p); err == nil {
		return p, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	return "", nil
}

// Load reads the config file that applies in dir, or returns an empty
// Config when there is none.
func Load(dir string) (*Config, error) {
	p, err := Find(dir)
	if err != nil || p == "" {
		return &Config{}, err
	}
	return Read(p)
}

// Read parses the config file at path. Relative paths in it are made
// relative to the file's directory.
func Read(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() || fi.Size() > maxSize {
		return nil, fmt.Errorf("config: %s is not a config file (a regular file of at most %d KiB)", path, maxSize>>10)
	}
	data := make([]byte, fi.Size())
	if _, err := f.ReadAt(data, 0); err != nil && fi.Size() > 0 {
		return nil, err
	}
	c, err := Parse(data)
	var pe *Error
	if errors.As(err, &pe) {
		pe.File = path
	}
	if err != nil {
		return nil, err
	}
	c.Path = path
	c.resolve(filepath.Dir(path))
	return c, nil
}

// Error is a mistake in a config file, with the line it is on.
type Error struct {
	File string // "" when parsed from bytes
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.File == "" {
		return fmt.Sprintf("config: line %d: %s", e.Line, e.Msg)
	}
	return fmt.Sprintf("config: %s:%d: %s", e.File, e.Line, e.Msg)
}

// Parse reads settings from data. Its errors are *Error.
func Parse(data []byte) (*Config, error) {
	var c Config
	err := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields().Decode(&c)
	var strict *toml.StrictMissingError
	var decode *toml.DecodeError
	switch {
	case errors.As(err, &strict):
		e := strict.Errors[0]
		row, _ := e.Position()
		return nil, &Error{Line: row, Msg: "unknown key " + strings.Join(e.Key(), ".")}
	case errors.As(err, &decode):
		row, _ := decode.Position()
		return nil, &Error{Line: row, Msg: strings.TrimPrefix(decode.Error(), "toml: ")}
	case err != nil:
		return nil, &Error{Line: 1, Msg: strings.TrimPrefix(err.Error(), "toml: ")}
	}
	return &c, nil
}

// resolve makes the relative paths in c relative to dir.
func (c *Config) resolve(dir string) {
	abs := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(dir, p)
	}
	c.Key.Dir = abs(c.Key.Dir)
	c.Scan.Baseline = abs(c.Scan.Baseline)
	for i := range c.Check.Wordlists {
		c.Check.Wordlists[i] = abs(c.Check.Wordlists[i])
	}
	for i := range c.Audit.Wordlists {
		c.Audit.Wordlists[i] = abs(c.Audit.Wordlists[i])
	}
}

// unset shows, as comments, the settings of each section a file leaves
// out, so that a team finds them where it looks.
var unset = []struct {
	section string
	empty   func(*Config) bool
	text    string
}{
	{"key", func(c *Config) bool { return reflect.ValueOf(c.Key).IsZero() }, `# [key]                           # env, rotate, retire and init
# preset = 'node'                 # --for
# name = 'JWT_SECRET'             # --name
# environments = ['production']   # --env: .env.NAME files
`},
	{"scan", func(c *Config) bool { return reflect.ValueOf(c.Scan).IsZero() }, `# [scan]
# exclude = ['docs/examples/**']  # --exclude: .gitignore patterns, relative to this file
# baseline = '.jwtkey-baseline.json'
# secret_names = ['APP_SIGNER']   # more names that hold a signing key (scan, check, doctor)
`},
	{"check", func(c *Config) bool { return len(c.Check.Wordlists) == 0 }, `# [check]
# wordlists = ['leaked.txt']      # added to --wordlist
`},
	{"audit", func(c *Config) bool { return len(c.Audit.Wordlists) == 0 }, `# [audit]
# wordlists = ['wordlist.txt']    # added to --wordlist
`},
}

// Marshal returns the settings as the text of a config file: the settings
// set, then the others as comments.
func (c *Config) Marshal() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("# jwtkey settings for this project: flags given on the command line win.\n")
	b.WriteString("# Paths are relative to this file. It holds no secret: commit it.\n")
	enc := toml.NewEncoder(&b)
	enc.SetIndentTables(false)
	if err := enc.Encode(c); err != nil {
		return nil, err
	}
	first := true
	for _, u := range unset {
		if !u.empty(c) {
			continue
		}
		if first {
			b.WriteString("\n# More settings:\n")
			first = false
		}
		b.WriteString(u.text)
	}
	return b.Bytes(), nil
}

// Where names the settings file in messages: its path, relative to the
// working directory when below it, or Name when there is none.
func (c *Config) Where() string {
	if c.Path == "" {
		return Name
	}
	return display.Path(c.Path)
}

// CheckFiles makes sure each of names (word lists the settings name) is a
// file, so that a missing one fails before any work; the error names the
// file and the settings file.
func (c *Config) CheckFiles(names []string) error {
	for _, name := range names {
		fi, err := os.Stat(name)
		if err == nil && fi.IsDir() {
			err = errors.New("a directory, not a file")
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		if err != nil {
			return fmt.Errorf("wordlist %s (in %s): %w", display.Path(name), c.Where(), err)
		}
	}
	return nil
}
