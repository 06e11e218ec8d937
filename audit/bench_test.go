package audit

import (
	"context"
	"crypto/hmac"
	"crypto/sha512"
	"encoding/base64"
	"fmt"
	"hash"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jwtkey/jwtkey/internal/cputime"
)

// benchToken is HS256 with a 152-byte signing input (6 SHA-256
// compressions per candidate), signed with a key no benchmark finds. The
// same token is in bench/audit/run.sh.
const benchToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." +
	"eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyLCJleHAiOjE1MTYyNDI2MjIsInJvbGUiOiJ1dXV1In0." +
	"I6xkjbp2KaZ-zWmh2qGgY9FimuD49acSZn01I1fy_0M"

// benchTokenFor is benchToken's payload under alg's header (also 152
// bytes of signing input), signed with a key no benchmark finds.
func benchTokenFor(b *testing.B, alg string) *Token {
	if alg == "HS256" {
		return parse(b, benchToken)
	}
	h := map[string]func() hash.Hash{"HS384": sha512.New384, "HS512": sha512.New}[alg]
	input := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"`+alg+`","typ":"JWT"}`)) + "." + strings.Split(benchToken, ".")[1]
	m := hmac.New(h, []byte("benchmark key: not in any mask or list 7f3a9c"))
	m.Write([]byte(input))
	return parse(b, input+"."+base64.RawURLEncoding.EncodeToString(m.Sum(nil)))
}

// BenchmarkMask measures the whole candidate loop of a mask attack, one
// candidate per op: cursor, batching, fasthmac, progress counters.
func BenchmarkMask(b *testing.B) {
	m, err := ParseMask("?a?a?a?a?a?a?a?a", [4][]byte{})
	if err != nil {
		b.Fatal(err)
	}
	total, _ := m.Keyspace()
	for _, bc := range []struct {
		alg     string
		threads int
	}{{"HS256", 1}, {"HS256", 2}, {"HS384", 1}, {"HS512", 1}, {"HS512", 2}} {
		threads := bc.threads
		b.Run(fmt.Sprintf("%s/threads=%d", bc.alg, threads), func(b *testing.B) {
			tok := benchTokenFor(b, bc.alg)
			c, err := NewCracker(tok, Options{Threads: threads})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			start := cputime.Used()
			res, err := c.Run(context.Background(), Masks{Masks: []*Mask{m}, Skip: total - uint64(b.N)})
			b.StopTimer()
			if err != nil || res.Found {
				b.Fatalf("Run: %v, found %v", err, res.Found)
			}
			b.ReportMetric(res.Rate(), "cand/s")
			reportCPU(b, res.Candidates, start)
		})
	}
}

// reportCPU adds candidates per CPU second: on a shared machine, steadier
// than per wall-clock second, and comparable with fasthmac's kernel
// benchmarks, which report the same.
func reportCPU(b *testing.B, candidates uint64, start time.Duration) {
	if cpu := cputime.Used() - start; cpu > 0 {
		b.ReportMetric(float64(candidates)/cpu.Seconds(), "cand/cpu-s")
	}
}

// BenchmarkWordlist measures the wordlist loop, about one candidate per
// op: reading, splitting and, with rules, about 2,000 mutations per line.
func BenchmarkWordlist(b *testing.B) {
	tok := parse(b, benchToken)
	for _, rules := range []bool{false, true} {
		b.Run(fmt.Sprintf("rules=%v", rules), func(b *testing.B) {
			c, err := NewCracker(tok, Options{Threads: 2})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			lines := b.N
			var sets []*RuleSet
			if rules {
				lines = max(1, b.N/BuiltinRuleCount())
				sets = BuiltinRules()
			}
			start := cputime.Used()
			res, err := c.Run(context.Background(), Wordlist{Reader: &wordSource{n: lines}, Name: "gen", Rules: sets})
			b.StopTimer()
			if err != nil || res.Found {
				b.Fatalf("Run: %v, found %v", err, res.Found)
			}
			b.ReportMetric(res.Rate(), "cand/s")
			reportCPU(b, res.Candidates, start)
		})
	}
}

// wordSource makes n lines of password-like words without holding them.
type wordSource struct {
	n, i int
	buf  []byte
}

func (w *wordSource) Read(p []byte) (int, error) {
	for len(w.buf) < len(p) && w.i < w.n {
		w.buf = append(w.buf, "Word"...)
		w.buf = strconv.AppendInt(w.buf, int64(10000000+w.i), 10)
		w.buf = append(w.buf, "-x\n"...)
		w.i++
	}
	if len(w.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, w.buf)
	w.buf = w.buf[:copy(w.buf, w.buf[n:])]
	return n, nil
}

// TestLoopsAllocateNothing checks the hot loops allocate nothing per
// candidate once warmed up.
func TestLoopsAllocateNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("slow under -short")
	}
	tok := parse(t, benchToken)
	c, err := NewCracker(tok, Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := ParseMask("?l?l?l?d", [4][]byte{})
	ks, _ := newKeyspace([]*Mask{m})
	r := &attackRun{counters: make([]counter, 1)}
	var held counter
	mw := &maskWorker{b: c.newBatch(&r.counters[0].n, c.batchLen*m.Len()), r: r, ks: ks, held: &held.n, cursors: make([]*cursor, 1)}
	mw.run(0, 1000)
	if a := testing.AllocsPerRun(5, func() { mw.run(0, 20000) }); a != 0 {
		t.Errorf("mask loop: %v allocations per 20,000 candidates", a)
	}

	ch := newChunk(chunkSize)
	lr := newLineReader(&wordSource{n: 200})
	if err := lr.fill(ch); err != nil {
		t.Fatal(err)
	}
	wb := c.newBatch(&r.counters[0].n, 64*c.batchLen)
	ww := &lineWorker{b: wb, bb: newBlockBatch(wb), r: r, b64: true,
		rules: newRuleRunner(newRuleChain(BuiltinRules())), expand: expandRules,
		describe: func(uint64, uint64) Source { return Source{} }}
	ww.run(ch)
	if a := testing.AllocsPerRun(3, func() { ww.run(ch) }); a != 0 {
		t.Errorf("wordlist loop with rules: %v allocations per %d candidates", a, 200*BuiltinRuleCount())
	}
}
