package fasthmac

import (
	"crypto/sha256"
	"encoding/binary"
	"math/bits"

	"github.com/jwtkey/jwtkey/internal/fasthmac/internal/sha2"
)

// state256 is everything about HMAC-SHA-256 of one message that does not
// depend on the key.
type state256 struct {
	// wk holds W[t]+K[t] for each padded message block that follows the
	// ipad block: the message is fixed, so its schedule is too.
	wk   [][64]uint32
	want [8]uint32 // the MAC as big-endian words
	asm  asm256    // SHA-NI tables, when available
}

var (
	iv256 = sha2.IV256
	k256  = sha2.K256
)

const (
	ipad32 = 0x36363636
	opad32 = 0x5c5c5c5c
)

func newState256(message, mac []byte) *state256 {
	s := new(state256)
	p := pad(message, sha256.BlockSize, 8)
	s.wk = make([][64]uint32, len(p)/sha256.BlockSize)
	for b := range s.wk {
		w := &s.wk[b]
		for i := range 16 {
			w[i] = binary.BigEndian.Uint32(p[b*sha256.BlockSize+4*i:])
		}
		expand256(w)
		for i := range w {
			w[i] += k256[i]
		}
	}
	for i := range s.want {
		s.want[i] = binary.BigEndian.Uint32(mac[4*i:])
	}
	s.asm.init(s)
	return s
}

// pad returns message followed by the padding SHA-2 appends when message
// is hashed after one block of key (HMAC's ipad block): 0x80, zeros, and
// the total length in bits in a lenBytes-byte big-endian field.
func pad(message []byte, blockSize, lenBytes int) []byte {
	n := len(message) + 1 + lenBytes
	n = (n + blockSize - 1) / blockSize * blockSize
	p := make([]byte, n)
	copy(p, message)
	p[len(message)] = 0x80
	total := uint64(blockSize + len(message))
	binary.BigEndian.PutUint64(p[n-8:], total<<3)
	if lenBytes == 16 {
		binary.BigEndian.PutUint64(p[n-16:], total>>61)
	}
	return p
}

// keyWords256 writes the HMAC key block for key as big-endian words: keys
// longer than a block are hashed first, shorter ones padded with zeros.
func keyWords256(kw *[16]uint32, key []byte) {
	var kb [sha256.BlockSize]byte
	if len(key) > sha256.BlockSize {
		sum := sha256.Sum256(key)
		copy(kb[:], sum[:])
	} else {
		copy(kb[:], key)
	}
	for i := range kw {
		kw[i] = binary.BigEndian.Uint32(kb[4*i:])
	}
}

func (s *state256) checkGeneric(key []byte) bool {
	var kw [16]uint32
	keyWords256(&kw, key)
	var w [64]uint32
	for i := range kw {
		w[i] = kw[i] ^ ipad32
	}
	inner := iv256
	block256(&inner, &w)
	for b := range s.wk {
		rounds256(&inner, &s.wk[b])
	}
	for i := range kw {
		w[i] = kw[i] ^ opad32
	}
	outer := iv256
	block256(&outer, &w)
	copy(w[:8], inner[:])
	w[8] = 0x80000000
	clear(w[9:15])
	w[15] = (sha256.BlockSize + sha256.Size) * 8
	block256(&outer, &w)
	return outer == s.want
}

// expand256 fills w[16:] with the message schedule of w[:16].
func expand256(w *[64]uint32) {
	for i := 16; i < 64; i++ {
		v1 := w[i-2]
		t1 := bits.RotateLeft32(v1, -17) ^ bits.RotateLeft32(v1, -19) ^ (v1 >> 10)
		v2 := w[i-15]
		t2 := bits.RotateLeft32(v2, -7) ^ bits.RotateLeft32(v2, -18) ^ (v2 >> 3)
		w[i] = t1 + w[i-7] + t2 + w[i-16]
	}
}

// block256 compresses the block whose words are w[:16] into h; it
// overwrites w[16:].
func block256(h *[8]uint32, w *[64]uint32) {
	expand256(w)
	for i := range w {
		w[i] += k256[i]
	}
	rounds256(h, w)
}

// rounds256 runs the 64 rounds of SHA-256 on h with a precomputed
// schedule, wk[t] = W[t]+K[t].
func rounds256(h *[8]uint32, wk *[64]uint32) {
	a, b, c, d, e, f, g, hh := h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]
	for i := 0; i < 64; i += 4 {
		// Four rounds per iteration with the variables renamed instead of
		// shifted: fewer moves.
		t1 := hh + (bits.RotateLeft32(e, -6) ^ bits.RotateLeft32(e, -11) ^ bits.RotateLeft32(e, -25)) + ((e & f) ^ (^e & g)) + wk[i]
		t2 := (bits.RotateLeft32(a, -2) ^ bits.RotateLeft32(a, -13) ^ bits.RotateLeft32(a, -22)) + ((a & b) ^ (a & c) ^ (b & c))
		d += t1
		hh = t1 + t2

		t1 = g + (bits.RotateLeft32(d, -6) ^ bits.RotateLeft32(d, -11) ^ bits.RotateLeft32(d, -25)) + ((d & e) ^ (^d & f)) + wk[i+1]
		t2 = (bits.RotateLeft32(hh, -2) ^ bits.RotateLeft32(hh, -13) ^ bits.RotateLeft32(hh, -22)) + ((hh & a) ^ (hh & b) ^ (a & b))
		c += t1
		g = t1 + t2

		t1 = f + (bits.RotateLeft32(c, -6) ^ bits.RotateLeft32(c, -11) ^ bits.RotateLeft32(c, -25)) + ((c & d) ^ (^c & e)) + wk[i+2]
		t2 = (bits.RotateLeft32(g, -2) ^ bits.RotateLeft32(g, -13) ^ bits.RotateLeft32(g, -22)) + ((g & hh) ^ (g & a) ^ (hh & a))
		b += t1
		f = t1 + t2

		t1 = e + (bits.RotateLeft32(b, -6) ^ bits.RotateLeft32(b, -11) ^ bits.RotateLeft32(b, -25)) + ((b & c) ^ (^b & d)) + wk[i+3]
		t2 = (bits.RotateLeft32(f, -2) ^ bits.RotateLeft32(f, -13) ^ bits.RotateLeft32(f, -22)) + ((f & g) ^ (f & hh) ^ (g & hh))
		a += t1
		e = t1 + t2

		// After four rounds the roles rotate by four: (a..h) <- (e,f,g,hh,a,b,c,d).
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
