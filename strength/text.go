package strength

import (
	"math"
	"unicode/utf8"
)

// Words run together ("ditisdegeheimesleutel", "thisismysecretkey") are
// text even where no list holds each word: the short words of a language,
// inflections, names, words of languages without a list. The text model
// prices letters by a letter trigram model of the words of the lists
// (English, names, TV and film, and the other languages), with a word
// boundary that may fall anywhere unseen, so a run of sentences, written
// together or with separators, costs what the letters of words carry.
//
// It is one of the run models beside brute force, mashing and invented
// keys, and needs the same evidence: it is a probability distribution
// over the secret's own alphabet (a sequential one: what it learns along
// the string, it learns from what came before), so a random key beats
// fair brute force with it by x bits with chance at most 2^-x. Random
// letters cost it more than brute force does, since most letter triples
// are rare in words.

// textBoundary is the trigram context and outcome of a word's edge.
const textBoundary = 26

// letterModel holds P(c | a b) for letters a, b, c (0…25) and the word
// boundary (26): the context of a word's first letter is two boundaries,
// and outcome 26 ends the word.
type letterModel struct {
	p [27 * 27 * 27]float32
}

var letters *letterModel

// textLists are the frequency lists the letter model learns from: words
// of text, not passwords.
var textLists = []string{"english_wikipedia", "us_tv_and_film", "female_names", "male_names", "surnames"}

// buildLetterModel counts letter trigrams over the words of the lists,
// each word weighted by 1/sqrt(rank) (frequent words weigh more, as in
// text), and smooths them with bigrams and letter frequencies.
func buildLetterModel() *letterModel {
	var tri [27 * 27 * 27]float64
	add := func(w string, weight float64) {
		for i := 0; i < len(w); i++ {
			if w[i] < 'a' || w[i] > 'z' {
				return // a word with other characters teaches nothing here
			}
		}
		a, b := textBoundary, textBoundary
		for i := 0; i < len(w); i++ {
			c := int(w[i] - 'a')
			tri[(a*27+b)*27+c] += weight
			a, b = b, c
		}
		tri[(a*27+b)*27+textBoundary] += weight
	}
	for _, name := range textLists {
		l := freqLists()[name]
		for i := range l.Len() {
			add(l.At(i), 1/math.Sqrt(float64(i+1)))
		}
	}
	for _, l := range frequencyLists {
		if !l.foreign {
			continue
		}
		list := langLists()[l.name]
		for i := range list.Len() {
			add(list.At(i), 1/math.Sqrt(float64(i+1))) // words with accents are skipped
		}
	}
	// Back-off: P(c|ab) = (N(abc) + k P(c|b)) / (N(ab·) + k), and so for
	// P(c|b) with P(c), each with add-one letter frequencies at the bottom.
	var bi [27 * 27]float64
	var uni [27]float64
	for k, n := range tri {
		bi[k%(27*27)] += n
		uni[k%27] += n
	}
	const kTri, kBi = 0.5, 0.5
	var m letterModel
	total := 0.0
	for _, n := range uni {
		total += n
	}
	for b := range 27 {
		nb := 0.0
		for c := range 27 {
			nb += bi[b*27+c]
		}
		for a := range 27 {
			nab := 0.0
			for c := range 27 {
				nab += tri[(a*27+b)*27+c]
			}
			for c := range 27 {
				pc := (uni[c] + 1) / (total + 27)
				pbc := (bi[b*27+c] + kBi*pc) / (nb + kBi)
				p := (tri[(a*27+b)*27+c] + kTri*pbc) / (nab + kTri)
				m.p[(a*27+b)*27+c] = float32(p)
			}
		}
	}
	return &m
}

// prob is P(c | a b).
func (m *letterModel) prob(a, b, c int) float64 {
	return float64(m.p[(a*27+b)*27+c])
}

// textCosts prices each byte of s under the text model: whether a letter
// or not comes next (learnt along the string, by what came before: a
// letter, something else, or the start), its case when the secret has
// both (learnt likewise), which letter (the trigram, or a word ending
// unseen and a new one starting; a capital after a small letter starts
// one), and which symbol, of the ones the secret
// holds (learnt likewise). Digits are not text: they cost brute force
// and a bit. Other non-ASCII
// characters cost brute force and a bit, and so does all of a secret of
// hex, or one the model is off for (off: judged by its decoded bytes, or
// too short for a sentence; the zxcvbn cap judges those).
func textCosts(s []byte, brute []float64, off bool) []float64 {
	costs := make([]float64, len(s))
	if off || hexWithSeparators(s) {
		for k := range costs {
			costs[k] = brute[k] + 1
		}
		return costs
	}
	var lower, upper, digits bool
	var seen [128]bool
	symbols := 0
	for _, c := range s {
		switch cl := charClass(c); cl {
		case clsLower:
			lower = true
		case clsUpper:
			upper = true
		case clsDigit:
			digits = true
		case clsSymbol:
			if !seen[c] {
				seen[c] = true
				symbols++
			}
		}
	}
	others := float64(symbols)
	bothCases := lower && upper
	// Sequential counts, started at one half (Krichevsky–Trofimov): a
	// letter or not by what came before (the start, a letter, something
	// else); upper case or not by the letter before (none, lower, upper).
	var isLetter, isUpper [3][2]float64
	for i := range isLetter {
		isLetter[i] = [2]float64{0.5, 0.5}
		isUpper[i] = [2]float64{0.5, 0.5}
	}
	var otherCount [128]float64
	othersSeen := 0.0
	ctx, caseCtx := 0, 0
	a, b := textBoundary, textBoundary
	for k, c := range s {
		if brute[k] == 0 {
			continue // inside a character already priced
		}
		if c >= utf8.RuneSelf {
			costs[k] = brute[k] + 1
			ctx, caseCtx, a, b = 2, 0, textBoundary, textBoundary
			continue
		}
		if isDigit(c) {
			// Digits are not text: brute force and a bit, and the rest of
			// the model shares what is left.
			costs[k] = brute[k] + 1
			ctx, caseCtx, a, b = 2, 0, textBoundary, textBoundary
			continue
		}
		rest := 1.0
		if digits {
			rest -= 10 * math.Exp2(-brute[k]-1)
		}
		l := c | 0x20
		letter := l >= 'a' && l <= 'z'
		n := &isLetter[ctx]
		p := rest * n[1] / (n[0] + n[1])
		if !letter {
			n[0]++
			p = (rest - p) * (otherCount[c] + 0.5) / (othersSeen + 0.5*others)
			otherCount[c]++
			othersSeen++
			ctx, caseCtx, a, b = 2, 0, textBoundary, textBoundary
			costs[k] = -math.Log2(p)
			continue
		}
		n[1]++
		x := int(l - 'a')
		camel := false // a capital after a small letter starts a word
		if bothCases {
			u := &isUpper[caseCtx]
			up := 0
			if c < 'a' {
				up = 1
				camel = caseCtx == 1
			}
			p *= u[up] / (u[0] + u[1])
			u[up]++
			caseCtx = 1 + up
		}
		if camel {
			a, b = textBoundary, textBoundary
			p *= letters.prob(a, b, x)
		} else {
			p *= letters.prob(a, b, x) + letters.prob(a, b, textBoundary)*letters.prob(textBoundary, textBoundary, x)
		}
		a, b, ctx = b, x, 1
		costs[k] = -math.Log2(p)
	}
	return costs
}
