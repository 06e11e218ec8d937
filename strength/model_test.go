package strength

import (
	"math"
	"strings"
	"testing"
)

func sum(c []float64) float64 {
	t := 0.0
	for _, x := range c {
		t += x
	}
	return t
}

// TestRunModelsOnRandomKeys: on keys from the real generators the typing
// model and the invented-key model save less than the evidence that prices
// a run as hand-made, on every key; on keys drawn uniformly from their
// alphabet they cost more than brute force in all. They cannot turn a
// random key into a pattern by themselves.
func TestRunModelsOnRandomKeys(t *testing.T) {
	loadOnce.Do(load)
	seed := testSeed(t)
	for g, gen := range realGenerators {
		var brute, mash, invent float64
		for i := range 1000 {
			s := []byte(gen.make(newKeyStream(seed^0x30de1, uint64(g*1000+i))))
			e := &estimate{}
			b, _ := e.bruteCosts(s)
			sb, m, iv := sum(b), sum(mashCosts(s, b)), sum(inventCosts(s, b))
			brute, mash, invent = brute+sb, mash+m, invent+iv
			if sb-m >= runEvidence(s, true) {
				t.Errorf("%s: TESTING KEY %s: the typing model beats brute force by %.0f bits", gen.name, s, sb-m)
			}
			if sb-iv >= runEvidence(s, true) {
				t.Errorf("%s: TESTING KEY %s: the invented-key model beats brute force by %.0f bits", gen.name, s, sb-iv)
			}
		}
		if strings.HasPrefix(gen.name, "django") {
			continue // its alphabet is smaller than brute force assumes
		}
		if mash <= brute || invent <= brute {
			t.Errorf("%s: brute %.0f, typing %.0f, invented %.0f bits in all: a model is cheaper than brute force on random keys", gen.name, brute, mash, invent)
		}
	}
}

// TestMashing: hand-typed strings cost less under the typing model than
// brute force by more than chance allows, and Check says so.
func TestMashing(t *testing.T) {
	loadOnce.Do(load)
	for _, s := range []string{
		"ajsdkfhaskdjfhqwpoeiruajsdkfhaskdjfhqwpoeiruzmxncbvlaksjdhfgal",
		"lkjasdlkjasdlkjqweoiuqweoiuzxcmnbzxcmnbasdlkjqweoiuasdlkjzxcmnb",
		"fjdkslfjdkslaeirutyfjdkslghfjdkslaeirutyqpwoeirutyfjdkslghqpwo",
	} {
		b := []byte(s)
		e := &estimate{}
		brute, _ := e.bruteCosts(b)
		if m := sum(mashCosts(b, brute)); sum(brute)-m < runEvidence(b, true) {
			t.Errorf("%q: typing model %.0f bits, brute force %.0f: not enough evidence of mashing", s, m, sum(brute))
		}
		// A mashed block typed twice may read as the repeat it is.
		r, _ := Check(b)
		if r.Verdict != Weak || !containsKind(r, KindMash) && !containsKind(r, KindRepeat) {
			t.Errorf("%q: %s %v, want weak with a mashing or repeat finding", s, r.Summary(), kinds(r))
		}
	}
}

func containsKind(r Result, kind string) bool {
	for _, f := range r.Findings {
		if f.Kind == kind {
			return true
		}
	}
	return false
}

func TestStructureMatchers(t *testing.T) {
	loadOnce.Do(load)
	tests := []struct {
		name   string
		s      string
		match  func([]byte, *[]match)
		kind   string
		i, j   int
		wantOK bool
	}{
		{"interleaved up, up", "xxa1b2c3d4e5f6g7h8", matchInterleaved, KindSequence, 2, 18, true},
		{"interleaved up, down, wrapping", "a7b6c5d4e3f2a1b0", matchInterleaved, KindSequence, 0, 16, true},
		{"three strands", "a1Ab2Bc3Cd4De5E", matchInterleaved, KindSequence, 0, 15, true},
		{"not interleaved", "a1b3c2d4e9f0", matchInterleaved, KindSequence, 0, 0, false},
		{"ascii stride 2", "!#%')+-/13579", matchStrides, KindSequence, 0, 13, true},
		{"stride within one class", "acegikmo", matchStrides, KindSequence, 0, 0, false},
		{"class period 3", "7fK2mQ9xV4nR8pL1", matchClassPatterns, KindPattern, 0, 16, true},
		{"class period 2 in hex", "7f3e4d2a8b9c6e1f", matchClassPatterns, KindPattern, 0, 16, true},
		{"no period", "a1Bc2D3ef4G", matchClassPatterns, KindPattern, 0, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var ms []match
			tc.match([]byte(tc.s), &ms)
			found := false
			for _, m := range ms {
				found = found || m.kind == tc.kind && m.i == tc.i && m.j == tc.j
			}
			if found != tc.wantOK {
				t.Errorf("%q: matches %+v, want [%d,%d) %v", tc.s, ms, tc.i, tc.j, tc.wantOK)
			}
		})
	}
}

// TestStrands: a strand that steps along the keyboard or the alphabet is
// priced as a start and a step; an irregular one character by character.
func TestStrands(t *testing.T) {
	regular := "1Qc2Wf3Ei4Rl5To6Yr7Uu8Ix9Oa0Pd"   // upper steps along qwerty
	irregular := "1Qc2Xf3Bi4Ml5So6Yr7Au8Kx9Oa0Dd" // upper at random
	r := strandBits([]byte(regular), 1, 3, false)
	i := strandBits([]byte(irregular), 1, 3, false)
	if r >= 15 || i < 40 {
		t.Errorf("strand along the keyboard %.1f bits, irregular %.1f", r, i)
	}
}

// TestMashedStartRandomTail: a mashed run at the start of a secret whose
// end is random is found as that run, priced per character, with the end
// at brute force; the finding names the run only.
func TestMashedStartRandomTail(t *testing.T) {
	loadOnce.Do(load)
	for _, tc := range []struct{ mash, tail string }{
		// Tails: TESTING KEYs from openssl rand -base64 48, letters and digits kept.
		{"asdkfjhaslkdjfha", "XdYllagPDGiuXuDaneAz62nP7PNneG"},
		{"lskdjfalskdjfhgalsk", "XdYllagPDGiuXuDaneAz62nP7PNneG"},
	} {
		s := tc.mash + tc.tail
		r, err := Check([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		if r.Verdict != Weak {
			t.Errorf("%q: %s, want weak", s, r.Summary())
			continue
		}
		e := &estimate{}
		brute, _ := e.bruteCosts([]byte(tc.tail))
		if tail := sum(brute); r.Bits < tail {
			t.Errorf("%q: %.0f bits, less than its random tail alone (%.0f)", s, r.Bits, tail)
		}
		for _, f := range r.Findings {
			if f.Kind == KindMash && f.End > len(tc.mash)+2 {
				t.Errorf("%q: mashing finding runs to byte %d, into the random tail at %d", s, f.End, len(tc.mash))
			}
		}
		if !containsKind(r, KindMash) {
			t.Errorf("%q: %v, want a mashing finding", s, kinds(r))
		}
	}
}

// TestFewSymbolGenerators: generators that draw from a few symbols
// (slugs' dashes, Django's number row, a password manager's eight), or
// leave a few characters out (base58, base32), make keys that brute force
// over all 33 symbols, or over whole classes, overprices; and keys of
// random letters must not pass for text. The evidence of a
// hand-made run is measured against an alphabet of only the symbols the
// key uses, so on their keys the run models stay well short of it.
func TestFewSymbolGenerators(t *testing.T) {
	loadOnce.Do(load)
	seed := testSeed(t)
	const lower, digits = "abcdefghijklmnopqrstuvwxyz", "0123456789"
	for g, gen := range []struct {
		alphabet string
		n        int
	}{
		{lower + digits + "-", 52},
		{lower + digits + ".-_", 52},
		{lower + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + digits + "!@#$%^&*", 48},
		{"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz", 44}, // base58
		{"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 52},                           // base32
		{lower, 48},                                                        // letters alone: no text
		{lower + "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 48},
		{lower + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + digits + "-_", 48}, // base64url
	} {
		worst := math.Inf(-1)
		for i := range 2000 {
			s := []byte(newKeyStream(seed^0xfe3, uint64(g*2000+i)).choice(gen.alphabet, gen.n))
			e := &estimate{}
			brute, _ := e.bruteCosts(s)
			fair := fairCosts(s, brute)
			for _, costs := range [][]float64{mashCosts(s, brute), inventCosts(s, brute), textCosts(s, brute, false)} {
				sv := savingsOf(fair, costs)
				worst = max(worst, sv.total-runEvidence(s, true), sv.best-runEvidence(s, false))
			}
		}
		t.Logf("%q × %d: the closest run is %.1f bits short of the evidence of a hand-made run", gen.alphabet, gen.n, -worst)
		if worst > -6 {
			t.Errorf("%q × %d: the closest run is %.1f bits short of the evidence of a hand-made run, want 6 or more", gen.alphabet, gen.n, -worst)
		}
	}
}
