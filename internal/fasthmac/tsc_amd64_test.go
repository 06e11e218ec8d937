//go:build amd64 && !purego

package fasthmac

import (
	"crypto"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"
)

func rdtsc() uint64

// tscPerCandidate times n samples of calls of f, each checking per
// candidates, and returns TSC ticks per candidate at the 5th percentile:
// samples that were not preempted nor disturbed. On a shared machine this
// is far steadier than a rate over wall-clock or CPU time. A sample is
// enough calls for 64 candidates: some virtual machines' TSC counts in
// steps of tens of ticks.
func tscPerCandidate(n, per int, f func()) float64 {
	reps := max(1, 64/per)
	ts := make([]uint64, n)
	for i := range ts {
		t0 := rdtsc()
		for range reps {
			f()
		}
		ts[i] = rdtsc() - t0
	}
	slices.Sort(ts)
	return float64(ts[n/20]) / float64(reps*per)
}

// tscHz measures the TSC's rate against the wall clock, once.
var tscHz = sync.OnceValue(func() float64 {
	t0, w0 := rdtsc(), time.Now()
	time.Sleep(200 * time.Millisecond)
	return float64(rdtsc()-t0) / time.Since(w0).Seconds()
})

func reportTSC(b *testing.B, ticks float64) {
	b.ReportMetric(ticks, "tsc/cand")
	b.ReportMetric(tscHz()/ticks, "cand/s-undisturbed")
}

// BenchmarkTSC reports TSC ticks per candidate for each kernel and for
// Check and CheckBatch, and the candidates/s they mean for a core that no
// other process disturbs.
func BenchmarkTSC(b *testing.B) {
	v256, _ := New(crypto.SHA256, benchMsg, make([]byte, 32))
	s := v256.s256
	var kb [4][64]byte
	var out [4][4]uint32
	var kt [32 * 64]byte
	kernels := []struct {
		name string
		ok   bool
		per  int
		f    func()
	}{
		{"sha256/shani-x1", haveSHANI, 1, func() {
			hmac256x1(&s.wk[0], len(s.wk), (*[1][64]byte)(kb[:1]), (*[1][4]uint32)(out[:1]))
		}},
		{"sha256/shani-x2", haveSHANI, 2, func() {
			hmac256x2(&s.wk[0], len(s.wk), (*[2][64]byte)(kb[:2]), (*[2][4]uint32)(out[:2]))
		}},
		{"sha256/shani-x4", haveSHANI, 4, func() { hmac256x4(&s.wk[0], len(s.wk), &kb, &out) }},
		{"sha256/avx512-x32", haveAVX512, 32, func() { hmac256x32(&s.wk[0], len(s.wk), &kt, &s.want) }},
	}
	for _, h := range []crypto.Hash{crypto.SHA384, crypto.SHA512} {
		v, _ := New(h, benchMsg, make([]byte, h.Size()))
		s5 := v.s512
		var kt5 [16][16]uint64
		f := func() { hmac512x16(&s5.wk[0], len(s5.wk), &kt5, &s5.want) }
		if h == crypto.SHA384 {
			f = func() { hmac384x16(&s5.wk[0], len(s5.wk), &kt5, &s5.want) }
		}
		kernels = append(kernels, struct {
			name string
			ok   bool
			per  int
			f    func()
		}{fmt.Sprintf("%v/avx512-x16", h), haveAVX512, 16, f})
	}
	for _, k := range kernels {
		b.Run(k.name, func(b *testing.B) {
			if !k.ok {
				b.Skip("not on this CPU")
			}
			var t float64
			for b.Loop() {
				t = tscPerCandidate(500, k.per, k.f)
			}
			reportTSC(b, t)
		})
	}
	for _, h := range hashes {
		mac := refMAC(h, []byte("not a candidate"), benchMsg)
		v, _ := New(h, benchMsg, mac)
		keys := benchKeys(v.BatchSize())
		for _, sv := range stdlibVariants {
			b.Run(fmt.Sprintf("%v/%s", h, sv.name), func(b *testing.B) {
				check := stdlibChecker(h, benchMsg, mac, sv.reuse)
				var t float64
				for b.Loop() {
					t = tscPerCandidate(500, 1, func() { check(keys[0]) })
				}
				reportTSC(b, t)
			})
		}
		for _, m := range modes() {
			b.Run(fmt.Sprintf("%v/CheckBatch/%s", h, modeName(m)), func(b *testing.B) {
				defer setMode(m)()
				var t float64
				for b.Loop() {
					t = tscPerCandidate(500, len(keys), func() { v.CheckBatch(keys) })
				}
				reportTSC(b, t)
			})
			b.Run(fmt.Sprintf("%v/Check/%s", h, modeName(m)), func(b *testing.B) {
				defer setMode(m)()
				var t float64
				for b.Loop() {
					t = tscPerCandidate(500, 1, func() { v.Check(keys[0]) })
				}
				reportTSC(b, t)
			})
		}
	}
}

// BenchmarkTSCKeyLength is CheckBatch for HS256 by key length, in the
// undisturbed-core measure: short keys, the lengths near a block (55 to
// 64 bytes: the end of the key block), and keys longer than a block,
// which HMAC hashes first.
func BenchmarkTSCKeyLength(b *testing.B) {
	v, _ := New(crypto.SHA256, benchMsg, make([]byte, 32))
	for _, l := range []int{8, 32, 54, 55, 60, 64, 65, 100, 119, 120, 200} {
		b.Run(fmt.Sprintf("len=%d", l), func(b *testing.B) {
			keys := make([][]byte, v.BatchSize())
			for i := range keys {
				keys[i] = make([]byte, l)
				for j := range keys[i] {
					keys[i][j] = byte(i + j)
				}
			}
			var t float64
			for b.Loop() {
				t = tscPerCandidate(300, len(keys), func() { v.CheckBatch(keys) })
			}
			reportTSC(b, t)
		})
	}
}
