package fasthmac

import (
	"crypto"
	"crypto/sha512"
	"encoding/binary"
	"math/bits"

	"github.com/jwtkey/jwtkey/internal/fasthmac/internal/sha2"
)

// state512 is everything about HMAC-SHA-384 or HMAC-SHA-512 of one message
// that does not depend on the key.
type state512 struct {
	iv   [8]uint64
	size int          // output size in bytes: 48 or 64
	wk   [][80]uint64 // W[t]+K[t] of the padded message blocks after the ipad block
	want [8]uint64    // the MAC as big-endian words; the first size/8 count
	asm  asm512       // AVX-512 tables, when available
}

var (
	iv384 = sha2.IV384
	iv512 = sha2.IV512
	k512  = sha2.K512
)

const (
	ipad64 = 0x3636363636363636
	opad64 = 0x5c5c5c5c5c5c5c5c
)

func newState512(h crypto.Hash, message, mac []byte) *state512 {
	s := &state512{iv: iv512, size: sha512.Size}
	if h == crypto.SHA384 {
		s.iv, s.size = iv384, sha512.Size384
	}
	p := pad(message, sha512.BlockSize, 16)
	s.wk = make([][80]uint64, len(p)/sha512.BlockSize)
	for b := range s.wk {
		w := &s.wk[b]
		for i := range 16 {
			w[i] = binary.BigEndian.Uint64(p[b*sha512.BlockSize+8*i:])
		}
		expand512(w)
		for i := range w {
			w[i] += k512[i]
		}
	}
	for i := range s.size / 8 {
		s.want[i] = binary.BigEndian.Uint64(mac[8*i:])
	}
	s.asm.init(s)
	return s
}

// keyBlock writes key's HMAC key block, before the pad XOR, into kb: keys
// longer than a block are hashed first with the same function (SHA-384 for
// HMAC-SHA-384), shorter ones padded with zeros.
func (s *state512) keyBlock(kb *[sha512.BlockSize]byte, key []byte) {
	*kb = [sha512.BlockSize]byte{}
	if len(key) <= sha512.BlockSize {
		copy(kb[:], key)
	} else if s.size == sha512.Size384 {
		sum := sha512.Sum384(key)
		copy(kb[:], sum[:])
	} else {
		sum := sha512.Sum512(key)
		copy(kb[:], sum[:])
	}
}

// keyWords writes the key block as big-endian words.
func (s *state512) keyWords(kw *[16]uint64, key []byte) {
	var kb [sha512.BlockSize]byte
	s.keyBlock(&kb, key)
	for i := range kw {
		kw[i] = binary.BigEndian.Uint64(kb[8*i:])
	}
}

func (s *state512) checkGeneric(key []byte) bool {
	var kw [16]uint64
	s.keyWords(&kw, key)
	var w [80]uint64
	for i := range kw {
		w[i] = kw[i] ^ ipad64
	}
	inner := s.iv
	block512(&inner, &w)
	for b := range s.wk {
		rounds512(&inner, &s.wk[b])
	}
	for i := range kw {
		w[i] = kw[i] ^ opad64
	}
	outer := s.iv
	block512(&outer, &w)
	n := s.size / 8
	copy(w[:n], inner[:n])
	w[n] = 1 << 63
	clear(w[n+1 : 15])
	w[15] = uint64(sha512.BlockSize+s.size) * 8
	block512(&outer, &w)
	for i := range n {
		if outer[i] != s.want[i] {
			return false
		}
	}
	return true
}

func expand512(w *[80]uint64) {
	for i := 16; i < 80; i++ {
		v1 := w[i-2]
		t1 := bits.RotateLeft64(v1, -19) ^ bits.RotateLeft64(v1, -61) ^ (v1 >> 6)
		v2 := w[i-15]
		t2 := bits.RotateLeft64(v2, -1) ^ bits.RotateLeft64(v2, -8) ^ (v2 >> 7)
		w[i] = t1 + w[i-7] + t2 + w[i-16]
	}
}

func block512(h *[8]uint64, w *[80]uint64) {
	expand512(w)
	for i := range w {
		w[i] += k512[i]
	}
	rounds512(h, w)
}

// rounds512 runs the 80 rounds of SHA-512 on h with a precomputed
// schedule, wk[t] = W[t]+K[t]. The structure follows rounds256.
func rounds512(h *[8]uint64, wk *[80]uint64) {
	a, b, c, d, e, f, g, hh := h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]
	for i := 0; i < 80; i += 4 {
		t1 := hh + (bits.RotateLeft64(e, -14) ^ bits.RotateLeft64(e, -18) ^ bits.RotateLeft64(e, -41)) + ((e & f) ^ (^e & g)) + wk[i]
		t2 := (bits.RotateLeft64(a, -28) ^ bits.RotateLeft64(a, -34) ^ bits.RotateLeft64(a, -39)) + ((a & b) ^ (a & c) ^ (b & c))
		d += t1
		hh = t1 + t2

		t1 = g + (bits.RotateLeft64(d, -14) ^ bits.RotateLeft64(d, -18) ^ bits.RotateLeft64(d, -41)) + ((d & e) ^ (^d & f)) + wk[i+1]
		t2 = (bits.RotateLeft64(hh, -28) ^ bits.RotateLeft64(hh, -34) ^ bits.RotateLeft64(hh, -39)) + ((hh & a) ^ (hh & b) ^ (a & b))
		c += t1
		g = t1 + t2

		t1 = f + (bits.RotateLeft64(c, -14) ^ bits.RotateLeft64(c, -18) ^ bits.RotateLeft64(c, -41)) + ((c & d) ^ (^c & e)) + wk[i+2]
		t2 = (bits.RotateLeft64(g, -28) ^ bits.RotateLeft64(g, -34) ^ bits.RotateLeft64(g, -39)) + ((g & hh) ^ (g & a) ^ (hh & a))
		b += t1
		f = t1 + t2

		t1 = e + (bits.RotateLeft64(b, -14) ^ bits.RotateLeft64(b, -18) ^ bits.RotateLeft64(b, -41)) + ((b & c) ^ (^b & d)) + wk[i+3]
		t2 = (bits.RotateLeft64(f, -28) ^ bits.RotateLeft64(f, -34) ^ bits.RotateLeft64(f, -39)) + ((f & g) ^ (f & hh) ^ (g & hh))
		a += t1
		e = t1 + t2

		a, b, c, d, e, f, g, hh = e, f, g, hh, a, b, c, d
	}
	h[0] += a
	h[1] += b
	h[2] += c
	h[3] += d
	h[4] += e
	h[5] += f
	h[6] += g
	h[7] += hh
}
