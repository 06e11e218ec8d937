package fasthmac

import (
	"bytes"
	"crypto"
	"hash"
)

// stdlibHMAC is HMAC on the standard library's hashes, reused without
// allocating. Where crypto/sha256 and crypto/sha512 have assembly (SHA
// instructions on arm64, AVX2 on amd64, ...) it beats the portable code of
// this package despite hashing the whole message for every candidate, so
// it is the fallback there. A stdlibHMAC belongs to one goroutine.
type stdlibHMAC struct {
	inner, outer hash.Hash
	message, mac []byte // shared with clones, read-only
	kb           [128]byte
	isum, osum   [64]byte
}

func newStdlibHMAC(h crypto.Hash, message, mac []byte) *stdlibHMAC {
	return &stdlibHMAC{inner: h.New(), outer: h.New(), message: message, mac: mac}
}

func (m *stdlibHMAC) clone(h crypto.Hash) *stdlibHMAC {
	return newStdlibHMAC(h, m.message, m.mac)
}

func (m *stdlibHMAC) check(key []byte) bool {
	bs := m.inner.BlockSize()
	if len(key) > bs {
		m.inner.Reset()
		m.inner.Write(key)
		key = m.inner.Sum(m.isum[:0])
	}
	m.kb = [128]byte{}
	copy(m.kb[:], key)
	for i := range bs {
		m.kb[i] ^= 0x36
	}
	m.inner.Reset()
	m.inner.Write(m.kb[:bs])
	m.inner.Write(m.message)
	sum := m.inner.Sum(m.isum[:0])
	for i := range bs {
		m.kb[i] ^= 0x36 ^ 0x5c
	}
	m.outer.Reset()
	m.outer.Write(m.kb[:bs])
	m.outer.Write(sum)
	return bytes.Equal(m.outer.Sum(m.osum[:0]), m.mac)
}
