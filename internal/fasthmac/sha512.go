package fasthmac

import (
	"crypto"
	"crypto/sha512"
	"encoding/binary"
	"math/bits"
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

var iv384 = [8]uint64{
	0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
	0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4,
}

var iv512 = [8]uint64{
	0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
	0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
}

var k512 = [80]uint64{
	0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
	0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
	0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
	0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
	0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
	0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
	0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
	0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
	0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
	0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
	0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
	0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
	0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
	0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
	0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
	0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
	0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
	0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
	0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
	0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
}

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
