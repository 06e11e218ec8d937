//go:build amd64 && !purego

package fasthmac

import (
	"crypto/sha512"
	"encoding/binary"
	"math/bits"
)

const batchSize = 64

type asm512 struct{}

func (*asm512) init(*state512) {}

// keyColumn writes the words of key's HMAC key block into column c of kt,
// which the caller has zeroed: only the words the key covers are written.
func (s *state512) keyColumn(kt *[16][16]uint64, c int, key []byte) {
	if len(key) > sha512.BlockSize {
		var kb [sha512.BlockSize]byte
		s.keyBlock(&kb, key)
		key = kb[:s.size]
		for i := range s.size / 8 {
			kt[i][c] = binary.BigEndian.Uint64(key[8*i:])
		}
		return
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

func (*asm512) checkBatch(s *state512, keys [][]byte) (int, bool) {
	if !haveAVX512 || !useAVX512 {
		return 0, false
	}
	is384 := s.size == sha512.Size384
	var kt [16][16]uint64
	for i := 0; i < len(keys); i += 16 {
		n := min(16, len(keys)-i)
		kt = [16][16]uint64{}
		for c := range n {
			s.keyColumn(&kt, c, keys[i+c])
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
}
