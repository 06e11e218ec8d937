//go:build amd64 && !purego

package fasthmac

import (
	"crypto/sha512"
	"encoding/binary"
	"math/bits"
)

const batchSize = 64

type asm512 struct {
	wkAVX2 [][80][4]uint64 // the message blocks' W+K for every AVX2 lane
}

func (a *asm512) init(s *state512) {
	if haveAVX2 {
		a.wkAVX2 = make([][80][4]uint64, len(s.wk))
		for b := range s.wk {
			for t, x := range s.wk[b] {
				a.wkAVX2[b][t] = [4]uint64{x, x, x, x}
			}
		}
	}
}

// keyColumn512 writes the words of key's HMAC key block into column c of
// kt, which the caller has zeroed: only the words the key covers are
// written.
func keyColumn512[T [4]uint64 | [16]uint64](s *state512, kt []T, c int, key []byte) {
	if len(key) > sha512.BlockSize {
		var kb [sha512.BlockSize]byte
		s.keyBlock(&kb, key)
		key = kb[:s.size]
	}
	i := 0
	for ; i+8 <= len(key); i += 8 {
		kt[i/8][c] = binary.BigEndian.Uint64(key[i:])
	}
	if i < len(key) {
		var w uint64
		for j, b := range key[i:] {
			w |= uint64(b) << (56 - 8*j)
		}
		kt[i/8][c] = w
	}
}

func (a *asm512) checkBatch(s *state512, keys [][]byte) (int, bool) {
	is384 := s.size == sha512.Size384
	switch {
	case haveAVX512 && useAVX512:
		var kt [16][16]uint64
		for i := 0; i < len(keys); i += 16 {
			n := min(16, len(keys)-i)
			kt = [16][16]uint64{}
			for c, key := range keys[i : i+n] {
				keyColumn512(s, kt[:], c, key)
			}
			var m uint64
			if is384 {
				m = hmac384x16(&s.wk[0], len(s.wk), &kt, &s.want)
			} else {
				m = hmac512x16(&s.wk[0], len(s.wk), &kt, &s.want)
			}
			if m &= 1<<n - 1; m != 0 {
				return i + bits.TrailingZeros64(m), true
			}
		}
		return -1, true
	case haveAVX2 && useAVX2:
		var kt [16][4]uint64
		for i := 0; i < len(keys); i += 4 {
			n := min(4, len(keys)-i)
			kt = [16][4]uint64{}
			for c, key := range keys[i : i+n] {
				keyColumn512(s, kt[:], c, key)
			}
			var m uint64
			if is384 {
				m = hmac384avx2x4(&a.wkAVX2[0], len(s.wk), &kt, &s.want)
			} else {
				m = hmac512avx2x4(&a.wkAVX2[0], len(s.wk), &kt, &s.want)
			}
			if m &= 1<<n - 1; m != 0 {
				return i + bits.TrailingZeros64(m), true
			}
		}
		return -1, true
	}
	return 0, false
}
