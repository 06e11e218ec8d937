package strength

import (
	"encoding/base64"
	"encoding/hex"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

const kindSeparator = "separator" // internal: never a finding

// A match is one part of a secret an attacker can guess as a whole.
type match struct {
	i, j  int    // byte offsets [i, j)
	kind  string // a Kind constant or kindSeparator
	bits  float64
	zbits float64 // cost in the zxcvbn model; +Inf where it has no such pattern

	// What the finding says, by kind: text is the dictionary word, the
	// keyboard layout, the repeated block or the encoding; num is the rank,
	// the number of copies, the year or the UUID version.
	text     string
	num      int
	when     int64 // timestamp: Unix seconds
	dict     dictID
	l33t     bool
	reversed bool
	inner    *estimate
	newline  bool // encoding: of text and one trailing newline
}

// An estimate is the analysis of one string: the cheapest way an attacker
// can describe it (minimum guesses over all decompositions into matches
// and random runs), and the brute-force cost of its alphabet.
type estimate struct {
	n         int
	runes     int
	brute     float64 // bits to brute-force it over its alphabet, or its decoded bytes
	alphabet  int     // characters in that alphabet; 0 when judged by decoded bytes
	sbits     float64 // cheapest decomposition, secret model
	zbits     float64 // cheapest decomposition, zxcvbn model
	bits      float64 // the estimate reported
	patterned bool    // the decomposition beats brute force by more than chance
	seq       []match // matches in the cheapest decomposition
	published int     // rank in the published list if the whole string is there
	decoded   string  // "hex", "base64"…: judged by its decoded random bytes
}

// Cost constants of the secret model, in bits. A match pays for which kind
// of pattern it is; a random run followed by more pays for its length.
// These make a random key's chance hits (a year, "cafe" in hex) cost more
// than the characters they replace.
const kindBits = 3

// dictBits is what naming a dictionary word costs beyond log2 of its rank:
// ranks follow Zipf's law, so a code that spends log2(rank) bits on rank r
// needs about log2(ln 30,000 × 7 lists) ≈ 6 more to be a real code.
const dictBits = 6

// zipfBits is the Zipf normalization alone, for a word right after another
// pattern: log2 of the harmonic number of 30,000.
const zipfBits = 3.4

// minPart is the shortest match the secret model uses: two-letter words and
// the like are everywhere in random text. The zxcvbn model still uses them.
const minPart = 3

// dateFormatBits pays for the order of day, month and year and the year's
// width, which the zxcvbn estimate leaves out.
const dateFormatBits = 2.6

// slack is how much cheaper than brute force a decomposition must be before
// the patterns count: random keys hit short patterns by chance, and chance
// rarely saves more than a few bits.
func slack(brute float64) float64 {
	if brute < 64 {
		return brute / 4
	}
	return max(16, brute/6)
}

// analyze estimates s. depth counts nested analyses (repeat blocks,
// decoded text) so recursion stays bounded.
func analyze(s []byte, depth int) *estimate {
	e := &estimate{n: len(s), runes: utf8.RuneCount(s)}
	low := make([]byte, len(s))
	for i, c := range s {
		low[i] = normTable[c]
	}
	if r, ok := dict.whole[string(low)]; ok {
		e.published = r
	} else if r, ok := dict.whole[stripSeparators(string(low))]; ok {
		e.published = r
	}

	costs, text := e.bruteCosts(s)
	ms := make([]match, 0, 2*len(s)+16)
	needZ := e.runes < MinLength || depth > 0 && e.n <= maxBlock
	matchDictionary(s, low, needZ, &ms)
	matchKeyboards(s, &ms)
	matchSequences(s, &ms)
	if depth < 2 {
		matchRepeats(s, depth, needZ, &ms)
	}
	matchDigits(s, &ms)
	matchUUIDs(s, &ms)
	matchSeparators(s, &ms)
	if text != nil && depth < 2 {
		inner := analyze(text.data, depth+1)
		b := inner.bits + 1 // which encoding
		if inner.published > 0 {
			b = math.Log2(float64(inner.published)) + 1
		}
		ms = append(ms, match{i: 0, j: len(s), kind: KindEncoding, bits: b, zbits: b, text: text.name, inner: inner, newline: text.newline})
	}
	if e.published > 0 {
		// The verdict says it is published; describe how it is built.
		ms = slices.DeleteFunc(ms, func(m match) bool {
			return m.kind == KindDictionary && m.dict == dictPublished && m.i == 0 && m.j == len(s)
		})
	}

	e.sbits, e.seq = bestDecomposition(costs, ms)
	e.zbits = e.sbits
	if needZ {
		e.zbits = min(zxcvbnDecomposition(s, ms), e.sbits)
	}
	e.patterned = e.sbits < e.brute-slack(e.brute) ||
		e.runes < MinLength && e.zbits < e.brute-slack(e.brute) && len(e.seq) > 0
	e.bits = e.brute
	if e.patterned {
		e.bits = e.sbits
	}
	if e.runes < MinLength {
		e.bits = min(e.bits, e.zbits)
	}
	return e
}

type decodedText struct {
	name    string
	data    []byte
	newline bool // the text ended in one newline, dropped: echo text | base64
}

// bruteCosts returns the cost in bits of guessing each byte at random, and
// the decoded text if s is hex or base64 of text. A cleanly decodable hex or
// base64 string of random bytes costs its decoded bits; anything else costs
// log2 of its alphabet per character (digits, lower, upper, symbols, each
// counted if present) and 12 bits per non-ASCII character.
func (e *estimate) bruteCosts(s []byte) ([]float64, *decodedText) {
	var digits, lower, upper, symbol bool
	for _, c := range s {
		switch {
		case isDigit(c):
			digits = true
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= 'A' && c <= 'Z':
			upper = true
		case c < utf8.RuneSelf:
			symbol = true
		}
	}
	alpha := 0
	if isHexString(s) && (!lower || !upper) {
		alpha = 16
	} else {
		for _, g := range []struct {
			on bool
			n  int
		}{{digits, 10}, {lower, 26}, {upper, 26}, {symbol, 33}} {
			if g.on {
				alpha += g.n
			}
		}
	}
	per := math.Log2(float64(max(alpha, 1)))
	costs := make([]float64, len(s))
	for i, c := range s {
		switch {
		case c < utf8.RuneSelf:
			costs[i] = per
		case utf8.RuneStart(c):
			costs[i] = 12
		}
	}
	e.alphabet = alpha

	name, data, ok := decodeWhole(s)
	var text *decodedText
	if ok && isText(data) {
		text = &decodedText{name: name, data: data}
	} else if t, nl := dropNewline(data); ok && nl && len(t) > 0 && isText(t) {
		text = &decodedText{name: name, data: t, newline: true}
	} else if ok && (alpha == 16 || lower && upper) {
		e.alphabet = 0
		e.decoded = name
		total := 8 * float64(len(data))
		pad := strings.Count(string(s), "=")
		for i := range costs {
			costs[i] = total / float64(len(s)-pad)
			if s[i] == '=' {
				costs[i] = 0
			}
		}
	}
	for _, c := range costs {
		e.brute += c
	}
	return costs, text
}

func isHexString(s []byte) bool {
	for _, c := range s {
		if !isHex(c) {
			return false
		}
	}
	return true
}

// decodeWhole reads s as hex, base64 or base64url (Laravel's "base64:"
// prefix too) when it is exactly that, of at least 8 bytes.
func decodeWhole(s []byte) (string, []byte, bool) {
	str := string(s)
	if rest, ok := strings.CutPrefix(str, "base64:"); ok {
		if b, err := base64.StdEncoding.Strict().DecodeString(rest); err == nil && len(b) >= 8 {
			return "base64", b, true
		}
		return "", nil, false
	}
	if len(s) >= 16 && len(s)%2 == 0 && isHexString(s) {
		b, err := hex.DecodeString(str)
		return "hex", b, err == nil
	}
	if len(s) < 12 {
		return "", nil, false
	}
	for _, enc := range []struct {
		name string
		e    *base64.Encoding
	}{
		{"base64", base64.StdEncoding.Strict()},
		{"base64", base64.RawStdEncoding.Strict()},
		{"base64url", base64.URLEncoding.Strict()},
		{"base64url", base64.RawURLEncoding.Strict()},
	} {
		if b, err := enc.e.DecodeString(str); err == nil && len(b) >= 8 {
			return enc.name, b, true
		}
	}
	return "", nil, false
}

// dropNewline removes one trailing newline (LF or CRLF), the one echo and
// most editors add before text is piped to base64 or xxd -p.
func dropNewline(b []byte) ([]byte, bool) {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		if n > 1 && b[n-2] == '\r' {
			return b[:n-2], true
		}
		return b[:n-1], true
	}
	return b, false
}

// isText reports whether decoded bytes read as printable text: hex of a
// word is the word.
func isText(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	for _, r := range string(b) {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

// bestDecomposition finds the cheapest description of the string in the
// secret model: each match costs its guesses plus kindBits; each run of
// characters not in a match costs its brute-force bits, plus log2(n+1) to
// say where it ends unless it runs to the end. Dynamic programming over
// positions, linear in length plus matches.
func bestDecomposition(costs []float64, ms []match) (float64, []match) {
	n := len(costs)
	pre := make([]float64, n+1)
	for i, c := range costs {
		pre[i+1] = pre[i] + c
	}
	byEnd := groupByEnd(ms, n, func(match) bool { return true })
	lenBits := math.Log2(float64(n + 1))
	inf := math.Inf(1)
	fm := make([]float64, n+1)   // cheapest cover of [0,k) ending in a match (or k == 0)
	fb := make([]float64, n+1)   // cheapest cover of [0,k) ending in a random run
	fmFrom := make([]int, n+1)   // the match ending at k
	fmAfter := make([]bool, n+1) // whether that match follows a random run
	fbFrom := make([]int, n+1)   // where the random run ending at k starts
	fb[0] = inf
	runMin, runArg := 0.0, 0
	for k := 1; k <= n; k++ {
		fm[k], fmFrom[k] = inf, -1
		for _, mi := range byEnd.at(k) {
			m := ms[mi]
			if m.j-m.i < minPart && m.kind != kindSeparator {
				continue
			}
			chained, entered := partBits(m)
			if c := fm[m.i] + m.bits + chained; c < fm[k] {
				fm[k], fmFrom[k], fmAfter[k] = c, int(mi), false
			}
			if c := fb[m.i] + m.bits + entered; c < fm[k] {
				fm[k], fmFrom[k], fmAfter[k] = c, int(mi), true
			}
		}
		tail := lenBits
		if k == n {
			tail = 0
		}
		fb[k], fbFrom[k] = runMin+pre[k]+tail, runArg
		if v := fm[k] - pre[k]; v < runMin {
			runMin, runArg = v, k
		}
	}
	var seq []match
	k, inRun := n, fb[n] < fm[n]
	for k > 0 {
		if inRun {
			k, inRun = fbFrom[k], false
			continue
		}
		m := ms[fmFrom[k]]
		if m.kind != kindSeparator {
			seq = append(seq, m)
		}
		k, inRun = m.i, fmAfter[k]
	}
	slices.Reverse(seq)
	return min(fm[n], fb[n]), seq
}

// partBits is what a match costs beyond its guesses: chained, right after
// another match or at the start, where its position is known; entered,
// after a random run.
func partBits(m match) (chained, entered float64) {
	switch m.kind {
	case kindSeparator:
		return 0, 0
	case KindDictionary:
		return 1 + zipfBits, kindBits + dictBits
	case KindDate:
		return 1 + dateFormatBits, kindBits + dateFormatBits
	}
	return 1, kindBits
}

// zxcvbn's constants: brute force counts 10 guesses a character, a match
// inside a longer password costs at least 10 or 50 guesses, and a sequence
// of l parts costs l! × Π guesses + 10000^(l-1).
const (
	zBrutePerChar = 3.321928094887362 // log2(10)
	zMinSingle    = 3.321928094887362 // log2(10)
	zMinMulti     = 5.643856189774724 // log2(50)
	zGrowing      = 13.28771237954945 // log2(10000)
)

// zxcvbnDecomposition is the 2016 zxcvbn paper's minimum-guesses search
// over the same matches. jwtkey reports the smaller of the two models for
// short secrets, so it never rates one stronger than zxcvbn would.
func zxcvbnDecomposition(s []byte, ms []match) float64 {
	n := len(s)
	if n == 0 {
		return 0
	}
	bruteZ := func(l int) float64 {
		b := float64(l) * zBrutePerChar
		if l == 1 {
			return max(b, math.Log2(11))
		}
		return max(b, math.Log2(51))
	}
	maxL := int(bruteZ(n)/zGrowing) + 2
	maxL = min(maxL, n)
	inf := math.Inf(1)
	// pm[k][l]: cheapest log2 product covering [0,k) with l parts, last a
	// match; pb: last a random run (two runs never touch).
	pm := make([][]float64, n+1)
	pb := make([][]float64, n+1)
	for k := range pm {
		pm[k] = make([]float64, maxL+1)
		pb[k] = make([]float64, maxL+1)
		for l := range pm[k] {
			pm[k][l], pb[k][l] = inf, inf
		}
	}
	pm[0][0] = 0
	byEnd := groupByEnd(ms, n, func(m match) bool { return !math.IsInf(m.zbits, 1) })
	for k := 1; k <= n; k++ {
		for _, mi := range byEnd.at(k) {
			m := ms[mi]
			g := m.zbits
			if m.j-m.i < n {
				if m.j-m.i == 1 {
					g = max(g, zMinSingle)
				} else {
					g = max(g, zMinMulti)
				}
			}
			for l := 1; l <= maxL; l++ {
				if c := min(pm[m.i][l-1], pb[m.i][l-1]) + g; c < pm[k][l] {
					pm[k][l] = c
				}
			}
		}
		for i := 0; i < k; i++ {
			b := bruteZ(k - i)
			for l := 1; l <= maxL; l++ {
				if c := pm[i][l-1] + b; c < pb[k][l] {
					pb[k][l] = c
				}
			}
		}
	}
	best := inf
	for l := 1; l <= maxL; l++ {
		p := min(pm[n][l], pb[n][l])
		if math.IsInf(p, 1) {
			continue
		}
		lf, _ := math.Lgamma(float64(l + 1))
		a := lf/math.Ln2 + p
		b := float64(l-1) * zGrowing
		best = min(best, logAdd(a, b))
	}
	return best
}

// logAdd returns log2(2^a + 2^b).
func logAdd(a, b float64) float64 {
	if a < b {
		a, b = b, a
	}
	return a + math.Log2(1+math.Exp2(b-a))
}

// ends lists match indexes grouped by end position, in two allocations.
type ends struct {
	start []int32
	idx   []int32
}

func (e ends) at(k int) []int32 { return e.idx[e.start[k]:e.start[k+1]] }

func groupByEnd(ms []match, n int, keep func(match) bool) ends {
	start := make([]int32, n+2)
	for _, m := range ms {
		if keep(m) {
			start[m.j+1]++
		}
	}
	for k := 1; k < len(start); k++ {
		start[k] += start[k-1]
	}
	idx := make([]int32, start[n+1])
	fill := make([]int32, n+1)
	for i, m := range ms {
		if keep(m) {
			idx[start[m.j]+fill[m.j]] = int32(i)
			fill[m.j]++
		}
	}
	return ends{start, idx}
}
