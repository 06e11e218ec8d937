package store

import (
	"bytes"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"slices"
	"strings"

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
	Mode    fs.FileMode // the file's permission bits after the change
	OldMode fs.FileMode // and before
}

// Tightened reports whether the change took read permission away from
// group or other users.
func (r *JWKSResult) Tightened() bool { return r.OldMode&^r.Mode&0o077 != 0 }

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
	N   string `json:"n"`
}

// readJWKS parses a key set read under a session's lock.
func readJWKS(f *file) (*jwks, error) {
	if !f.exists {
		return nil, &MissingError{File: f.path}
	}
	s := &jwks{}
	if err := json.Unmarshal(f.data, &s.top); err != nil {
		return nil, fmt.Errorf("%s is not a JSON Web Key Set: %w", f.path, err)
	}
	if err := json.Unmarshal(s.top["keys"], &s.keys); err != nil || s.top["keys"] == nil {
		return nil, fmt.Errorf("store: %s is not a JSON Web Key Set: it has no \"keys\" array", f.path)
	}
	for i, k := range s.keys {
		var ki keyInfo
		if err := json.Unmarshal(k, &ki); err != nil {
			return nil, fmt.Errorf("%s: key %d: %w", f.path, i, err)
		}
		s.info = append(s.info, ki)
	}
	return s, nil
}

// checkSizes refuses a set that holds a key below keygen's minimum for its
// algorithm: rotating would keep it in use beside the new one.
func (s *jwks) checkSizes(path string) error {
	for _, ki := range s.info {
		alg, _ := keygen.ParseAlgorithm(ki.Alg) // "" when absent or unknown: the usual one for the key type
		var err error
		switch ki.Kty {
		case "oct":
			k, derr := base64.RawURLEncoding.DecodeString(strings.TrimRight(ki.K, "="))
			if derr != nil {
				return fmt.Errorf("%s: key %q: \"k\" is not base64url: %w", path, ki.KID, derr)
			}
			if alg != "" && !alg.IsHMAC() {
				alg = ""
			}
			err = keygen.CheckKeySize(alg, k)
		case "RSA":
			n, derr := base64.RawURLEncoding.DecodeString(strings.TrimRight(ki.N, "="))
			if derr != nil {
				return fmt.Errorf("%s: key %q: \"n\" is not base64url: %w", path, ki.KID, derr)
			}
			if alg.Family() != keygen.FamilyRSA {
				alg = ""
			}
			err = keygen.CheckKeySize(alg, &rsa.PublicKey{N: new(big.Int).SetBytes(n)})
		}
		if err != nil {
			return &WeakKeyError{File: path, KID: ki.KID, Err: err}
		}
	}
	return nil
}

// WeakKeyError is returned by RotateJWKS for a set holding a key below the
// minimum size for its algorithm, unless Options.Insecure is set.
type WeakKeyError struct {
	File, KID string
	Err       error // a *keygen.SizeError
}

func (e *WeakKeyError) Error() string {
	return fmt.Sprintf("%s: key %q: %v", e.File, e.KID, e.Err)
}

func (e *WeakKeyError) Unwrap() error { return e.Err }

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
// RetireJWKS removes them. The new key is made for o.Alg, or, if it is
// empty, for the "alg" of the set's first key. The set must hold private
// keys or secrets (a public set is derived from the private one, not
// rotated), each at least the minimum size for its algorithm unless
// o.Insecure is set (*WeakKeyError). The file is locked, written and kept
// private as a dotenv file is.
func RotateJWKS(path string, o Options) (*JWKSResult, error) {
	return changeJWKS(path, o, func(s *jwks) (*JWKSResult, error) {
		alg := o.Alg
		if alg == "" {
			if len(s.info) == 0 || s.info[0].Alg == "" {
				return nil, fmt.Errorf("store: %s: the first key has no \"alg\" to follow: name the algorithm", path)
			}
			var err error
			if alg, err = keygen.ParseAlgorithm(s.info[0].Alg); err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
		}
		if alg.Family() == 0 {
			return nil, fmt.Errorf("store: unknown algorithm %q", string(alg))
		}
		for _, ki := range s.info {
			if ki.Kty != "oct" && ki.D == "" || ki.Kty == "oct" && ki.K == "" {
				return nil, fmt.Errorf("store: %s holds public key %q: rotate the private key set and publish its public half", path, ki.KID)
			}
		}
		if !o.Insecure {
			if err := s.checkSizes(path); err != nil {
				return nil, err
			}
		}
		raw, kid, err := newJWK(alg)
		if err != nil {
			return nil, err
		}
		if slices.Contains(s.kids(), kid) {
			return nil, fmt.Errorf("store: %s already has a key with kid %q", path, kid)
		}
		s.keys = append([]json.RawMessage{raw}, s.keys...)
		s.info = append([]keyInfo{{KID: kid, Alg: string(alg)}}, s.info...)
		return &JWKSResult{KID: kid, Alg: alg}, nil
	})
}

func newJWK(alg keygen.Algorithm) (raw []byte, kid string, err error) {
	if alg.IsHMAC() {
		key, err := keygen.GenerateHMAC(alg)
		if err != nil {
			return nil, "", err
		}
		kid = keygen.NewKID()
		raw, err = json.Marshal(keygen.SecretJWK(key, alg, kid))
		return raw, kid, err
	}
	signer, err := keygen.GenerateKeyPair(alg)
	if err != nil {
		return nil, "", err
	}
	jwk, err := keygen.PrivateJWK(signer, alg)
	if err != nil {
		return nil, "", err
	}
	raw, err = jwk.MarshalJSON()
	return raw, jwk.KeyID, err
}

// RetireJWKS removes the keys with the given IDs from the set at path; with
// none given, every key but the first (the newest, used for signing). It
// refuses to remove the last key, or an ID the set does not hold.
func RetireJWKS(path string, kids []string, o Options) (*JWKSResult, error) {
	return changeJWKS(path, o, func(s *jwks) (*JWKSResult, error) {
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
		s.keys, s.info = keys, info
		return &JWKSResult{Removed: kids}, nil
	})
}

// changeJWKS locks and reads the key set at path, lets change edit it, and
// writes it back.
func changeJWKS(path string, o Options, change func(*jwks) (*JWKSResult, error)) (*JWKSResult, error) {
	sess := newSession(o)
	defer sess.unlock()
	files, err := sess.open([]string{path}, maxJWKSSize, o.NoGitignore)
	if err != nil {
		return nil, err
	}
	f := files[0]
	s, err := readJWKS(f)
	if err != nil {
		return nil, err
	}
	r, err := change(s)
	if err != nil {
		return nil, err
	}
	if f.out, err = s.marshal(); err != nil {
		return nil, err
	}
	if err := sess.commit(o); err != nil {
		return nil, err
	}
	r.File, r.Kept, r.Git, r.Mode, r.OldMode = path, s.kids(), f.git.GitStatus, f.perm, f.mode
	return r, nil
}
