package keyring

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/go-jose/go-jose/v4"

	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/keygen"
	"github.com/jwtkey/jwtkey/preset"
	"github.com/jwtkey/jwtkey/strength"
)

// WeakKeyError is a key refused at load: a secret that jwtkey check judges
// weak or published, or not strong enough for its algorithm, or a key pair
// below its minimum size. It matches ErrWeakKey.
type WeakKeyError struct {
	Source  string           // where the key was read
	Alg     keygen.Algorithm // what it was to be used for
	Verdict strength.Verdict // Weak or Compromised
	Reason  string           // in plain words, starting with the verdict
}

func (e *WeakKeyError) Error() string { return "keyring: " + e.Source + ": " + e.Reason }

// Is makes errors.Is(err, ErrWeakKey) true.
func (e *WeakKeyError) Is(target error) bool { return target == ErrWeakKey }

// judgeSecret applies jwtkey check's judgement to an HMAC secret: text is
// the secret as written (the variable's value, a JWK's "k"), key the bytes
// the HMAC gets.
func judgeSecret(source string, text string, key []byte, alg keygen.Algorithm) error {
	// Past strength.MaxLength a secret adds nothing HMAC can use; judge
	// what fits, cut on a character boundary.
	if len(text) > strength.MaxLength {
		n := strength.MaxLength
		for n > 0 && !utf8.RuneStart(text[n]) {
			n--
		}
		text = text[:n]
	}
	r, err := strength.Check([]byte(text))
	if err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	weak := &WeakKeyError{Source: source, Alg: alg, Verdict: r.Verdict}
	switch {
	case r.Verdict != strength.Strong:
		weak.Reason = r.Summary()
	case !slices.Contains(r.GoodFor, string(alg)):
		weak.Verdict = strength.Weak
		weak.Reason = fmt.Sprintf("weak for %s: strong enough for %s only", alg, strings.Join(r.GoodFor, " and "))
	case len(key) < alg.HashSize():
		weak.Verdict = strength.Weak
		weak.Reason = fmt.Sprintf("weak for %s: %d bytes, shorter than the %d bytes it needs (RFC 7518 §3.2)", alg, len(key), alg.HashSize())
	default:
		return nil
	}
	return weak
}

// Env says where in the environment a ring finds its keys: the variables
// jwtkey env and jwtkey rotate write.
type Env struct {
	// Preset is a framework's variable and encoding, from preset.All.
	// With the spring preset the value is base64 and its decoded bytes
	// are the key, as jjwt reads it; with the others the text itself is
	// the key. Nil: JWT_SECRET, whose text is the key.
	Preset *preset.Preset
	// Name is the variable of the current key: by default the preset's,
	// else JWT_SECRET.
	Name string
	// Previous is the variable of the key still accepted after a
	// rotation: by default Name + "_PREVIOUS", as jwtkey rotate writes.
	Previous string
	// Alg is the current key's algorithm: HS256 (the default), HS384 or
	// HS512.
	Alg keygen.Algorithm
	// PreviousAlg is the previous key's, when the rotation changed the
	// algorithm: by default Alg.
	PreviousAlg keygen.Algorithm
	// File is a dotenv file to read instead of the process environment.
	// Reload and Watch read it again, so a rotation takes effect without
	// a restart.
	File string
	// Lookup reads a variable when File is empty: by default os.LookupEnv.
	Lookup func(name string) (string, bool)
}

// FromEnv loads the current key and, when it is set, the previous one
// from the environment or a dotenv file. It refuses a key that jwtkey
// check judges weak or published, or too weak for its algorithm, unless
// o.AllowWeak.
func FromEnv(e Env, o Options) (*Ring, error) {
	p := preset.Default
	if e.Preset != nil {
		p = *e.Preset
	}
	if e.Name == "" {
		e.Name = p.Var
	}
	if e.Previous == "" {
		e.Previous = preset.Previous(e.Name)
	}
	if e.Alg == "" {
		e.Alg = keygen.HS256
	}
	if e.PreviousAlg == "" {
		e.PreviousAlg = e.Alg
	}
	for _, a := range []keygen.Algorithm{e.Alg, e.PreviousAlg} {
		if !a.IsHMAC() {
			return nil, fmt.Errorf("keyring: a key in a variable is an HMAC secret, not a %s key: use HS256, HS384 or HS512, or a key set (FromJWKS)", a)
		}
	}
	if e.Name == e.Previous {
		return nil, fmt.Errorf("keyring: the current and previous variable are both %s", e.Name)
	}
	if e.Lookup == nil {
		e.Lookup = os.LookupEnv
	}
	return newRing(&envSource{Env: e, decodes: p.Decodes, framework: p.Framework}, o)
}

type envSource struct {
	Env
	decodes   keygen.Encoding
	framework string
}

func (s *envSource) read() ([]byte, error) {
	if s.File != "" {
		return readSmall(s.File, dotenv.MaxSize)
	}
	var vals [2]*string
	for i, name := range []string{s.Name, s.Previous} {
		if v, ok := s.Lookup(name); ok {
			vals[i] = &v
		}
	}
	return json.Marshal(vals)
}

func (s *envSource) parse(data []byte, o *Options) ([]Key, error) {
	var vals [2]*string
	var where string
	if s.File != "" {
		f, err := dotenv.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", s.File, err)
		}
		for i, name := range []string{s.Name, s.Previous} {
			if v, ok := f.Lookup(name); ok {
				vals[i] = &v
			}
		}
		where = " in " + s.File
	} else if err := json.Unmarshal(data, &vals); err != nil {
		return nil, err
	}
	name := func(v string) string {
		if where != "" {
			return v + where
		}
		return "$" + v
	}
	if vals[0] == nil || *vals[0] == "" {
		return nil, fmt.Errorf("keyring: %s is not set", name(s.Name))
	}
	var keys []Key
	for i, v := range vals {
		if v == nil || *v == "" {
			continue
		}
		k := Key{Alg: s.Alg, Source: name(s.Name)}
		if i == 1 {
			k = Key{Alg: s.PreviousAlg, Source: name(s.Previous)}
		}
		secret, err := decodeSecret(*v, s.decodes)
		if err != nil {
			return nil, fmt.Errorf("keyring: %s is not %s, which %s decodes: %w", k.Source, s.decodes, s.framework, err)
		}
		if err := o.judged(judgeSecret(k.Source, *v, secret, k.Alg)); err != nil {
			return nil, err
		}
		k.sign, k.verify = secret, secret
		keys = append(keys, k)
	}
	return keys, nil
}

// decodeSecret turns a variable's value into key bytes the way the
// framework does: enc is what it decodes, or "" when the text is the key.
func decodeSecret(v string, enc keygen.Encoding) ([]byte, error) {
	switch enc {
	case "", keygen.Raw:
		return []byte(v), nil
	case keygen.Hex:
		return hex.DecodeString(v)
	case keygen.Base64:
		return base64.StdEncoding.DecodeString(v)
	case keygen.Base64URL:
		return base64.RawURLEncoding.DecodeString(strings.TrimRight(v, "="))
	}
	return nil, fmt.Errorf("keyring: no way to decode a secret from %s", enc)
}

// maxJWKS bounds the key set file: a set of a few keys is a few KiB.
const maxJWKS = 1 << 20

// FromJWKS loads a JSON Web Key Set file, as jwtkey generate -e jwks and
// jwtkey rotate --jwks write it: the first key signs, and every key
// verifies tokens signed with its own "alg". A set of public keys gives a
// ring that only verifies. Each key must name its "alg" and, when it has a
// "use", be for "sig". Secrets that jwtkey check judges weak or published
// and key pairs below their minimum size are refused, unless o.AllowWeak.
func FromJWKS(path string, o Options) (*Ring, error) {
	return newRing(jwksSource(path), o)
}

type jwksSource string

func (s jwksSource) read() ([]byte, error) { return readSmall(string(s), maxJWKS) }

func (s jwksSource) parse(data []byte, o *Options) ([]Key, error) {
	return parseJWKS(string(s), data, o)
}

func parseJWKS(path string, data []byte, o *Options) ([]Key, error) {
	var set struct {
		Keys []json.RawMessage `json:"keys"`
	}
	if err := json.Unmarshal(data, &set); err != nil || set.Keys == nil {
		return nil, fmt.Errorf("keyring: %s is not a JSON Web Key Set: it has no \"keys\" array", path)
	}
	if len(set.Keys) == 0 {
		return nil, fmt.Errorf("keyring: %s holds no keys", path)
	}
	var keys []Key
	for i, raw := range set.Keys {
		var jwk jose.JSONWebKey
		if err := jwk.UnmarshalJSON(raw); err != nil {
			return nil, fmt.Errorf("keyring: %s: key %d: %w", path, i+1, err)
		}
		k, err := jwkKey(fmt.Sprintf("%s: key %d", path, i+1), jwk, o)
		if err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, nil
}

func jwkKey(src string, jwk jose.JSONWebKey, o *Options) (Key, error) {
	if jwk.KeyID != "" {
		src += fmt.Sprintf(" (kid %q)", jwk.KeyID)
	}
	if jwk.Use != "" && jwk.Use != "sig" {
		return Key{}, fmt.Errorf("keyring: %s is for %q, not for signatures", src, jwk.Use)
	}
	if jwk.Algorithm == "" {
		return Key{}, fmt.Errorf("keyring: %s has no \"alg\": each key is accepted for its own algorithm only", src)
	}
	alg, err := keygen.ParseAlgorithm(jwk.Algorithm)
	if err != nil || string(alg) != jwk.Algorithm {
		return Key{}, fmt.Errorf("keyring: %s: unsupported \"alg\" %q", src, jwk.Algorithm)
	}
	k := Key{ID: jwk.KeyID, Alg: alg, Source: src}
	switch key := jwk.Key.(type) {
	case []byte:
		if !alg.IsHMAC() {
			return Key{}, fmt.Errorf("keyring: %s is a secret, which cannot be used for %s", src, alg)
		}
		if err := o.judged(judgeSecret(src, base64.RawURLEncoding.EncodeToString(key), key, alg)); err != nil {
			return Key{}, err
		}
		k.sign, k.verify = key, key
	case *rsa.PrivateKey, *ecdsa.PrivateKey, ed25519.PrivateKey:
		signer := key.(crypto.Signer)
		if err := keygen.CheckKey(alg, signer); err != nil {
			return Key{}, fmt.Errorf("%s: %w", src, err)
		}
		k.sign, k.verify = signer, signer.Public()
	case *rsa.PublicKey, *ecdsa.PublicKey, ed25519.PublicKey:
		if err := checkPublic(alg, key); err != nil {
			return Key{}, fmt.Errorf("keyring: %s: %w", src, err)
		}
		k.verify = key
	default:
		return Key{}, fmt.Errorf("keyring: %s: unsupported key type %T", src, jwk.Key)
	}
	if rk, ok := k.verify.(*rsa.PublicKey); ok && rk.N.BitLen() < keygen.MinRSABits {
		err := &WeakKeyError{Source: src, Alg: alg, Verdict: strength.Weak,
			Reason: fmt.Sprintf("weak: a %d-bit RSA key; the minimum is %d bits (RFC 7518 §3.3)", rk.N.BitLen(), keygen.MinRSABits)}
		if err := o.judged(err); err != nil {
			return Key{}, err
		}
	}
	return k, nil
}

// checkPublic reports whether pub can verify alg: the right type and curve.
func checkPublic(alg keygen.Algorithm, pub crypto.PublicKey) error {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		if alg.Family() != keygen.FamilyRSA {
			return fmt.Errorf("an RSA key cannot verify %s", alg)
		}
	case *ecdsa.PublicKey:
		if alg.Family() != keygen.FamilyEC || k.Curve != keygen.Curve(alg) {
			return fmt.Errorf("a %s key cannot verify %s", k.Curve.Params().Name, alg)
		}
	case ed25519.PublicKey:
		if alg != keygen.EdDSA {
			return fmt.Errorf("an Ed25519 key cannot verify %s", alg)
		}
	}
	return nil
}

func readSmall(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, errors.New("keyring: " + path + " is larger than " + fmt.Sprint(limit>>10) + " KiB: not a key file")
	}
	return data, nil
}
