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
// On amd64 (unless built with the purego tag), by what the CPU has:
//
//   - SHA extensions (SHA-NI): Check runs one candidate's inner and outer
//     hashes side by side; CheckBatch interleaves four candidates, which
//     hides the latency of the SHA instructions.
//   - AVX-512 (the foundation set): CheckBatch hashes 32 HS256 candidates, or 16
//     HS384/HS512 candidates, at once, one per vector lane, in two
//     interleaved groups. This is the fastest path where present.
//   - AVX2, without AVX-512: CheckBatch hashes 4 HS384/HS512 candidates at
//     once, and 8 HS256 candidates when there is no SHA-NI either.
//
// Everywhere else a portable Go implementation with the same
// precomputation is used; it is also what Check uses for HS384 and HS512.
// Every path is tested against crypto/hmac.
//
// # Security
//
// The comparison with the MAC is not constant time: the caller is the one
// guessing keys, there is no secret to protect from a timing side channel.
package fasthmac

import (
	"bytes"
	"crypto"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"fmt"
)

// useSHANI, useAVX512 and useAVX2 let tests and benchmarks turn off each
// kind of assembly on a CPU that has it, and useStdlib choose the
// fallback, to check every path.
var (
	useSHANI, useAVX512, useAVX2 = true, true, true
	useStdlib                    = stdlibFast
)

// Verifier checks candidate keys against one message and its MAC. A
// Verifier is not safe for concurrent use: Clone one per goroutine.
type Verifier struct {
	h    crypto.Hash
	s256 *state256   // for crypto.SHA256
	s512 *state512   // for crypto.SHA384 and crypto.SHA512
	std  *stdlibHMAC // the fallback on the standard library; per goroutine
	sc   *scratch    // per goroutine
}

// scratch is a Verifier's working memory for CheckBatch, kept between
// calls so that checking allocates nothing.
type scratch struct {
	long    []int      // indexes of the keys longer than a block
	digests [][32]byte // their SHA-256 digests, by index
	msgs    []byte     // their padded blocks, laid out for the lanes
	views   [][]byte   // CheckBlocks' blocks as keys, for CheckBatch
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
		return nil, errors.New("unsupported hash: want SHA-256, SHA-384 or SHA-512")
	}
	if len(mac) != size {
		return nil, fmt.Errorf("MAC is %d bytes, HMAC-%v produces %d", len(mac), h, size)
	}
	v := &Verifier{h: h, std: newStdlibHMAC(h, bytes.Clone(message), bytes.Clone(mac)), sc: new(scratch)}
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
	c.std = v.std.clone(v.h)
	c.sc = new(scratch)
	return &c
}

// Check reports whether key is the HMAC key that produced the MAC.
func (v *Verifier) Check(key []byte) bool {
	if v.s256 != nil {
		if match, ok := v.s256.asm.check(v.s256, key); ok {
			return match
		}
	}
	return v.fallback(key)
}

// fallback checks key without this package's assembly.
func (v *Verifier) fallback(key []byte) bool {
	switch {
	case useStdlib:
		return v.std.check(key)
	case v.s256 != nil:
		return v.s256.checkGeneric(key)
	}
	return v.s512.checkGeneric(key)
}

// BatchSize is the number of candidates CheckBatch hashes together best:
// callers should pass batches of this many keys (any length works).
func (v *Verifier) BatchSize() int { return batchSize }

// BlockSize is the hash's block size: 64 bytes for SHA-256, 128 for
// SHA-384 and SHA-512. A key no longer than that is used as HMAC's key
// block after zeros are appended.
func (v *Verifier) BlockSize() int {
	if v.s256 != nil {
		return 64
	}
	return 128
}

// CheckBlocks is CheckBatch for keys given as key blocks: block i,
// blocks[i*BlockSize():(i+1)*BlockSize()], holds a key no longer than a
// block followed by zeros. HMAC appends those zeros to a short key itself,
// so a block and its key are the same key. Callers that write candidates
// straight into blocks save CheckBatch a copy of each.
func (v *Verifier) CheckBlocks(blocks []byte) int {
	bs := v.BlockSize()
	if v.s256 != nil {
		if i, ok := v.s256.asm.checkBlocks(v.s256, blocks); ok {
			return i
		}
	}
	n := len(blocks) / bs
	if cap(v.sc.views) < n {
		v.sc.views = make([][]byte, n)
	}
	keys := v.sc.views[:n]
	for i := range keys {
		keys[i] = blocks[i*bs : (i+1)*bs]
	}
	return v.CheckBatch(keys)
}

// CheckBatch returns the index of the first key in keys that matches, or -1.
func (v *Verifier) CheckBatch(keys [][]byte) int {
	var i int
	var ok bool
	if v.s256 != nil {
		i, ok = v.s256.asm.checkBatch(v.s256, v.sc, keys)
	} else {
		i, ok = v.s512.asm.checkBatch(v.s512, keys)
	}
	if ok {
		return i
	}
	for i, k := range keys {
		if v.fallback(k) {
			return i
		}
	}
	return -1
}
