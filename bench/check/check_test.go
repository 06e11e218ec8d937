// Package check benchmarks strength.Check: a 64-character key after
// warm-up (target: at most 50 µs an op), and inputs up to the 1 KiB cap,
// to show the cost grows linearly with length.
//
//	go test -run XXX -bench . -benchmem -cpu 1 ./bench/check
//
// Besides wall time, each benchmark reports cpu-ns/op, the process's CPU
// time per op (user and system, from getrusage): on a shared machine other
// processes stretch wall time but not CPU time. Run with -cpu 1 so the
// figure is one core's.
package check

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jwtkey/jwtkey/internal/cputime"
	"github.com/jwtkey/jwtkey/strength"
)

// reportCPU adds cpu-ns/op to a benchmark that started at start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cputime.Used()-start)/float64(b.N), "cpu-ns/op")
}

func randomHex(n int) []byte {
	b := make([]byte, (n+1)/2)
	rand.Read(b)
	return []byte(hex.EncodeToString(b)[:n])
}

// BenchmarkCheck64 checks keys of the shape of openssl rand -hex 32, 256
// different ones in turn: the cost varies a little with what a key holds
// by chance (a year, a short word), and the average is what matters.
func BenchmarkCheck64(b *testing.B) {
	keys := make([][]byte, 256)
	for i := range keys {
		keys[i] = randomHex(64)
	}
	strength.Check(keys[0]) // warm-up: loads the dictionaries
	b.ReportAllocs()
	start := cputime.Used()
	i := 0
	for b.Loop() {
		if _, err := strength.Check(keys[i%len(keys)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	reportCPU(b, start)
}

// BenchmarkCheckWeak64 checks a weak 64-character secret full of matches.
func BenchmarkCheckWeak64(b *testing.B) {
	key := []byte("my-super-secret-jwt-signing-key-for-production-2024-qwerty12345")
	strength.Check(key)
	b.ReportAllocs()
	start := cputime.Used()
	for b.Loop() {
		strength.Check(key)
	}
	reportCPU(b, start)
}

// BenchmarkCheckLength shows the cost per byte stays flat from 64 bytes to
// the 1 KiB cap, for random hex, English-like text, one repeated character
// and a repeat at every other byte (the worst cases for repeat detection).
func BenchmarkCheckLength(b *testing.B) {
	for _, kind := range []string{"hex", "words", "repeat", "pairs"} {
		for _, n := range []int{64, 128, 256, 512, 1024} {
			var s []byte
			switch kind {
			case "hex":
				s = randomHex(n)
			case "words":
				s = []byte(strings.Repeat("correct-horse-battery-staple-", n/29+1)[:n])
			case "repeat":
				s = []byte(strings.Repeat("a", n))
			case "pairs":
				// a short repeat at every other byte: many repeat matches
				for i := range n {
					s = append(s, "aabbccddeeffgghhiijjkkllmmnnooppqqrrssttuuvvwwxxyyzz"[i%52])
				}
			}
			strength.Check(s)
			b.Run(fmt.Sprintf("%s/%d", kind, n), func(b *testing.B) {
				b.SetBytes(int64(n))
				start := cputime.Used()
				for b.Loop() {
					strength.Check(s)
				}
				reportCPU(b, start)
			})
		}
	}
}

// BenchmarkKnown walks every candidate audit tries first.
func BenchmarkKnown(b *testing.B) {
	for b.Loop() {
		n := 0
		for range strength.Known() {
			n++
		}
	}
}
