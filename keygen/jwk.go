package keygen

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/go-jose/go-jose/v4"
)

// SecretJWK returns an HMAC secret as an "oct" JSON Web Key (RFC 7518 §6.4)
// with "alg", "use": "sig" and the given kid. The kid is never derived from
// the secret: a hash of a secret would help whoever tries to guess it. Use
// NewKID for a random one.
func SecretJWK(key []byte, alg Algorithm, kid string) jose.JSONWebKey {
	return jose.JSONWebKey{Key: key, KeyID: kid, Algorithm: string(alg), Use: "sig"}
}

// PrivateJWK returns a private key as a JSON Web Key whose kid is the RFC
// 7638 thumbprint of its public half.
func PrivateJWK(key crypto.Signer, alg Algorithm) (jose.JSONWebKey, error) {
	if err := CheckKey(alg, key); err != nil {
		return jose.JSONWebKey{}, err
	}
	kid, err := Thumbprint(key.Public())
	if err != nil {
		return jose.JSONWebKey{}, err
	}
	return jose.JSONWebKey{Key: key, KeyID: kid, Algorithm: string(alg), Use: "sig"}, nil
}

// PublicJWK returns a public key as a JSON Web Key whose kid is its RFC 7638
// thumbprint.
func PublicJWK(pub crypto.PublicKey, alg Algorithm) (jose.JSONWebKey, error) {
	kid, err := Thumbprint(pub)
	if err != nil {
		return jose.JSONWebKey{}, err
	}
	return jose.JSONWebKey{Key: pub, KeyID: kid, Algorithm: string(alg), Use: "sig"}, nil
}

// Thumbprint returns the RFC 7638 SHA-256 thumbprint of a public key,
// base64url without padding.
func Thumbprint(pub crypto.PublicKey) (string, error) {
	switch pub.(type) {
	case *rsa.PublicKey, *ecdsa.PublicKey, ed25519.PublicKey:
	default:
		return "", fmt.Errorf("keygen: no thumbprint for key type %T", pub)
	}
	sum, err := (&jose.JSONWebKey{Key: pub}).Thumbprint(crypto.SHA256)
	if err != nil {
		return "", fmt.Errorf("computing the RFC 7638 thumbprint: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(sum), nil
}

// NewKID returns a random key ID: 12 bytes from crypto/rand, base64url.
func NewKID() string {
	return string(AppendKID(nil))
}

// AppendKID appends a new random key ID, as NewKID makes, to dst: 16
// base64url characters, which need no escaping in JSON.
func AppendKID(dst []byte) []byte {
	var b [12]byte
	rand.Read(b[:]) // never fails; see randomBytes
	return base64.RawURLEncoding.AppendEncode(dst, b[:])
}

// MarshalJWKS writes keys as a JSON Web Key Set.
func MarshalJWKS(keys ...jose.JSONWebKey) ([]byte, error) {
	if keys == nil {
		keys = []jose.JSONWebKey{}
	}
	return json.Marshal(jose.JSONWebKeySet{Keys: keys})
}
