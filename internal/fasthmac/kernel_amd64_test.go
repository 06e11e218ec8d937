//go:build amd64 && !purego

package fasthmac

import (
	"crypto"
	"fmt"
	"testing"
)

// BenchmarkKernel256 measures each SHA-NI kernel alone, to choose how many
// candidates to interleave.
func BenchmarkKernel256(b *testing.B) {
	if !haveSHANI {
		b.Skip("no SHA-NI")
	}
	v, _ := New(crypto.SHA256, benchMsg, make([]byte, 32))
	s := v.s256
	var kb [4][64]byte
	var out [4][4]uint32
	for n := 1; n <= 4; n++ {
		b.Run(fmt.Sprintf("x%d", n), func(b *testing.B) {
			c := 0
			start := cpuTime()
			for b.Loop() {
				switch n {
				case 1:
					hmac256x1(&s.wk[0], len(s.wk), (*[1][64]byte)(kb[:1]), (*[1][4]uint32)(out[:1]))
				case 2:
					hmac256x2(&s.wk[0], len(s.wk), (*[2][64]byte)(kb[:2]), (*[2][4]uint32)(out[:2]))
				case 3:
					hmac256x3(&s.wk[0], len(s.wk), (*[3][64]byte)(kb[:3]), (*[3][4]uint32)(out[:3]))
				case 4:
					hmac256x4(&s.wk[0], len(s.wk), &kb, &out)
				}
				c += n
			}
			report(b, c, start)
		})
	}
}

// BenchmarkKernelAVX512 times the AVX-512 kernels alone, with 1 to 3
// message blocks: the difference is the cost of a block without schedule.
func BenchmarkKernelAVX512(b *testing.B) {
	if !haveAVX512 {
		b.Skip("no AVX-512")
	}
	msg := make([]byte, 300)
	v, _ := New(crypto.SHA256, msg, make([]byte, 32))
	s := v.s256
	var kt [16][32]uint32
	for nb := 1; nb <= 3; nb++ {
		b.Run(fmt.Sprintf("sha256/blocks=%d", nb), func(b *testing.B) {
			c := 0
			start := cpuTime()
			for b.Loop() {
				hmac256x32(&s.wk[0], nb, &kt, &s.want)
				c += 32
			}
			report(b, c, start)
		})
	}
}
