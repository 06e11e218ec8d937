package keygen

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"fmt"
)

// RSA key sizes in bits.
const (
	DefaultRSABits = 3072
	MinRSABits     = 2048
	MaxRSABits     = 8192
)

// GenerateKeyPair returns a new private key for an asymmetric algorithm: RSA
// with DefaultRSABits for RS* and PS*, ECDSA on P-256, P-384 or P-521 for
// ES256, ES384 and ES512, and Ed25519 for EdDSA.
func GenerateKeyPair(alg Algorithm) (crypto.Signer, error) {
	switch alg.Family() {
	case FamilyRSA:
		return GenerateRSA(alg, DefaultRSABits)
	case FamilyEC:
		return ecdsa.GenerateKey(Curve(alg), rand.Reader)
	case FamilyEd25519:
		_, priv, err := ed25519.GenerateKey(rand.Reader)
		return priv, err
	}
	return nil, fmt.Errorf("keygen: %s does not use a key pair", alg)
}

// GenerateRSA returns a new RSA key of the given size for an RS* or PS*
// algorithm. Sizes below MinRSABits, above MaxRSABits or not a multiple of 8
// are a *SizeError.
func GenerateRSA(alg Algorithm, bits int) (*rsa.PrivateKey, error) {
	if err := CheckRSABits(alg, bits); err != nil {
		return nil, err
	}
	if bits%8 != 0 {
		return nil, &SizeError{Alg: alg, Size: bits, Min: MinRSABits, Max: MaxRSABits, Unit: "bits"}
	}
	return rsa.GenerateKey(rand.Reader, bits)
}

// GenerateInsecureRSA returns an RSA key of at least 1024 bits without the
// 2048-bit floor. Such keys are within reach of factoring by well-funded
// attackers; use it only to test other systems.
func GenerateInsecureRSA(bits int) (*rsa.PrivateKey, error) {
	if bits < 1024 || bits > MaxRSABits || bits%8 != 0 {
		return nil, &SizeError{Alg: "RSA", Size: bits, Min: 1024, Max: MaxRSABits, Unit: "bits"}
	}
	return rsa.GenerateKey(rand.Reader, bits)
}

// Curve returns the elliptic curve an ES* algorithm signs with, or nil.
func Curve(alg Algorithm) elliptic.Curve {
	switch alg {
	case ES256:
		return elliptic.P256()
	case ES384:
		return elliptic.P384()
	case ES512:
		return elliptic.P521()
	}
	return nil
}

// CheckKey reports whether key is usable with alg: the right type, and the
// right curve or size.
func CheckKey(alg Algorithm, key crypto.Signer) error {
	switch k := key.(type) {
	case *rsa.PrivateKey:
		if alg.Family() != FamilyRSA {
			return fmt.Errorf("keygen: an RSA key cannot sign %s", alg)
		}
	case *ecdsa.PrivateKey:
		if alg.Family() != FamilyEC || k.Curve != Curve(alg) {
			return fmt.Errorf("keygen: a %s key cannot sign %s", k.Curve.Params().Name, alg)
		}
	case ed25519.PrivateKey:
		if alg != EdDSA {
			return fmt.Errorf("keygen: an Ed25519 key cannot sign %s", alg)
		}
	default:
		return fmt.Errorf("keygen: unsupported key type %T", key)
	}
	return nil
}

// AlgorithmFor returns the usual algorithm for a private key: RS256 for RSA,
// the ES* that matches an ECDSA curve, EdDSA for Ed25519.
func AlgorithmFor(key crypto.Signer) (Algorithm, error) {
	switch k := key.(type) {
	case *rsa.PrivateKey:
		return RS256, nil
	case *ecdsa.PrivateKey:
		for _, a := range []Algorithm{ES256, ES384, ES512} {
			if Curve(a) == k.Curve {
				return a, nil
			}
		}
		return "", fmt.Errorf("keygen: unsupported curve %s", k.Curve.Params().Name)
	case ed25519.PrivateKey:
		return EdDSA, nil
	}
	return "", fmt.Errorf("keygen: unsupported key type %T", key)
}

// KeyBits is the size of a private key in bits: the RSA modulus, the
// curve's field size, or 256 for Ed25519; 0 for other types.
func KeyBits(key crypto.Signer) int {
	switch k := key.(type) {
	case *rsa.PrivateKey:
		return k.N.BitLen()
	case *ecdsa.PrivateKey:
		return k.Curve.Params().BitSize
	case ed25519.PrivateKey:
		return 256
	}
	return 0
}
