package keygen

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"fmt"
)

// The minimums live here, once: every path that makes, imports or keeps a
// key (generating one, reading one with --in, rotating a key set) asks these
// functions rather than comparing sizes itself.

// CheckHMACSize reports, as a *SizeError, whether size bytes is outside the
// sizes an HMAC key for alg may have: at least alg.HashSize() (RFC 7518
// §3.2) and at most MaxHMACSize.
func CheckHMACSize(alg Algorithm, size int) error {
	if !alg.IsHMAC() {
		return fmt.Errorf("keygen: %s is not an HMAC algorithm", alg)
	}
	if size < alg.HashSize() || size > MaxHMACSize {
		return &SizeError{Alg: alg, Size: size, Min: alg.HashSize(), Max: MaxHMACSize, Unit: "bytes"}
	}
	return nil
}

// CheckRSABits reports, as a *SizeError, whether an RSA modulus of bits is
// outside what an RS* or PS* key may have: MinRSABits to MaxRSABits.
func CheckRSABits(alg Algorithm, bits int) error {
	if alg.Family() != FamilyRSA {
		return fmt.Errorf("keygen: %s is not an RSA algorithm", alg)
	}
	if bits < MinRSABits || bits > MaxRSABits {
		return &SizeError{Alg: alg, Size: bits, Min: MinRSABits, Max: MaxRSABits, Unit: "bits"}
	}
	return nil
}

// CheckKeySize reports, as a *SizeError, whether an existing key is below
// the minimum for alg: a secret ([]byte) by its length, an RSA key by its
// modulus. Only the minimum counts here: a longer key than jwtkey would
// make is not weaker for it. ECDSA and Ed25519 keys have the size of their
// curve, which CheckKey matches to the algorithm. With alg empty, the
// algorithm is the usual one for the key: HS256 for a secret, RS256 for RSA.
func CheckKeySize(alg Algorithm, key any) error {
	switch k := key.(type) {
	case []byte:
		if alg == "" {
			alg = HS256
		}
		return CheckHMACSize(alg, min(len(k), MaxHMACSize))
	case *rsa.PrivateKey:
		return CheckKeySize(alg, &k.PublicKey)
	case *rsa.PublicKey:
		if alg == "" {
			alg = RS256
		}
		return CheckRSABits(alg, min(k.N.BitLen(), MaxRSABits))
	case *ecdsa.PrivateKey, *ecdsa.PublicKey, ed25519.PrivateKey, ed25519.PublicKey:
		return nil
	}
	return fmt.Errorf("keygen: unsupported key type %T", key)
}
