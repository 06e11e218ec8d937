package strength

import (
	"encoding/base64"
	"encoding/hex"
	"testing"
)

func sum(c []float64) float64 {
	t := 0.0
	for _, x := range c {
		t += x
	}
	return t
}

// TestRunModelsOnRandomKeys: on random keys the typing model and the
// character-kind model cost more than brute force, on average and on each
// key by less than the evidence a mashing run needs: they cannot turn a
// random key into a pattern by themselves.
func TestRunModelsOnRandomKeys(t *testing.T) {
	loadOnce.Do(load)
	for _, enc := range []func([]byte) string{hex.EncodeToString, base64.RawURLEncoding.EncodeToString, base64.StdEncoding.EncodeToString} {
		var brute, mash, class float64
		for range 2000 {
			s := []byte(enc(randBytes(32)))
			e := &estimate{}
			b, _ := e.bruteCosts(s)
			m, c := sum(mashCosts(s, b)), sum(classCosts(s, b))
			brute, mash, class = brute+sum(b), mash+m, class+c
			if sum(b)-m >= mashEvidence(len(s)) {
				t.Errorf("TESTING KEY %s: the typing model beats brute force by %.0f bits", s, sum(b)-m)
			}
		}
		if mash <= brute || class <= brute {
			t.Errorf("%q…: brute %.0f, typing %.0f, kinds %.0f bits in all: a model is cheaper than brute force on random keys", enc([]byte{1, 2, 3}), brute, mash, class)
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
		if m := sum(mashCosts(b, brute)); sum(brute)-m < mashEvidence(len(b)) {
			t.Errorf("%q: typing model %.0f bits, brute force %.0f: not enough evidence of mashing", s, m, sum(brute))
		}
		r, _ := Check(b)
		if r.Verdict != Weak || !containsKind(r, KindMash) {
			t.Errorf("%q: %s %v, want weak with a mashing finding", s, r.Summary(), kinds(r))
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
