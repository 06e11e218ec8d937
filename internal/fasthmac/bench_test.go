package fasthmac

import (
	"bytes"
	"crypto"
	"crypto/hmac"
	"fmt"
	"testing"
	"time"

	"github.com/jwtkey/jwtkey/internal/cputime"
)

// benchMsg is a 152-byte signing input, the size of a typical small JWT
// header.payload: 6 SHA-256 compressions per HS256 candidate.
var benchMsg = bytes.Repeat([]byte("e"), 152)

// benchKeys returns n distinct wrong 8-byte candidates.
func benchKeys(n int) [][]byte {
	keys := make([][]byte, n)
	for i := range keys {
		keys[i] = fmt.Appendf(nil, "pw%06d", i)
	}
	return keys
}

func benchImpls(b *testing.B, f func(b *testing.B, h crypto.Hash)) {
	for _, h := range hashes {
		for _, m := range modes() {
			b.Run(fmt.Sprintf("%v/%s", h, modeName(m)), func(b *testing.B) {
				defer setMode(m)()
				f(b, h)
			})
		}
	}
}

// report adds candidates per wall-clock second and, where the OS tells,
// per CPU second since start (a mark taken before the benchmark loop).
func report(b *testing.B, candidates int, start time.Duration) {
	b.ReportMetric(float64(candidates)/b.Elapsed().Seconds(), "candidates/s")
	if cpu := cputime.Used() - start; cpu > 0 {
		b.ReportMetric(float64(candidates)/cpu.Seconds(), "cand/cpu-s")
	}
}

func BenchmarkCheck(b *testing.B) {
	benchImpls(b, func(b *testing.B, h crypto.Hash) {
		v, _ := New(h, benchMsg, refMAC(h, []byte("not a candidate"), benchMsg))
		keys := benchKeys(1024)
		n := 0
		start := cputime.Used()
		for b.Loop() {
			if v.Check(keys[n%len(keys)]) {
				b.Fatal("match")
			}
			n++
		}
		report(b, n, start)
	})
}

func BenchmarkCheckBatch(b *testing.B) {
	benchImpls(b, func(b *testing.B, h crypto.Hash) {
		v, _ := New(h, benchMsg, refMAC(h, []byte("not a candidate"), benchMsg))
		keys := benchKeys(v.BatchSize())
		n := 0
		start := cputime.Used()
		for b.Loop() {
			if v.CheckBatch(keys) != -1 {
				b.Fatal("match")
			}
			n += len(keys)
		}
		report(b, n, start)
	})
}

// stdlibChecker returns the baseline candidate check on crypto/hmac:
// with reuse, one pair of hashes Reset per candidate and no allocation
// (the "Go zero-allocation HMAC" figure); without, hmac.New per candidate.
func stdlibChecker(h crypto.Hash, message, mac []byte, reuse bool) func(key []byte) bool {
	if !reuse {
		return func(key []byte) bool {
			m := hmac.New(hashFunc(h), key)
			m.Write(message)
			return hmac.Equal(m.Sum(nil), mac)
		}
	}
	inner, outer := hashFunc(h)(), hashFunc(h)()
	bs := inner.BlockSize()
	var kb [128]byte
	var isum, osum [64]byte
	return func(key []byte) bool {
		if len(key) > bs {
			inner.Reset()
			inner.Write(key)
			key = inner.Sum(isum[:0])
		}
		kb = [128]byte{}
		copy(kb[:], key)
		for i := range bs {
			kb[i] ^= 0x36
		}
		inner.Reset()
		inner.Write(kb[:bs])
		inner.Write(message)
		is := inner.Sum(isum[:0])
		for i := range bs {
			kb[i] ^= 0x36 ^ 0x5c
		}
		outer.Reset()
		outer.Write(kb[:bs])
		outer.Write(is)
		return bytes.Equal(outer.Sum(osum[:0]), mac)
	}
}

var stdlibVariants = []struct {
	name  string
	reuse bool
}{{"stdlib-zero-alloc", true}, {"stdlib-new-per-candidate", false}}

func BenchmarkStdlib(b *testing.B) {
	for _, h := range hashes {
		mac := refMAC(h, []byte("not a candidate"), benchMsg)
		keys := benchKeys(1024)
		for _, sv := range stdlibVariants {
			b.Run(fmt.Sprintf("%v/%s", h, sv.name), func(b *testing.B) {
				check := stdlibChecker(h, benchMsg, mac, sv.reuse)
				n := 0
				start := cputime.Used()
				for b.Loop() {
					if check(keys[n%len(keys)]) {
						b.Fatal("match")
					}
					n++
				}
				report(b, n, start)
			})
		}
	}
}

// BenchmarkCheckBatchParallel runs CheckBatch on every P (-cpu), one Clone
// per goroutine, as the audit worker pool does: compare -cpu 1 and -cpu 2
// for the scaling across cores.
func BenchmarkCheckBatchParallel(b *testing.B) {
	for _, h := range hashes {
		b.Run(h.String(), func(b *testing.B) {
			v, _ := New(h, benchMsg, refMAC(h, []byte("not a candidate"), benchMsg))
			keys := benchKeys(v.BatchSize())
			start := cputime.Used()
			b.RunParallel(func(pb *testing.PB) {
				c := v.Clone()
				for pb.Next() {
					if c.CheckBatch(keys) != -1 {
						panic("match")
					}
				}
			})
			n := b.N * len(keys)
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "candidates/s")
			if cpu := cputime.Used() - start; cpu > 0 {
				b.ReportMetric(float64(n)/cpu.Seconds(), "cand/cpu-s")
			}
		})
	}
}
