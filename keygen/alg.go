package keygen

import (
	"fmt"
	"strings"
)

// Algorithm is a JWS signing algorithm from RFC 7518 §3.1 (and EdDSA from
// RFC 8037). Its value is the "alg" header parameter.
type Algorithm string

// The algorithms jwtkey makes keys for.
const (
	HS256 Algorithm = "HS256"
	HS384 Algorithm = "HS384"
	HS512 Algorithm = "HS512"
	RS256 Algorithm = "RS256"
	RS384 Algorithm = "RS384"
	RS512 Algorithm = "RS512"
	PS256 Algorithm = "PS256"
	PS384 Algorithm = "PS384"
	PS512 Algorithm = "PS512"
	ES256 Algorithm = "ES256"
	ES384 Algorithm = "ES384"
	ES512 Algorithm = "ES512"
	EdDSA Algorithm = "EdDSA"
)

// Algorithms lists every supported algorithm, HMAC first.
var Algorithms = []Algorithm{
	HS256, HS384, HS512,
	RS256, RS384, RS512,
	PS256, PS384, PS512,
	ES256, ES384, ES512,
	EdDSA,
}

// Family groups algorithms by the kind of key they take.
type Family int

// The key families.
const (
	FamilyHMAC Family = iota + 1
	FamilyRSA
	FamilyEC
	FamilyEd25519
)

// ParseAlgorithm returns the algorithm named s. Case does not matter.
func ParseAlgorithm(s string) (Algorithm, error) {
	for _, a := range Algorithms {
		if strings.EqualFold(s, string(a)) {
			return a, nil
		}
	}
	return "", fmt.Errorf("keygen: unknown algorithm %q", s)
}

// Family returns the key family of a, or 0 for an unknown algorithm.
func (a Algorithm) Family() Family {
	switch a {
	case HS256, HS384, HS512:
		return FamilyHMAC
	case RS256, RS384, RS512, PS256, PS384, PS512:
		return FamilyRSA
	case ES256, ES384, ES512:
		return FamilyEC
	case EdDSA:
		return FamilyEd25519
	}
	return 0
}

// IsHMAC reports whether a takes a shared secret.
func (a Algorithm) IsHMAC() bool { return a.Family() == FamilyHMAC }

// HashSize is the output size in bytes of the hash behind a: 32, 48 or 64.
// It is also the smallest HMAC key RFC 7518 §3.2 allows. Ed25519 reports 64
// (SHA-512 inside the signature scheme).
func (a Algorithm) HashSize() int {
	switch a {
	case HS256, RS256, PS256, ES256:
		return 32
	case HS384, RS384, PS384, ES384:
		return 48
	case HS512, RS512, PS512, ES512, EdDSA:
		return 64
	}
	return 0
}

// BlockSize is the block size in bytes of the hash behind an HMAC algorithm:
// 64 for SHA-256, 128 for SHA-384 and SHA-512. HMAC hashes longer keys down
// to HashSize bytes first, so length past BlockSize adds nothing.
func (a Algorithm) BlockSize() int {
	switch a.HashSize() {
	case 32:
		return 64
	case 48, 64:
		return 128
	}
	return 0
}

func (a Algorithm) String() string { return string(a) }
