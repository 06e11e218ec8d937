package keygen

import (
	"crypto/rand"
	"fmt"
)

// MaxHMACSize is the largest HMAC key, in bytes, that GenerateHMACSize makes.
// Keys longer than the hash block size are hashed down anyway; the cap only
// stops absurd requests.
const MaxHMACSize = 1024

// SizeError reports a requested key size that is below the algorithm's
// minimum or above what jwtkey makes.
type SizeError struct {
	Alg  Algorithm
	Size int // what was asked, in bytes for HMAC and bits for RSA
	Min  int // the minimum, same unit
	Max  int // the maximum, same unit
	Unit string
}

func (e *SizeError) Error() string {
	if e.Size > e.Max {
		return fmt.Sprintf("keygen: %d %s is more than the %d %s limit for %s", e.Size, e.Unit, e.Max, e.Unit, e.Alg)
	}
	return fmt.Sprintf("keygen: %d %s is too short for %s: the minimum is %d %s", e.Size, e.Unit, e.Alg, e.Min, e.Unit)
}

// GenerateHMAC returns a new secret for alg of exactly alg.HashSize() bytes,
// read from crypto/rand: 32 bytes for HS256, 48 for HS384, 64 for HS512.
func GenerateHMAC(alg Algorithm) ([]byte, error) {
	return GenerateHMACSize(alg, alg.HashSize())
}

// GenerateHMACSize returns a new secret of size bytes for alg. A size below
// alg.HashSize() (RFC 7518 §3.2) or above MaxHMACSize is a *SizeError.
func GenerateHMACSize(alg Algorithm, size int) ([]byte, error) {
	if err := CheckHMACSize(alg, size); err != nil {
		return nil, err
	}
	return randomBytes(size), nil
}

// GenerateInsecureHMAC returns size random bytes without checking them against
// any algorithm's minimum. It exists for tests of other systems; a key made by
// it may be short enough to brute-force.
func GenerateInsecureHMAC(size int) ([]byte, error) {
	if size < 1 || size > MaxHMACSize {
		return nil, &SizeError{Alg: "HMAC", Size: size, Min: 1, Max: MaxHMACSize, Unit: "bytes"}
	}
	return randomBytes(size), nil
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	// crypto/rand.Read never returns an error since Go 1.24: it crashes the
	// program irrecoverably rather than hand out predictable bytes.
	rand.Read(b)
	return b
}
