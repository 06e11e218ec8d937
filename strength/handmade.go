package strength

import (
	"math"
	"unicode/utf8"
)

// Runs made by hand — keyboard mashing, keys invented to look random — are
// priced by the run models in two steps. First the model's own bits, in the
// decomposition like any run. Then, when the model beats brute force on a
// run, or on the whole secret, by more than chance allows, the run is taken
// for what it is and priced at what such strings carry: 2.5 bits a
// character for mashing, the middle of the 2 to 3 that hand-typed strings
// carry, and 3 for invented keys, more than analyses of passwords made by
// assistants found in theirs. The models here are coarse ones, with no
// data to learn from; an attacker with models trained on real mashing and
// on assistants' output needs about this.
//
// Evidence: under uniform randomness the chance that a model beats brute
// force by x bits on a given run is at most 2^-x (the likelihood ratio
// bound). 20 bits, and one for which of the two models, keep it below one
// in a million a secret when the whole secret is the one run tested; a run
// the decomposition picks is one of about n² it could pick, which costs
// 2·log2(n) bits more. The bound needs brute force to be the likelihood
// of a random key, and with symbols it is not: generators draw from a few
// of them (slugs' dashes, Django's 14 on the number row, a password
// manager's 8), and brute force prices every character as if all 33 could
// come. So the evidence is measured against brute force over the
// secret's own symbols (fairCosts): a key from such a generator is at
// least as likely under that, and the bound holds again, with symbols as
// without them. Both models need the same evidence, then: the
// invented-key model comes within a few bits of it on random keys (13
// bits saved on one key in 140,000 from Python's token_urlsafe), far from
// the 21 a whole secret needs, and a key-generator site's wheel of
// letters, digits and symbols stepping by three, or an assistant's
// Xk9#mP2$…, is invented like any other.
type handModel struct {
	kind    string
	perChar float64
}

var (
	mashHand   = handModel{kind: KindMash, perChar: 2.5}
	inventHand = handModel{kind: KindInvented, perChar: 3}
	textHand   = handModel{kind: KindText, perChar: 2}
	handModels = []handModel{mashHand, inventHand, textHand}
)

// runEvidence is the likelihood-ratio part of the evidence for a run of s,
// or for the whole of it.
func runEvidence(s []byte, whole bool) float64 {
	const lr = 21
	if whole {
		return lr
	}
	return lr + 2*math.Log2(float64(len(s)+1))
}

// bestRun returns the part of s that the model beats brute force on by the
// most (fair: brute force over the secret's own symbols), as one hand-made
// run, when that saving is past the evidence: the
// decomposition may cut such a run into pieces none of which is long
// enough to show it alone. The whole secret is the run when the model,
// over all of it, beats brute force by the evidence of a whole and no part
// saves more than that by as much again; a hand-made start and a random
// end are a run and a random tail.
func (h handModel) bestRun(s []byte, brute, fair, costs []float64) (handRun, bool) {
	sv := savingsOf(fair, costs)
	b := 0.0
	for _, c := range brute {
		b += c
	}
	bi, bj := sv.i, sv.j
	switch ev := runEvidence(s, true); {
	case sv.total >= ev && sv.best-sv.total <= ev:
		bi, bj = 0, len(s)
	case sv.best < runEvidence(s, false):
		return handRun{}, false
	}
	in, model := 0.0, 0.0
	for k := bi; k < bj; k++ {
		in += brute[k]
		model += costs[k]
	}
	chars := float64(utf8.RuneCount(s[bi:bj]))
	m := match{i: bi, j: bj, kind: h.kind, bits: min(model, h.perChar*chars)}
	return handRun{m, m.bits + b - in, model + b - in}, true
}

// savings is what a run model saves over fair brute force: on the whole
// secret, and on its best run [i, j).
type savings struct {
	total, best float64
	i, j        int
}

// savingsOf finds the best run as the maximum-sum subarray of the
// per-byte savings, in one pass.
func savingsOf(fair, costs []float64) savings {
	var sv savings
	run, ri := 0.0, 0
	for k := range fair {
		d := fair[k] - costs[k]
		sv.total += d
		if run <= 0 {
			run, ri = 0, k
		}
		run += d
		if run > sv.best {
			sv.best, sv.i, sv.j = run, ri, k+1
		}
	}
	return sv
}

// A handRun is a secret read as one hand-made run and random bytes around
// it: the run priced per character, and the bits of the secret so priced
// and under the model.
type handRun struct {
	match
	bits, model float64
}

// repriceHandMade prices each hand-made run of seq that the evidence
// supports at its model's bits a character, and returns the bits saved and
// whether any run was.
func repriceHandMade(s []byte, fair []float64, seq []match) (saved float64, any bool) {
	for i := range seq {
		m := &seq[i]
		for _, h := range handModels {
			if m.kind != h.kind {
				continue
			}
			f := 0.0
			for k := m.i; k < m.j; k++ {
				f += fair[k]
			}
			if f-m.bits < runEvidence(s, false) {
				continue
			}
			chars := float64(utf8.RuneCount(s[m.i:m.j]))
			any = true
			if p := h.perChar * chars; p < m.bits {
				saved += m.bits - p
				m.bits = p
			}
		}
	}
	return saved, any
}

// bruteAndABit prices every byte at brute force and a bit: what a run
// model costs where it does not apply.
func bruteAndABit(brute []float64) []float64 {
	costs := make([]float64, len(brute))
	for k, c := range brute {
		costs[k] = c + 1
	}
	return costs
}

// fairCosts is brute force as the evidence of hand-made runs measures it:
// over an alphabet that holds only the symbols the secret uses. Generators
// draw from a few symbols (Django's keys from 14 of the 33, all on the
// number row; password managers from 8), so over all 33 brute force
// overprices their keys, and a model that learns which symbols come would
// beat it by chance.
func fairCosts(s []byte, brute []float64) []float64 {
	ab := alphabetOf(s)
	if ab.symbols == 0 {
		return brute
	}
	alpha := ab.symbols + ab.scripts.size() // letters of Greek, Cyrillic and accented Latin as brute force counts them
	for cl, n := range [...]int{clsLower: 26, clsUpper: 26, clsDigit: 10} {
		if ab.classes[cl] {
			alpha += n
		}
	}
	per := math.Log2(float64(alpha))
	fair := make([]float64, len(brute))
	for k, c := range s {
		fair[k] = brute[k]
		switch {
		case c < utf8.RuneSelf:
			fair[k] = min(brute[k], per)
		case utf8.RuneStart(c):
			if r, _ := utf8.DecodeRune(s[k:]); ab.scripts.has(r) {
				fair[k] = min(brute[k], per)
			}
		}
	}
	return fair
}
