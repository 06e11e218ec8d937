package strength

import (
	"math"
	"unicode/utf8"
)

// Runs made by hand — keyboard mashing, keys invented to look random — are
// priced by the run models in two steps. First the model's own bits, in the
// decomposition like any run. Then, when the model beats brute force on a
// run, or on the whole secret, by more than chance allows, the run is taken
// for what it is and priced at what such strings carry: 3 bits a character,
// what hand-typed strings carry, and more than analyses of passwords made
// by assistants found in theirs. The models here are coarse ones, with no
// data to learn from; an attacker with models trained on real mashing and
// on assistants' output needs about this.
//
// Evidence: under uniform randomness the chance that a model beats brute
// force by x bits on a given run is at most 2^-x (the likelihood ratio
// bound); 20 bits more than the log of the number of runs keeps it below
// one in a million a secret. The invented-key model must also beat brute
// force by the slack: it learns the shares of the kinds of character, and
// some generators draw from a smaller alphabet than brute force assumes
// (Django's keys use 14 of the 33 symbols), so on their keys brute force
// is not the likelihood of the key.
type handModel struct {
	kind     string
	perChar  float64
	evidence func(n int, brute float64) float64
}

var (
	mashHand = handModel{kind: KindMash, perChar: 3, evidence: func(n int, _ float64) float64 {
		return mashEvidence(n)
	}}
	inventHand = handModel{kind: KindInvented, perChar: 3, evidence: func(n int, brute float64) float64 {
		return max(mashEvidence(n), slack(brute))
	}}
	handModels = []handModel{mashHand, inventHand}
)

// mashEvidence is the likelihood-ratio part of the evidence, for a secret
// of n bytes.
func mashEvidence(n int) float64 { return 20 + 2*math.Log2(float64(n+1)) }

// whole returns the whole secret as one run of the model when the model,
// over the whole of it, beats brute force by the evidence needed: the
// decomposition may cut such a secret into runs none of which is long
// enough to show it alone.
func (h handModel) whole(s []byte, brute, costs []float64) (match, bool) {
	b, m := 0.0, 0.0
	for i := range brute {
		b += brute[i]
		m += costs[i]
	}
	if b-m < h.evidence(len(s), b) {
		return match{}, false
	}
	chars := float64(utf8.RuneCount(s))
	return match{i: 0, j: len(s), kind: h.kind, bits: min(m, h.perChar*chars)}, true
}

// repriceHandMade prices each hand-made run of seq that the evidence
// supports at its model's bits a character, and returns the bits saved.
func repriceHandMade(s []byte, brute []float64, seq []match) float64 {
	saved := 0.0
	for i := range seq {
		m := &seq[i]
		for _, h := range handModels {
			if m.kind != h.kind {
				continue
			}
			b := 0.0
			for _, c := range brute[m.i:m.j] {
				b += c
			}
			if b-m.bits < h.evidence(len(s), b) {
				continue
			}
			chars := float64(utf8.RuneCount(s[m.i:m.j]))
			if p := h.perChar * chars; p < m.bits {
				saved += m.bits - p
				m.bits = p
			}
		}
	}
	return saved
}
