//go:build amd64 && !purego

package fasthmac

import (
	"crypto"
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/jwtkey/jwtkey/internal/cputime"
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
			start := cputime.Used()
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
	var kt [32 * 64]byte
	for nb := 1; nb <= 3; nb++ {
		b.Run(fmt.Sprintf("sha256/blocks=%d", nb), func(b *testing.B) {
			c := 0
			start := cputime.Used()
			for b.Loop() {
				hmac256x32(&s.wk[0], nb, &kt, &s.want)
				c += 32
			}
			report(b, c, start)
		})
	}
}

// TestSHA256x32 checks the lane hash of long keys against crypto/sha256,
// for every block count the batches use and every lane.
func TestSHA256x32(t *testing.T) {
	if !haveAVX512 {
		t.Skip("no AVX-512")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for nb := 2; nb <= maxBlocksLong; nb++ {
		keys := make([][]byte, 40)
		for i := range keys {
			// Lengths across the whole range nb blocks hold.
			k := make([]byte, 64*(nb-1)-8+rng.IntN(64))
			for j := range k {
				k[j] = byte(rng.Uint32())
			}
			keys[i] = k
		}
		var sc scratch
		sc.digests = make([][32]byte, len(keys))
		idx := make([]int, 32)
		for i := range idx {
			idx[i] = i + 3
		}
		for _, i := range idx {
			if got := (len(keys[i]) + 9 + 63) / 64; got != nb {
				t.Fatalf("key of %d bytes has %d blocks, want %d", len(keys[i]), got, nb)
			}
		}
		sc.hashLanes(keys, idx, nb)
		for _, i := range idx {
			if want := sha256.Sum256(keys[i]); sc.digests[i] != want {
				t.Errorf("%d blocks, key %d (%d bytes): digest differs", nb, i, len(keys[i]))
			}
		}
	}
}

// TestCheckBatchLongKeys puts the key among many long ones of mixed
// lengths, so that every way hashLong takes runs: lanes, crypto/sha256.
func TestCheckBatchLongKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	msg := []byte("header.payload")
	for _, n := range []int{64, 256} {
		keys := make([][]byte, n)
		for i := range keys {
			k := make([]byte, 65+rng.IntN(300))
			if i%7 == 0 {
				k = k[:1+rng.IntN(64)]
			}
			for j := range k {
				k[j] = byte(rng.Uint32())
			}
			keys[i] = k
		}
		for _, at := range []int{0, 5, 31, 32, n - 1} {
			m := hmac.New(sha256.New, keys[at])
			m.Write(msg)
			v, err := New(crypto.SHA256, msg, m.Sum(nil))
			if err != nil {
				t.Fatal(err)
			}
			if got := v.CheckBatch(keys); got != at {
				t.Errorf("%d keys, key at %d (%d bytes): CheckBatch = %d", n, at, len(keys[at]), got)
			}
		}
	}
}
