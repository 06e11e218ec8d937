// Package fasthmac checks many candidate HMAC keys against one signed
// message, as fast as the CPU allows and without allocating.
//
// PLACEHOLDER: the audit issue replaces this with the fast implementation;
// the API stays.
package fasthmac

import (
	"crypto"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"hash"
)

// Verifier checks candidate keys against one message and its MAC. A
// Verifier is not safe for concurrent use: Clone one per goroutine.
type Verifier struct {
	h       crypto.Hash
	message []byte
	mac     []byte
}

// New returns a Verifier for HMAC with SHA-256, SHA-384 or SHA-512.
func New(h crypto.Hash, message, mac []byte) (*Verifier, error) {
	if h != crypto.SHA256 && h != crypto.SHA384 && h != crypto.SHA512 {
		return nil, errors.New("fasthmac: unsupported hash")
	}
	return &Verifier{h: h, message: message, mac: mac}, nil
}

// Clone returns an independent Verifier for another goroutine.
func (v *Verifier) Clone() *Verifier { c := *v; return &c }

// Check reports whether key is the HMAC key that produced the MAC.
func (v *Verifier) Check(key []byte) bool {
	var f func() hash.Hash
	switch v.h {
	case crypto.SHA256:
		f = sha256.New
	case crypto.SHA384:
		f = sha512.New384
	default:
		f = sha512.New
	}
	m := hmac.New(f, key)
	m.Write(v.message)
	return hmac.Equal(m.Sum(nil), v.mac)
}

// BatchSize is the number of candidates CheckBatch hashes together best.
func (v *Verifier) BatchSize() int { return 1 }

// CheckBatch returns the index of the first key in keys that matches, or -1.
func (v *Verifier) CheckBatch(keys [][]byte) int {
	for i, k := range keys {
		if v.Check(k) {
			return i
		}
	}
	return -1
}
