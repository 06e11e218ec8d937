// Package fasthmac checks many candidate HMAC keys against one signed
// message, as fast as the CPU allows and without allocating.
//
// It is the inner loop of a dictionary or brute-force audit of an HS256,
// HS384 or HS512 token: everything that does not depend on the candidate
// key (the message's padded blocks and their message schedules, the length
// padding, the shape of the ipad and opad blocks) is computed once by New,
// so that checking a key costs only the compressions that involve it.
//
// # Implementations
//
// On amd64 CPUs with the SHA extensions, SHA-256 runs on SHA-NI and
// CheckBatch interleaves several independent candidates so that the
// instructions' latency is hidden. On amd64 CPUs with AVX-512, SHA-384 and
// SHA-512 CheckBatch hash eight candidates at once, one per 64-bit lane.
// Everywhere else, and with the purego build tag, a portable Go
// implementation with the same precomputation is used.
//
// # Security
//
// The comparison with the MAC is not constant time: the caller is the one
// guessing keys, there is no secret to protect from a timing side channel.
package fasthmac

import (
	"crypto"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"fmt"
)

// useSHANI and useAVX512 let tests and benchmarks turn off each kind of
// assembly on a CPU that has it, to check every path.
var useSHANI, useAVX512 = true, true

// Verifier checks candidate keys against one message and its MAC. A
// Verifier is not safe for concurrent use: Clone one per goroutine.
type Verifier struct {
	h    crypto.Hash
	s256 *state256 // for crypto.SHA256
	s512 *state512 // for crypto.SHA384 and crypto.SHA512
	buf  *scratch  // per-goroutine buffers for CheckBatch
}

// New returns a Verifier for HMAC with SHA-256, SHA-384 or SHA-512 over
// message. mac must have the hash's full output size (32, 48 or 64 bytes).
// New copies what it needs: message and mac may be reused afterwards.
func New(h crypto.Hash, message, mac []byte) (*Verifier, error) {
	var size int
	switch h {
	case crypto.SHA256:
		size = sha256.Size
	case crypto.SHA384:
		size = sha512.Size384
	case crypto.SHA512:
		size = sha512.Size
	default:
		return nil, errors.New("fasthmac: unsupported hash: want SHA-256, SHA-384 or SHA-512")
	}
	if len(mac) != size {
		return nil, fmt.Errorf("fasthmac: MAC is %d bytes, HMAC-%v produces %d", len(mac), h, size)
	}
	v := &Verifier{h: h, buf: new(scratch)}
	if h == crypto.SHA256 {
		v.s256 = newState256(message, mac)
	} else {
		v.s512 = newState512(h, message, mac)
	}
	return v, nil
}

// Clone returns an independent Verifier for another goroutine. The
// precomputed tables are shared, read-only.
func (v *Verifier) Clone() *Verifier {
	c := *v
	c.buf = new(scratch)
	return &c
}

// Check reports whether key is the HMAC key that produced the MAC.
func (v *Verifier) Check(key []byte) bool {
	if v.s256 != nil {
		return v.s256.check(key)
	}
	return v.s512.check(key)
}

// BatchSize is the number of candidates CheckBatch hashes together best:
// callers should pass batches of this many keys (any length works).
func (v *Verifier) BatchSize() int { return batchSize }

// CheckBatch returns the index of the first key in keys that matches, or -1.
func (v *Verifier) CheckBatch(keys [][]byte) int {
	if v.s256 != nil {
		return v.s256.checkBatch(keys, v.buf)
	}
	return v.s512.checkBatch(keys, v.buf)
}
