package store

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"time"

	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/keygen"
	"github.com/jwtkey/jwtkey/preset"
)

// DefaultLockTimeout is how long a write waits for another writer of the
// same file when Options.LockTimeout is zero.
const DefaultLockTimeout = 10 * time.Second

// ErrNotHMAC is returned for a dotenv write asked for a key pair
// algorithm: a dotenv value holds an HMAC secret.
var ErrNotHMAC = errors.New("store: a .env key is an HMAC secret")

// Options says what to write and how careful to be. The zero value writes
// JWT_SECRET, 32 random bytes in hex.
type Options struct {
	Name     string           // variable; default the preset's, then JWT_SECRET
	Previous string           // Rotate and Retire: default Name + "_PREVIOUS"
	Alg      keygen.Algorithm // the key's algorithm: an HMAC one for dotenv files (its hash size is the smallest key); RotateJWKS: the new key's
	Encoding keygen.Encoding  // default the preset's, then hex
	Size     int              // random bytes; default the larger of Alg's minimum and the preset's size
	Preset   *preset.Preset   // a framework's name and encoding, or nil

	Force       bool          // Write: replace a value already set; WriteKeyFile: replace a file
	NoGitignore bool          // do not add a .gitignore pattern for an unignored file
	KeepMode    bool          // leave a group- or other-readable file's mode as it is, instead of tightening it
	Insecure    bool          // RotateJWKS: accept a set holding a key below the minimum size
	LockTimeout time.Duration // how long to wait for another writer; default DefaultLockTimeout
}

// forDotenv fills in the defaults and checks the options for a dotenv
// file, once, before any file is read: the names, the size against the
// algorithm's minimum (keygen's, the one place that knows them) and the
// encoding.
func (o Options) forDotenv() (Options, error) {
	p := o.preset()
	o.Name, o.Previous = o.Names()
	if o.Encoding == "" {
		o.Encoding = p.Encoding
	}
	for _, n := range []string{o.Name, o.Previous} {
		if err := dotenv.CheckName(n); err != nil {
			return o, err
		}
	}
	if o.Name == o.Previous {
		return o, fmt.Errorf("store: the current and previous variable are both %s", o.Name)
	}
	switch {
	case o.Alg == "":
		o.Alg = keygen.HS256
	case !o.Alg.IsHMAC():
		return o, fmt.Errorf("%w: %s is not an HMAC algorithm", ErrNotHMAC, o.Alg)
	}
	if o.Size == 0 {
		o.Size = max(o.Alg.HashSize(), p.Size)
	}
	if err := keygen.CheckHMACSize(o.Alg, o.Size); err != nil {
		return o, err
	}
	switch o.Encoding {
	case keygen.Hex, keygen.Base64, keygen.Base64URL:
	default:
		return o, fmt.Errorf("store: a dotenv value cannot hold a %q key: use hex, base64 or base64url", string(o.Encoding))
	}
	return o, nil
}

func (o Options) preset() preset.Preset {
	if o.Preset != nil {
		return *o.Preset
	}
	return preset.Default
}

// Names returns the variable names o writes: Name and Previous, or their
// defaults.
func (o Options) Names() (name, previous string) {
	name, previous = o.Name, o.Previous
	if name == "" {
		name = o.preset().Var
	}
	if previous == "" {
		previous = preset.Previous(name)
	}
	return name, previous
}

func (o Options) lockTimeout() time.Duration {
	if o.LockTimeout > 0 {
		return o.LockTimeout
	}
	return DefaultLockTimeout
}

// perm is the mode a file gets when a key is written to it: 0600 for a new
// file; an existing one keeps its mode, less the group and other bits
// unless KeepMode is set.
func (o Options) perm(exists bool, mode fs.FileMode) fs.FileMode {
	switch {
	case !exists:
		return 0o600
	case o.KeepMode || runtime.GOOS == "windows":
		return mode
	}
	return mode &^ 0o077
}

func (o Options) newKey() (string, error) {
	key, err := keygen.GenerateHMACSize(o.Alg, o.Size)
	if err != nil {
		return "", err
	}
	text, err := keygen.EncodeSecret(key, o.Encoding)
	return string(text), err
}
