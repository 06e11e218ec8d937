package keygen

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
)

// Encoding is a way to write a key down.
type Encoding string

// The encodings. Hex, Base64, Base64URL and Raw apply to HMAC secrets; PEM to
// key pairs; JWK and JWKS to both.
const (
	Hex       Encoding = "hex"       // lowercase hexadecimal, like openssl rand -hex
	Base64    Encoding = "base64"    // standard alphabet, padded (RFC 4648 §4)
	Base64URL Encoding = "base64url" // URL-safe alphabet, unpadded (RFC 4648 §5)
	Raw       Encoding = "raw"       // the bytes themselves
	JWK       Encoding = "jwk"       // one JSON Web Key (RFC 7517)
	JWKS      Encoding = "jwks"      // a JSON Web Key Set (RFC 7517 §5)
	PEM       Encoding = "pem"       // PKCS #8 private or SPKI public key
)

// Encodings lists every encoding.
var Encodings = []Encoding{Hex, Base64, Base64URL, Raw, JWK, JWKS, PEM}

// ParseEncoding returns the encoding named s. Case does not matter.
func ParseEncoding(s string) (Encoding, error) {
	for _, e := range Encodings {
		if strings.EqualFold(s, string(e)) {
			return e, nil
		}
	}
	return "", fmt.Errorf("keygen: unknown encoding %q", s)
}

// ForSecrets reports whether e can write an HMAC secret.
func (e Encoding) ForSecrets() bool { return e != PEM }

// ForKeyPairs reports whether e can write a private or public key.
func (e Encoding) ForKeyPairs() bool { return e == PEM || e == JWK || e == JWKS }

// DefaultEncoding is how a key for alg is written when nothing else is
// asked for: Hex for an HMAC secret, PEM for a key pair.
func DefaultEncoding(alg Algorithm) Encoding {
	if alg.IsHMAC() {
		return Hex
	}
	return PEM
}

// Fits reports whether e can write a key for alg: ForSecrets for an HMAC
// algorithm, ForKeyPairs for the others.
func (e Encoding) Fits(alg Algorithm) bool {
	if alg.IsHMAC() {
		return e.ForSecrets()
	}
	return e.ForKeyPairs()
}

// EncodeSecret writes an HMAC secret as text (Hex, Base64, Base64URL) or as
// itself (Raw). JWK forms take an algorithm and key ID: see SecretJWK.
func EncodeSecret(key []byte, e Encoding) ([]byte, error) {
	switch e {
	case Hex:
		return []byte(hex.EncodeToString(key)), nil
	case Base64:
		return []byte(base64.StdEncoding.EncodeToString(key)), nil
	case Base64URL:
		return []byte(base64.RawURLEncoding.EncodeToString(key)), nil
	case Raw:
		return key, nil
	}
	return nil, fmt.Errorf("keygen: %s is not a plain secret encoding", e)
}

// EncodedLen is the length of an n-byte secret written in e (Hex, Base64,
// Base64URL or Raw), or 0.
func EncodedLen(n int, e Encoding) int {
	switch e {
	case Hex:
		return hex.EncodedLen(n)
	case Base64:
		return base64.StdEncoding.EncodedLen(n)
	case Base64URL:
		return base64.RawURLEncoding.EncodedLen(n)
	case Raw:
		return n
	}
	return 0
}
