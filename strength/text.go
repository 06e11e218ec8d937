package strength

import (
	"math"
	"slices"
	"unicode"
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

// letterModel holds, for letters a, b, c (0…25) and the word boundary
// (26), the probability of letter c after a b in text: P(c | a b), or the
// word ending unseen and a new one starting with c, P(end | a b) P(c | start).
// The context of a word's first letter is two boundaries.
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
	prob := make([]float64, len(tri)) // P(c | a b), ends included
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
				prob[(a*27+b)*27+c] = (tri[(a*27+b)*27+c] + kTri*pbc) / (nab + kTri)
			}
		}
	}
	start := (textBoundary*27 + textBoundary) * 27
	for ab := range 27 * 27 {
		end := prob[ab*27+textBoundary]
		for c := range 26 {
			m.p[ab*27+c] = float32(prob[ab*27+c] + end*prob[start+c])
		}
	}
	return &m
}

// prob is the probability of letter c after a b, a word boundary unseen
// or not.
func (m *letterModel) prob(a, b, c int) float64 {
	return float64(m.p[(a*27+b)*27+c])
}

// textCosts prices each byte of s under the text model: whether a letter
// or not comes next (learnt along the string, by what came before: a
// letter, something else, or the start), its case when the secret has
// both (learnt likewise), its script when the secret's letters have more
// than one (learnt likewise, by the script of the letter before), which
// letter (the letter model; a capital after a small letter starts a
// word), and which symbol, of the ones the secret holds (learnt
// likewise). A letter of Greek, Cyrillic or accented Latin is read as the
// ASCII letter it is written with in Latin letters (ключ as kluc, κλειδί
// as kleidi, é as e), the letter model prices that, and a share says
// which of the script's letters written so it is (learnt likewise, from
// fixed shares). Digits are not text, nor are tabs and other non-ASCII
// characters: they cost brute force and a bit, and so does all of a
// secret of hex, or one the model is off for (off: judged by its decoded
// bytes, or too short for a sentence; the zxcvbn cap judges those).
func textCosts(s []byte, brute []float64, off bool) []float64 {
	if off || hexWithSeparators(s) {
		return bruteAndABit(brute)
	}
	costs := make([]float64, len(s))
	ab := alphabetOf(s)
	ls := ab.scripts
	var scripts [nTextScripts]bool
	for sc := range scriptASCII {
		scripts[sc] = ls.lower[sc] || ls.upper[sc] // letterScripts counts Latin (accented), Greek, Cyrillic in this order
	}
	scripts[scriptASCII] = ab.classes[clsLower] || ab.classes[clsUpper]
	bothCases := (ab.classes[clsLower] || slices.Contains(ls.lower[:], true)) &&
		(ab.classes[clsUpper] || slices.Contains(ls.upper[:], true))
	nScripts := 0
	for _, on := range scripts {
		nScripts += btoi(on)
	}
	// Sequential counts, started at one half (Krichevsky–Trofimov): a
	// letter or not by what came before (the start, a letter, something
	// else); upper case or not by the letter before (none, lower, upper);
	// the script by the script of the letter before.
	var isLetter, isUpper [3][2]float64
	for i := range isLetter {
		isLetter[i] = [2]float64{0.5, 0.5}
		isUpper[i] = [2]float64{0.5, 0.5}
	}
	var inScript [nTextScripts + 1][nTextScripts]float64
	var otherCount [128]float64
	othersSeen := 0.0
	var written map[rune]float64 // how often each letter of another script came, for its share
	var writtenAs [nTextScripts][26]float64
	ctx, caseCtx, scriptCtx := 0, 0, nTextScripts
	a, b := textBoundary, textBoundary
	for k, c := range s {
		if brute[k] == 0 {
			continue // inside a character already priced
		}
		x, script, share, up := int(c|0x20)-'a', scriptASCII, 1.0, c < 'a'
		letter := c < utf8.RuneSelf && x >= 0 && x < 26
		if c >= utf8.RuneSelf {
			r, _ := utf8.DecodeRune(s[k:])
			lr := unicode.ToLower(r)
			if t, ok := transliteration[lr]; ok {
				x, script, up, letter = int(t.letter), t.script, r != lr, true
				// Its share among the letters written as x, learnt along
				// the string from the fixed shares: Ukrainian's і comes as
				// often as Russian's и.
				if written == nil {
					written = map[rune]float64{}
				}
				share = (written[lr] + float64(t.share)) / (writtenAs[script][x] + 1)
				written[lr]++
				writtenAs[script][x]++
			}
		}
		if !letter && charClass(c) != clsSymbol {
			// A digit, a tab or another character: brute force and a
			// bit, and the rest of the model shares what is left.
			costs[k] = brute[k] + 1
			ctx, caseCtx, a, b = 2, 0, textBoundary, textBoundary
			continue
		}
		rest := 1.0
		if ab.classes[clsDigit] {
			rest -= 10 * math.Exp2(-brute[k]-1)
		}
		n := &isLetter[ctx]
		p := rest * n[1] / (n[0] + n[1])
		if !letter {
			n[0]++
			p = (rest - p) * (otherCount[c] + 0.5) / (othersSeen + 0.5*float64(ab.symbols))
			otherCount[c]++
			othersSeen++
			ctx, caseCtx, a, b = 2, 0, textBoundary, textBoundary
			costs[k] = -math.Log2(p)
			continue
		}
		n[1]++
		if bothCases {
			u := &isUpper[caseCtx]
			i := btoi(up)
			p *= u[i] / (u[0] + u[1])
			u[i]++
			if up && caseCtx == 1 {
				a, b = textBoundary, textBoundary // a capital after a small letter starts a word
			}
			caseCtx = 1 + i
		}
		if nScripts > 1 {
			sc := &inScript[scriptCtx]
			total := 0.0
			for j, on := range scripts {
				if on {
					total += sc[j] + 0.5
				}
			}
			p *= (sc[script] + 0.5) / total
			sc[script]++
			scriptCtx = script
		}
		p *= letters.prob(a, b, x) * share
		a, b, ctx = b, x, 1
		costs[k] = -math.Log2(p)
	}
	return costs
}

// The scripts of the text model's letters.
const (
	scriptAccented = iota // Latin letters with marks: letterScripts' order
	scriptGreek
	scriptCyrillic
	scriptASCII
	nTextScripts
)

// A textLetter is how the text model reads a letter of another script:
// the ASCII letter it is written with in Latin letters, and its share of
// that letter among the script's letters written so.
type textLetter struct {
	script int
	letter uint8
	share  float32
}

// transliteration maps the small letters of accented Latin, Greek and
// Cyrillic to the ASCII letters they are written with, and the share each
// starts with among the letters written alike. Within Greek and Cyrillic,
// the first letter of a group starts with 0.7 and the others split the
// rest (е is e far more often than э or ё); accented Latin letters
// (European and Vietnamese) split it evenly.
var transliteration = func() map[rune]textLetter {
	t := map[rune]textLetter{}
	add := func(script int, groups map[byte]string, first float32) {
		for l, g := range groups {
			rs := []rune(g)
			for i, r := range rs {
				share := 1 / float32(len(rs))
				if first > 0 && len(rs) > 1 {
					share = (1 - first) / float32(len(rs)-1)
					if i == 0 {
						share = first
					}
				}
				t[r] = textLetter{script: script, letter: l - 'a', share: share}
			}
		}
	}
	add(scriptAccented, map[byte]string{
		'a': "àáâãäåąăảạằắẳẵặầấẩẫậ", 'c': "çćč", 'd': "ďđ",
		'e': "èéêëęěẻẽẹềếểễệ", 'g': "ğ", 'i': "ìíîïıỉĩị", 'l': "ł", 'n': "ñńň",
		'o': "òóôõöøőỏọồốổỗộơờớởỡợ", 'r': "ř", 's': "ßśšşș", 't': "ťţț",
		'u': "ùúûüůűủũụưừứửữự", 'y': "ýÿỳỷỹỵ", 'z': "źżž",
	}, 0)
	add(scriptGreek, map[byte]string{
		'a': "αά", 'b': "β", 'g': "γ", 'd': "δ", 'e': "εέ", 'z': "ζ",
		'i': "ιηίήϊΐ", 't': "τθ", 'k': "κ", 'l': "λ", 'm': "μ", 'n': "ν",
		'x': "ξ", 'o': "οωόώ", 'p': "πψ", 'r': "ρ", 's': "σς", 'u': "υύϋΰ",
		'f': "φ", 'h': "χ",
	}, 0.7)
	add(scriptCyrillic, map[byte]string{
		'a': "ая", 'b': "б", 'v': "в", 'g': "гґ", 'd': "д", 'e': "еэёє",
		'z': "зж", 'i': "иії", 'j': "ьйъ", 'k': "к", 'l': "л", 'm': "м",
		'n': "н", 'o': "о", 'p': "п", 'r': "р", 's': "сшщ", 't': "т",
		'u': "ую", 'f': "ф", 'h': "х", 'c': "чц", 'y': "ы",
	}, 0.7)
	return t
}()
