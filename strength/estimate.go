package strength

import (
	"encoding/base64"
	"encoding/hex"
	"math"
	"slices"
	"strconv"
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
	word     bool // dictionary: letters only, a word a phrase may hold
	fragment bool // dictionary: part of a published secret, not all of it

	afterWord bool // separator: a sentence's punctuation (, ! ? ; ' "), only right after a word
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
// the patterns count: random keys hit short patterns by chance. Chance
// savings grow with length, and their tail is long: among a million keys
// from Django's generator or openssl rand -base64 32, a few save a sixth of
// their brute-force bits. A long key's slack is two ninths of its bits,
// well past that tail (see TestNoFalseAlarmsRealGenerators).
func slack(brute float64) float64 {
	if brute < 64 {
		return brute / 4
	}
	return max(16, brute*2/9)
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
	// Long secrets take the small words too, for sentences.
	matchDictionary(s, low, needZ || e.runes >= MinLength, &ms)
	matchPublishedFragments(low, &ms)
	matchKeyboards(s, &ms)
	matchSequences(s, &ms)
	matchInterleaved(s, &ms)
	matchStrides(s, &ms)
	matchClassPatterns(s, &ms)
	if depth < 2 {
		matchRepeats(s, depth, needZ, &ms)
	}
	matchDigits(s, &ms)
	matchUUIDs(s, &ms)
	matchSeparators(s, &ms)
	matchEmbeddedText(s, depth, text != nil, &ms)
	matchToken(s, depth, &ms)
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

	runs := []runModel{
		{costs: costs},
		{costs: mashCosts(s, costs), entry: kindBits, kind: KindMash},
		{costs: inventCosts(s, costs), entry: kindBits, kind: KindInvented},
		{costs: textCosts(s, costs, e.decoded != "" || e.runes < MinLength), entry: kindBits, kind: KindText},
	}
	e.sbits, e.seq = bestDecomposition(runs, ms)
	fair := fairCosts(s, costs)
	saved, handMade := repriceHandMade(s, fair, e.seq)
	e.sbits -= saved
	// A hand-made run found whole, past its evidence, stands unless the
	// other patterns explain the secret better than the model does by more
	// than the slack: a random block typed twice is a repeat, a sentence is
	// its words. A sentence costs no more than a hand-made run of its
	// length, though, when its words leave gaps (the short words of a
	// language with no list of them). Either way the secret is not random.
	patterns := math.Inf(1)
	var pseq []match
	for i, h := range handModels {
		r, ok := h.bestRun(s, costs, fair, runs[i+1].costs)
		handMade = handMade || ok
		if !ok || r.bits+kindBits >= e.sbits {
			continue
		}
		if math.IsInf(patterns, 1) {
			patterns, pseq = bestDecomposition(runs[:1], ms)
		}
		switch {
		case h.kind == KindText && typed(pseq) && 2*covered(pseq) >= r.j-r.i:
			// Words that the text run holds say what it is better.
			e.sbits, e.seq = r.bits+kindBits, pseq
		case patterns >= r.model-slack(e.brute):
			e.sbits, e.seq = r.bits+kindBits, []match{r.match}
		case typed(pseq):
			// Typed text: its words say what it is, the run what it costs.
			e.sbits, e.seq = r.bits+kindBits, pseq
		}
	}
	e.zbits = e.sbits
	if needZ {
		e.zbits = min(zxcvbnDecomposition(s, ms), e.sbits)
	}
	// A hand-made run, or an encoding of text, has shown the secret is not
	// random on its own evidence; otherwise patterns must save more than
	// the slack.
	shown := handMade || text != nil && textEvidence(text) >= runEvidence(s, true)
	e.patterned = shown && e.sbits < e.brute || e.sbits < e.brute-slack(e.brute) ||
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
// counted if present, and the letters of Greek, Cyrillic and accented
// Latin in the cases used) and 12 bits per other non-ASCII character.
func (e *estimate) bruteCosts(s []byte) ([]float64, *decodedText) {
	ab := alphabetOf(s)
	digits, lower, upper := ab.classes[clsDigit], ab.classes[clsLower], ab.classes[clsUpper]
	symbol := ab.classes[clsSymbol] || ab.control
	scripts := ab.scripts
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
		alpha += scripts.size()
	}
	per := math.Log2(float64(max(alpha, 1)))
	costs := make([]float64, len(s))
	for i, c := range s {
		switch {
		case c < utf8.RuneSelf:
			costs[i] = per
		case utf8.RuneStart(c):
			costs[i] = otherRuneBits
			if r, _ := utf8.DecodeRune(s[i:]); scripts.has(r) {
				costs[i] = per
			}
		}
	}
	e.alphabet = alpha

	name, data, ok := decodeWhole(s)
	var text *decodedText
	if ok && isText(data) {
		text = &decodedText{name: name, data: data}
	} else if t, nl := dropNewline(data); ok && nl && len(t) > 0 && isText(t) {
		text = &decodedText{name: name, data: t, newline: true}
	} else if ok && (alpha == 16 || lower && upper || name == escapesName) {
		e.alphabet = 0
		e.decoded = name
		total := 8 * float64(len(data))
		if name == escapesName {
			// The bits sit where each byte starts: the \x around them is
			// format, which no model may count as a pattern it found.
			_, starts, _ := unescapeBytes(s)
			clear(costs)
			for _, i := range starts {
				costs[i] = 8
			}
		} else {
			pad := strings.Count(string(s), "=") // base64 padding carries nothing
			for i := range costs {
				costs[i] = total / float64(len(s)-pad)
				if s[i] == '=' {
					costs[i] = 0
				}
			}
		}
		e.brute = total // exactly, whatever the rounding of the shares
		return costs, text
	}
	for _, c := range costs {
		e.brute += c
	}
	return costs, text
}

// otherRuneBits is the brute-force price of a character outside the
// alphabets below: CJK ideographs, emoji and the like, drawn from
// thousands.
const otherRuneBits = 12

// letterScripts records which cases of the alphabets of Greek, Cyrillic
// and the accented Latin letters a secret uses. A secret written in one of
// them is brute-forced over that alphabet, as an ASCII one is over its
// letters: ЗАМЕНИ-НА-СВОЙ… draws from 33 capitals and a dash, not from
// all of Unicode.
// An alphabet is what a secret draws its characters from: the classes of
// ASCII it uses (and whether a control character such as a tab), which
// symbols, and which cases of the letters of other scripts.
type alphabet struct {
	classes [clsSymbol + 1]bool
	control bool
	symbol  [128]bool
	symbols int // how many symbols
	scripts letterScripts
}

func alphabetOf(s []byte) alphabet {
	var ab alphabet
	for i, c := range s {
		cl := charClass(c)
		switch {
		case cl != clsNone:
			ab.classes[cl] = true
			if cl == clsSymbol && !ab.symbol[c] {
				ab.symbol[c] = true
				ab.symbols++
			}
		case c < utf8.RuneSelf:
			ab.control = true
		case utf8.RuneStart(c):
			r, _ := utf8.DecodeRune(s[i:])
			ab.scripts.add(r)
		}
	}
	return ab
}

type letterScripts struct {
	lower, upper [3]bool // by script: Latin, Greek, Cyrillic
}

// scriptLetters is the size of each script's alphabet in one case: the
// accented letters of the European languages, Greek's 24 and Russian's 33
// (Ukrainian and the other Cyrillic alphabets add a few).
var scriptLetters = [3]int{32, 24, 36}

func scriptOf(r rune) int {
	switch {
	case unicode.Is(unicode.Latin, r):
		return 0
	case unicode.Is(unicode.Greek, r):
		return 1
	case unicode.Is(unicode.Cyrillic, r):
		return 2
	}
	return -1
}

func (ls *letterScripts) add(r rune) {
	k := scriptOf(r)
	switch {
	case k < 0 || !unicode.IsLetter(r):
	case unicode.IsUpper(r):
		ls.upper[k] = true
	default:
		ls.lower[k] = true
	}
}

// has reports whether r is priced as a letter of a script s uses.
func (ls *letterScripts) has(r rune) bool {
	k := scriptOf(r)
	return k >= 0 && unicode.IsLetter(r) && (ls.lower[k] || ls.upper[k])
}

// size is the letters added to the secret's alphabet.
func (ls *letterScripts) size() int {
	n := 0
	for k := range scriptLetters {
		n += scriptLetters[k] * (btoi(ls.lower[k]) + btoi(ls.upper[k]))
	}
	return n
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
	if b, _, ok := unescapeBytes(s); ok {
		return escapesName, b, true
	}
	return "", nil, false
}

// escapesName names bytes written with escapes, as Python prints a bytes
// value (b'\xda\x96+\xccN…', os.urandom's output pasted into settings).
const escapesName = `\x escapes`

// unescapeBytes reads s as the inside of a Python or C string literal of
// bytes (strconv.UnquoteChar reads each escape): at least a quarter of the
// bytes are \xHH escapes, and there are at least 8 bytes. Text with a
// stray \n is not such a literal. starts holds where each byte is written.
func unescapeBytes(s []byte) (data []byte, starts []int, ok bool) {
	str := string(s)
	hexes := 0
	for str != "" {
		starts = append(starts, len(s)-len(str))
		if str[0] != '\\' {
			data = append(data, str[0])
			str = str[1:]
			continue
		}
		var quote byte // the escape of a quote is \' or \"
		if len(str) > 1 && (str[1] == '\'' || str[1] == '"') {
			quote = str[1]
		}
		v, multibyte, tail, err := strconv.UnquoteChar(str, quote)
		if err != nil || multibyte || v > 0xff {
			return nil, nil, false
		}
		if str[1] == 'x' {
			hexes++
		}
		data = append(data, byte(v))
		str = tail
	}
	return data, starts, len(data) >= 8 && 4*hexes >= len(data)
}

// typed reports whether a decomposition holds only what hands type: words,
// separators, keyboard walks, runs along the alphabet and short blocks
// typed again (enen, abab); a long block repeated was pasted.
func typed(seq []match) bool {
	for _, m := range seq {
		switch {
		case m.kind == KindDictionary, m.kind == kindSeparator, m.kind == KindKeyboard, m.kind == KindSequence:
		case m.kind == KindRepeat && len(m.text) <= 4:
		default:
			return false
		}
	}
	return len(seq) > 0
}

// covered is how many bytes the matches of seq cover.
func covered(seq []match) int {
	n := 0
	for _, m := range seq {
		n += m.j - m.i
	}
	return n
}

// textEvidence is how unlikely, in bits, random bytes are to decode as the
// text did: printable UTF-8 strings of n bytes number fewer than 117^n (95
// printable ASCII bytes, and sequences of two to four bytes that count for
// little more), so random bytes read as such text with probability below
// (117/256)^n. Hex of a 32-byte random key is never text by chance; hex of
// text shows it was written, not drawn, whatever the text looks like.
func textEvidence(t *decodedText) float64 {
	n := len(t.data)
	if t.newline {
		n++
	}
	return float64(n) * math.Log2(256.0/117)
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
