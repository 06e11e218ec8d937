package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"

	"github.com/jwtkey/jwtkey/internal/atomicfile"
	"github.com/jwtkey/jwtkey/keygen"
)

// JWKSResult is what a change to a key set did.
type JWKSResult struct {
	File    string
	KID     string // RotateJWKS: the new key's ID
	Alg     keygen.Algorithm
	Kept    []string // key IDs in the set afterwards, signing key first
	Removed []string // RetireJWKS: key IDs removed
	Git     GitStatus
}

// jwks is a key set read for editing: each key's JSON is kept as it was,
// and so are members beside "keys".
type jwks struct {
	top  map[string]json.RawMessage
	keys []json.RawMessage
	info []keyInfo
}

type keyInfo struct {
	KID string `json:"kid"`
	Alg string `json:"alg"`
	Kty string `json:"kty"`
	D   string `json:"d"`
	K   string `json:"k"`
}

func readJWKS(path string) (*jwks, fs.FileMode, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, 0, err
	}
	if !fi.Mode().IsRegular() {
		return nil, 0, fmt.Errorf("store: %s is not a regular file", path)
	}
	if fi.Mode().Perm()&0o200 == 0 {
		return nil, 0, fmt.Errorf("%w: %s has mode %#o", ErrReadOnly, path, fi.Mode().Perm())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, 0, err
	}
	s := &jwks{}
	if err := json.Unmarshal(data, &s.top); err != nil {
		return nil, 0, fmt.Errorf("%s is not a JSON Web Key Set: %w", path, err)
	}
	if err := json.Unmarshal(s.top["keys"], &s.keys); err != nil || s.top["keys"] == nil {
		return nil, 0, fmt.Errorf("store: %s is not a JSON Web Key Set: it has no \"keys\" array", path)
	}
	for i, k := range s.keys {
		var ki keyInfo
		if err := json.Unmarshal(k, &ki); err != nil {
			return nil, 0, fmt.Errorf("%s: key %d: %w", path, i, err)
		}
		s.info = append(s.info, ki)
	}
	return s, fi.Mode().Perm(), nil
}

func (s *jwks) marshal() ([]byte, error) {
	keys, err := json.Marshal(s.keys)
	if err != nil {
		return nil, err
	}
	s.top["keys"] = keys
	var buf bytes.Buffer
	out, err := json.Marshal(s.top)
	if err != nil {
		return nil, err
	}
	if err := json.Indent(&buf, out, "", "  "); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

func (s *jwks) kids() []string {
	var k []string
	for _, i := range s.info {
		k = append(k, i.KID)
	}
	return k
}

// RotateJWKS adds a new key with a new kid at the front of the key set at
// path and keeps the others, so that tokens they signed still verify until
// RetireJWKS removes them. The new key is made for alg, or, if alg is empty,
// for the "alg" of the set's first key. The set must hold private keys or
// secrets: a public set is derived from the private one, not rotated.
func RotateJWKS(path string, alg keygen.Algorithm, noGitignore bool) (*JWKSResult, error) {
	s, _, err := readJWKS(path)
	if err != nil {
		return nil, err
	}
	if alg == "" {
		if len(s.info) == 0 || s.info[0].Alg == "" {
			return nil, fmt.Errorf("store: %s: the first key has no \"alg\" to follow: name the algorithm", path)
		}
		if alg, err = keygen.ParseAlgorithm(s.info[0].Alg); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	for _, ki := range s.info {
		if ki.Kty != "oct" && ki.D == "" || ki.Kty == "oct" && ki.K == "" {
			return nil, fmt.Errorf("store: %s holds public key %q: rotate the private key set and publish its public half", path, ki.KID)
		}
	}
	git, err := checkGit(path)
	if err != nil {
		return nil, err
	}
	var raw []byte
	var kid string
	if alg.IsHMAC() {
		key, err := keygen.GenerateHMAC(alg)
		if err != nil {
			return nil, err
		}
		kid = keygen.NewKID()
		raw, err = json.Marshal(keygen.SecretJWK(key, alg, kid))
		if err != nil {
			return nil, err
		}
	} else {
		signer, err := keygen.GenerateKeyPair(alg)
		if err != nil {
			return nil, err
		}
		jwk, err := keygen.PrivateJWK(signer, alg)
		if err != nil {
			return nil, err
		}
		kid = jwk.KeyID
		if raw, err = jwk.MarshalJSON(); err != nil {
			return nil, err
		}
	}
	if slices.Contains(s.kids(), kid) {
		return nil, fmt.Errorf("store: %s already has a key with kid %q", path, kid)
	}
	s.keys = append([]json.RawMessage{raw}, s.keys...)
	s.info = append([]keyInfo{{KID: kid, Alg: string(alg)}}, s.info...)
	if err := writeJWKS(path, s, git, noGitignore); err != nil {
		return nil, err
	}
	return &JWKSResult{File: path, KID: kid, Alg: alg, Kept: s.kids(), Git: git.GitStatus}, nil
}

// RetireJWKS removes the keys with the given IDs from the set at path; with
// none given, every key but the first (the newest, used for signing). It
// refuses to remove the last key, or an ID the set does not hold.
func RetireJWKS(path string, kids []string, noGitignore bool) (*JWKSResult, error) {
	s, _, err := readJWKS(path)
	if err != nil {
		return nil, err
	}
	if len(kids) == 0 {
		kids = s.kids()[min(1, len(s.info)):]
		if len(kids) == 0 {
			return nil, fmt.Errorf("%w: %s holds only one key", ErrNothingToRotate, path)
		}
	}
	for _, k := range kids {
		if !slices.Contains(s.kids(), k) {
			return nil, fmt.Errorf("store: %s has no key with kid %q", path, k)
		}
	}
	var keys []json.RawMessage
	var info []keyInfo
	for i, ki := range s.info {
		if !slices.Contains(kids, ki.KID) {
			keys, info = append(keys, s.keys[i]), append(info, ki)
		}
	}
	if len(keys) == 0 {
		return nil, errors.New("store: that would remove every key in the set: keep at least the one tokens are signed with")
	}
	git, err := checkGit(path)
	if err != nil {
		return nil, err
	}
	s.keys, s.info = keys, info
	if err := writeJWKS(path, s, git, noGitignore); err != nil {
		return nil, err
	}
	return &JWKSResult{File: path, Kept: s.kids(), Removed: kids, Git: git.GitStatus}, nil
}

func writeJWKS(path string, s *jwks, git *gitCheck, noGitignore bool) error {
	data, err := s.marshal()
	if err != nil {
		return err
	}
	if err := git.protect(noGitignore); err != nil {
		return err
	}
	if err := atomicfile.WriteFile(path, data, 0o600); err != nil {
		return err
	}
	return nil
}
