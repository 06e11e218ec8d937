package audit

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/jwtkey/jwtkey/internal/fasthmac"
	"github.com/jwtkey/jwtkey/internal/gitx"
)

// Potfile is a file of cracked tokens, as hashcat keeps one: a line
// "signature:secret" per token, the signature in base64url as in the
// token, the secret as it is or, when it holds bytes outside printable
// ASCII, as $HEX[…]. Lines of hashcat's own potfile for JWTs (mode 16500,
// "token:secret") are read too.
//
// A potfile is a file of secrets: OpenPotfile refuses one that git
// tracks or does not ignore, or that is a symbolic link, and the file is
// written with mode 0600.
type Potfile struct {
	name    string
	entries map[string][]byte // by signature
	// Tightened is set when OpenPotfile found the file readable by others
	// and made it 0600.
	Tightened bool
}

// PotfileError reports a potfile jwtkey will not use.
type PotfileError struct {
	Name   string
	Reason string // e.g. "git tracks it"
	// Tracked or NotIgnored say what git said, for a hint.
	Tracked, NotIgnored bool
}

func (e *PotfileError) Error() string {
	return fmt.Sprintf("audit: potfile %s: %s", displayName(e.Name), e.Reason)
}

// MaxPotfile bounds what OpenPotfile reads.
const MaxPotfile = 256 << 20

// OpenPotfile checks and reads a potfile; one that does not exist yet is
// empty and will be created, 0600, by the first Add.
func OpenPotfile(name string) (*Potfile, error) {
	p := &Potfile{name: name, entries: map[string][]byte{}}
	fi, err := os.Lstat(name)
	exists := err == nil
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("potfile: %w", err)
	case fi.Mode()&fs.ModeSymlink != 0:
		return nil, &PotfileError{Name: name, Reason: "is a symbolic link: give the file it points to, or another name"}
	case !fi.Mode().IsRegular():
		return nil, &PotfileError{Name: name, Reason: "is not a regular file"}
	case fi.Size() > MaxPotfile:
		return nil, &PotfileError{Name: name, Reason: fmt.Sprintf("is over %d MiB", MaxPotfile>>20)}
	}
	if err := checkPotfileGit(name); err != nil {
		return nil, err
	}
	if !exists {
		return p, nil
	}
	if fi.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(name, 0o600); err != nil {
			return nil, fmt.Errorf("potfile: %w", err)
		}
		p.Tightened = true
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("potfile: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 4096), 4<<20)
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		key, secret, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		if i := strings.LastIndexByte(key, '.'); i >= 0 { // hashcat's "token:secret"
			key = key[i+1:]
		}
		p.entries[key] = decodePotSecret(secret)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading potfile %s: %w", name, err)
	}
	return p, nil
}

// checkPotfileGit refuses a potfile that git tracks or would commit.
// Outside a work tree, or without git, there is nothing to check.
func checkPotfileGit(name string) error {
	abs, err := filepath.Abs(name)
	if err != nil {
		return fmt.Errorf("potfile: %w", err)
	}
	if _, err := gitx.Root(filepath.Dir(abs)); err != nil {
		if errors.Is(err, gitx.ErrNotRepo) || errors.Is(err, gitx.ErrNoGit) {
			return nil
		}
		return fmt.Errorf("potfile: asking git about %s: %w", name, err)
	}
	tracked, err := gitx.IsTracked(abs)
	if err != nil {
		return fmt.Errorf("potfile: asking git about %s: %w", name, err)
	}
	if tracked {
		return &PotfileError{Name: name, Reason: "git tracks it, and a potfile holds secrets", Tracked: true}
	}
	ignored, err := gitx.IsIgnored(abs)
	if err != nil {
		return fmt.Errorf("potfile: asking git about %s: %w", name, err)
	}
	if !ignored {
		return &PotfileError{Name: name, Reason: "git does not ignore it, and a potfile holds secrets", NotIgnored: true}
	}
	return nil
}

// Name is the potfile's file name.
func (p *Potfile) Name() string { return p.name }

// Lookup returns the secret recorded for t, checked against the token's
// signature with v: an entry that does not sign it is ignored.
func (p *Potfile) Lookup(t *Token, v *fasthmac.Verifier) ([]byte, bool) {
	s, ok := p.entries[base64.RawURLEncoding.EncodeToString(t.Signature)]
	if !ok || !v.Check(s) {
		return nil, false
	}
	return s, true
}

// Add records t's secret, appending a line to the file.
func (p *Potfile) Add(t *Token, secret []byte) error {
	sig := base64.RawURLEncoding.EncodeToString(t.Signature)
	if old, ok := p.entries[sig]; ok && bytes.Equal(old, secret) {
		return nil
	}
	f, err := os.OpenFile(p.name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("potfile: %w", err)
	}
	_, err = fmt.Fprintf(f, "%s:%s\n", sig, encodePotSecret(secret))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing potfile %s: %w", p.name, err)
	}
	p.entries[sig] = bytes.Clone(secret)
	return nil
}

func encodePotSecret(s []byte) string {
	plain := !bytes.HasPrefix(s, []byte("$HEX["))
	for _, c := range s {
		if c < 0x20 || c > 0x7e {
			plain = false
			break
		}
	}
	if plain {
		return string(s)
	}
	return "$HEX[" + hex.EncodeToString(s) + "]"
}

func decodePotSecret(s string) []byte {
	if h, ok := strings.CutPrefix(s, "$HEX["); ok && strings.HasSuffix(h, "]") {
		if b, err := hex.DecodeString(strings.TrimSuffix(h, "]")); err == nil {
			return b
		}
	}
	return []byte(s)
}
