package strength

import (
	"math"
	"strings"
	"sync"
	"unicode"
)

// The dictionaries, in the order findings prefer them.
type dictID uint8

const (
	dictPublished dictID = iota
	dictPasswords
	dictEnglish
	dictFemale
	dictMale
	dictSurnames
	dictTV
	dictSpanish // the other languages: data/words.txt
	dictPortuguese
	dictFrench
	dictGerman
	dictItalian
	dictIndonesian
	dictDutch
	dictPolish
	dictSpoken // English as spoken: the short common words the zxcvbn lists leave out
)

// foreignBits is what naming the language of a word from data/words.txt
// costs, on top of its rank: an attacker who tries eight languages more.
const foreignBits = 1

// frequencyLists maps our dictionaries to the zxcvbn frequency lists. The
// lists are ranked, most common first, and disjoint: the zxcvbn build
// keeps each word only in the list where it ranks best.
var frequencyLists = []struct {
	id      dictID
	name    string
	what    string
	foreign bool // from data/words.txt
}{
	{dictPasswords, "passwords", "a common password", false},
	{dictEnglish, "english_wikipedia", "an English word", false},
	{dictFemale, "female_names", "a first name", false},
	{dictMale, "male_names", "a first name", false},
	{dictSurnames, "surnames", "a surname", false},
	{dictTV, "us_tv_and_film", "a word from TV and film", false},
	{dictSpanish, "es", "a Spanish word", true},
	{dictPortuguese, "pt", "a Portuguese word", true},
	{dictFrench, "fr", "a French word", true},
	{dictGerman, "de", "a German word", true},
	{dictItalian, "it", "an Italian word", true},
	{dictIndonesian, "id", "an Indonesian word", true},
	{dictDutch, "nl", "a Dutch word", true},
	{dictPolish, "pl", "a Polish word", true},
	{dictSpoken, "en", "an English word", true},
}

func dictWhat(id dictID) string {
	if id == dictPublished {
		return "a published secret"
	}
	for _, l := range frequencyLists {
		if l.id == id {
			return l.what
		}
	}
	return "a dictionary word"
}

// An entry is a dictionary word and its rank.
type entry struct {
	word string // normalized: see normalize
	dict dictID
	rank int32 // 1-based, within its dictionary
}

// index finds dictionary words inside a secret without building a map of
// the ~94,000 words: references to them are bucketed by their first three
// characters (a counting sort, linear time), so loading takes a few
// milliseconds and a lookup compares a handful of candidates. The index
// points into the frequency lists instead of copying them and holds no
// pointers of its own: it is small (about 600 KB), the garbage collector
// has nothing to scan, and the first Check in a process stays cheap.
type index struct {
	extra     []string   // list 0: words jwtkey curated or normalized
	freq      []wordList // lists 1…: the frequency lists
	dicts     []dictID   // the dictionary of each list but 0
	extraRank []int32    // rank and dictionary of each word in list 0
	extraDict []dictID
	start     []int32              // bucket b holds bucket[start[b+1]:start[b+2]]
	bucket    []bucketEntry        // the words, bucketed by their first three bytes
	one       [nChar]int32         // one-character words: reference+1, 0 for none
	two       [nChar * nChar]int32 // two-character words: reference+1, 0 for none
	whole     map[string]int       // normalized published secret → rank
	plain     bool                 // match words as written: no l33t
}

// A bucketEntry is a reference to a word (list<<20 | index in list) with
// what rules most candidates out: the word's length and fourth and fifth
// bytes (0 if it has fewer). The scan checks them before it reads the
// word, and needs not read a word of five bytes or fewer at all; they sit
// beside the reference, in the same cache line.
type bucketEntry struct {
	ref    int32
	n      uint8
	c3, c4 byte
}

// word is the word ref points to.
func (ix *index) word(ref int32) string {
	li, i := ref>>20, int(ref&(1<<20-1))
	if li == 0 {
		return ix.extra[i]
	}
	return ix.freq[li-1].At(i)
}

func (ix *index) entry(ref int32) entry {
	li, i := ref>>20, ref&(1<<20-1)
	if li == 0 {
		return entry{ix.extra[i], ix.extraDict[i], ix.extraRank[i]}
	}
	return entry{ix.freq[li-1].At(int(i)), ix.dicts[li], i + 1}
}

const nChar = 37 // a–z, 0–9, anything else

var (
	loadOnce    sync.Once
	dict        *index // the curated list and the zxcvbn lists
	foreignDict *index // data/words.txt: matched as written, forwards only
	layouts     []*keyboard
)

// load builds the dictionary index and keyboard graphs the first time a
// secret is checked, so programs that import strength without checking
// anything (jwtkey generate) do not pay for them.
func load() {
	dict = buildIndex(false)
	foreignDict = buildIndex(true)
	layouts = buildKeyboards()
	mashKeys = buildMashBoard()
	letters = buildLetterModel()
}

var charIndexTable = func() (t [256]uint8) {
	for i := range t {
		c := byte(i)
		switch {
		case c >= 'a' && c <= 'z':
			t[i] = c - 'a'
		case c >= '0' && c <= '9':
			t[i] = 26 + c - '0'
		default:
			t[i] = 36
		}
	}
	return t
}()

func charIndex(c byte) int { return int(charIndexTable[c]) }

// normTable lowercases ASCII letters and maps the separators people put
// between words (_ . space) to '-', so my_secret, my.secret and My Secret
// all match my-secret.
var normTable = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = byte(c - 'A' + 'a')
	}
	t['_'], t['.'], t[' '] = '-', '-', '-'
	return t
}()

func normalize(s string) string {
	i := 0
	for i < len(s) && normTable[s[i]] == s[i] {
		i++
	}
	if i == len(s) {
		return s // most words: no copy
	}
	b := []byte(s)
	for i, c := range b {
		b[i] = normTable[c]
	}
	return string(b)
}

func stripSeparators(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '-' {
			b = append(b, s[i])
		}
	}
	return string(b)
}

// buildIndex indexes the curated list and the zxcvbn lists, or with
// foreign the lists of other languages.
func buildIndex(foreign bool) *index {
	ix := &index{whole: map[string]int{}, dicts: []dictID{0}, plain: foreign}
	addExtra := func(w string, rank int32, d dictID) {
		ix.extra = append(ix.extra, w)
		ix.extraRank = append(ix.extraRank, rank)
		ix.extraDict = append(ix.extraDict, d)
	}
	for i, p := range publishedList() {
		if foreign {
			break
		}
		rank := int32(i + 1)
		w := normalize(p.secret)
		addExtra(w, rank, dictPublished)
		if ns := stripSeparators(w); ns != w && ns != "" {
			addExtra(ns, rank, dictPublished)
		}
		for _, k := range []string{w, stripSeparators(w)} {
			if _, dup := ix.whole[k]; !dup {
				ix.whole[k] = int(rank)
			}
		}
	}
	skip := [][]int{nil} // per list, ascending: words indexed in normalized form, in list 0
	for _, l := range frequencyLists {
		if l.foreign != foreign {
			continue
		}
		list := freqLists()[l.name]
		if l.foreign {
			list = langLists()[l.name]
		}
		ix.freq = append(ix.freq, list)
		ix.dicts = append(ix.dicts, l.id)
		var sk []int
		for i := range list.Len() {
			w := list.At(i)
			if nw := normalize(w); nw != w {
				addExtra(nw, int32(i+1), l.id)
				sk = append(sk, i)
			}
			if fw := foldAccents(w); fw != w {
				addExtra(normalize(fw), int32(i+1), l.id) // producción, written produccion
				if uw := umlautFold.Replace(w); uw != w {
					addExtra(normalize(foldAccents(uw)), int32(i+1), l.id) // schlüssel, written schluessel
				}
			}
		}
		skip = append(skip, sk)
	}
	each := func(fn func(ref int32, w string)) {
		for i, w := range ix.extra {
			fn(int32(i), w)
		}
		for li, list := range ix.freq {
			sk := skip[li+1]
			for i := range list.Len() {
				if len(sk) > 0 && sk[0] == i {
					sk = sk[1:]
					continue
				}
				fn(int32(li+1)<<20|int32(i), list.At(i))
			}
		}
	}
	const nB = nChar * nChar * nChar
	c := make([]int32, nB+2)
	each(func(ref int32, w string) {
		switch len(w) {
		case 0:
		case 1:
			if k := charIndex(w[0]); k != 36 {
				ix.keepBest(&ix.one[k], ref)
			}
		case 2:
			if charIndex(w[0]) != 36 && charIndex(w[1]) != 36 {
				ix.keepBest(&ix.two[charIndex(w[0])*nChar+charIndex(w[1])], ref)
			}
		default:
			c[bucketOf(w)+1]++
		}
	})
	for b := 1; b < len(c); b++ {
		c[b] += c[b-1]
	}
	ix.bucket = make([]bucketEntry, c[nB])
	each(func(ref int32, w string) {
		if len(w) >= 3 {
			b := bucketOf(w)
			c[b+1]--
			t := bucketEntry{ref: ref, n: uint8(min(len(w), 255))}
			if len(w) > 3 {
				t.c3 = w[3]
			}
			if len(w) > 4 {
				t.c4 = w[4]
			}
			ix.bucket[c[b+1]] = t
		}
	})
	ix.start = c
	return ix
}

// keepBest stores ref+1 in slot unless a better-ranked word is there.
func (ix *index) keepBest(slot *int32, ref int32) {
	if *slot != 0 && ix.entry(*slot-1).rank <= ix.entry(ref).rank {
		return
	}
	*slot = ref + 1
}

func bucketOf(w string) int {
	return (charIndex(w[0])*nChar+charIndex(w[1]))*nChar + charIndex(w[2])
}

// l33tTable lists the letters each l33t character may stand for.
var l33tTable = func() (t [256]string) {
	for c, letters := range map[byte]string{
		'4': "a", '@': "a", '8': "b", '(': "c", '{': "c", '[': "c", '<': "c",
		'3': "e", '6': "g", '9': "g", '1': "il", '!': "i", '|': "il", '0': "o",
		'$': "s", '5': "s", '7': "tl", '+': "t", '%': "x", '2': "z",
	} {
		t[c] = letters
	}
	return t
}()

// candidates returns the characters a normalized input byte may stand for.
func (ix *index) candidates(c byte, buf *[4]byte) []byte {
	buf[0] = c
	if ix.plain {
		return buf[:1]
	}
	n := 1
	for i := 0; i < len(l33tTable[c]); i++ {
		buf[n] = l33tTable[c][i]
		n++
	}
	return buf[:n]
}

// same reports whether input byte in matches byte w of a word.
func (ix *index) same(in, w byte) bool {
	return in == w || !ix.plain && l33tSame(in, w)
}

// l33tSame reports whether input byte in is a l33t spelling of w.
func l33tSame(in, w byte) bool {
	return l33tBits[in][w>>6]&(1<<(w&63)) != 0
}

// l33tBits holds l33tTable as bit sets: bit w of l33tBits[in] is set when
// in may stand for w.
var l33tBits = func() (t [256][4]uint64) {
	for in, letters := range l33tTable {
		for i := 0; i < len(letters); i++ {
			w := letters[i]
			t[in][w>>6] |= 1 << (w & 63)
		}
	}
	return t
}()

func sameChar(in, w byte) (ok, l33t bool) {
	if in == w {
		return true, false
	}
	for i := 0; i < len(l33tTable[in]); i++ {
		if l33tTable[in][i] == w {
			return true, true
		}
	}
	return false, false
}

// matchDictionary finds dictionary words in the normalized secret low,
// forwards and reversed, through case, l33t and separators. The original
// secret s gives case.
// Words of one or two characters matter only to the zxcvbn model (small);
// the secret model never uses them.
func matchDictionary(s, low []byte, small bool, ms *[]match) {
	dict.scan(s, low, false, small, ms)
	foreignDict.scan(s, low, false, false, ms)
	rev := make([]byte, len(low))
	for i, c := range low {
		rev[len(low)-1-i] = c
	}
	dict.scan(s, rev, true, small, ms)
}

func (ix *index) scan(s, v []byte, reversed, small bool, ms *[]match) {
	n := len(v)
	var b0, b1, b2 [4]byte
	for i := 0; i < n; i++ {
		if k := charIndex(v[i]); small && k != 36 && ix.one[k] != 0 {
			ix.emit(s, v, i, ix.one[k]-1, reversed, ms)
		}
		if i+2 > n {
			continue
		}
		c0s := ix.candidates(v[i], &b0)
		c1s := ix.candidates(v[i+1], &b1)
		for _, c0 := range c0s {
			for _, c1 := range c1s {
				if small && charIndex(c0) != 36 && charIndex(c1) != 36 {
					if e := ix.two[charIndex(c0)*nChar+charIndex(c1)]; e != 0 {
						ix.emit(s, v, i, e-1, reversed, ms)
					}
				}
				if i+3 > n {
					continue
				}
				for _, c2 := range ix.candidates(v[i+2], &b2) {
					k := (charIndex(c0)*nChar+charIndex(c1))*nChar + charIndex(c2)
					// Letters and digits have buckets of their own: the
					// bucket settles the first three bytes.
					exact := k < 36*nChar*nChar && charIndex(c1) != 36 && charIndex(c2) != 36
					lo, hi := ix.start[k+1], ix.start[k+2]
					for _, t := range ix.bucket[lo:hi] {
						if int(t.n) > n-i || t.n > 3 && !ix.same(v[i+3], t.c3) || t.n > 4 && !ix.same(v[i+4], t.c4) {
							continue
						}
						ref := t.ref
						if exact && t.n <= 5 {
							ix.emit(s, v, i, ref, reversed, ms)
							continue
						}
						w := ix.word(ref)
						if len(w) > n-i || w[0] != c0 || w[1] != c1 || w[2] != c2 {
							continue
						}
						ok := true
						for k := 5; k < len(w); k++ {
							if same := v[i+k] == w[k] || !ix.plain && l33tSame(v[i+k], w[k]); !same {
								ok = false
								break
							}
						}
						if ok {
							ix.emit(s, v, i, ref, reversed, ms)
						}
					}
				}
			}
		}
	}
}

func (ix *index) emit(s, v []byte, i int, ref int32, reversed bool, ms *[]match) {
	e := ix.entry(ref)
	word := e.word
	j := i + len(word)
	l33t := false
	subs := 0
	for k := i; k < j; k++ {
		if _, l := sameChar(v[k], word[k-i]); l {
			l33t = true
			subs++
		}
	}
	if len(s) >= MinLength && (2*subs >= j-i || l33t && reversed) {
		// Half of it digits and symbols standing for letters, or l33t
		// spelled backwards: in a long secret, what random keys hit by
		// chance ("z4(k", "1371hw").
		return
	}
	if reversed {
		if isPalindrome(word) || len(word) == 1 {
			return
		}
		i, j = len(v)-j, len(v)-i
	}
	if l33t && j-i < 2 {
		return
	}
	token := s[i:j]
	if j-i < minPart && len(s) >= MinLength &&
		(l33t || reversed || !allLetters(token) || e.dict != dictEnglish && e.dict != dictTV) {
		// In a long secret, words of one or two letters count only as
		// the small words of a sentence (I, a, to, of, is), in plain
		// English; the decomposition takes them only between other words.
		return
	}
	bits := math.Log2(float64(e.rank)) + math.Log2(upperVariations(token))
	if l33t {
		bits += math.Log2(l33tVariations(v, word, i, j, reversed))
	}
	if reversed {
		bits++
	}
	if e.dict >= dictSpanish {
		// Words of other languages, whole and as written: reversed, l33t
		// or three-letter ones would mostly be chance hits in random keys.
		// Spoken English's three-letter words (cat, sun) count in long
		// secrets, where the decomposition takes them only after another
		// word, as it does the English lists' own; other languages' (que,
		// del, les, und) only where they stand apart as words do: between
		// separators, capitals or digits (PruebasQueTiene, clave_del_app).
		short := j-i < 4 && !(j-i == 3 && len(s) >= MinLength && (e.dict == dictSpoken || standsApart(s, i, j)))
		if reversed || l33t || short {
			return
		}
		bits += foreignBits
	}
	*ms = append(*ms, match{i: i, j: j, kind: KindDictionary, bits: bits, zbits: bits,
		text: word, dict: e.dict, num: int(e.rank), l33t: l33t, reversed: reversed,
		word: !l33t && !reversed && e.dict != dictPublished && j-i >= 4 && allLetters(token) && upperVariations(token) <= 2})
}

func isPalindrome(w string) bool {
	for i := 0; i < len(w)/2; i++ {
		if w[i] != w[len(w)-1-i] {
			return false
		}
	}
	return true
}

// upperVariations counts the ways an attacker capitalizes a word to reach
// token: 1 for all lower case, 2 for the usual schemes (Capital, capitaL,
// ALL CAPS), else the sum of the binomials up to the smaller case count.
func upperVariations(token []byte) float64 {
	u, l := 0, 0
	for _, c := range token {
		switch {
		case c >= 'A' && c <= 'Z':
			u++
		case c >= 'a' && c <= 'z':
			l++
		}
	}
	if u == 0 {
		return 1
	}
	if l == 0 {
		return 2
	}
	if u == 1 {
		first, last := firstLetter(token), lastLetter(token)
		if first >= 'A' && first <= 'Z' || last >= 'A' && last <= 'Z' {
			return 2
		}
	}
	var v float64
	for i := 1; i <= min(u, l); i++ {
		v += binomial(u+l, i)
	}
	return v
}

func firstLetter(t []byte) byte { return t[0] }
func lastLetter(t []byte) byte  { return t[len(t)-1] }

// l33tVariations counts, for each substitution used, the ways of
// substituting some of the letters it could replace (zxcvbn's rule).
func l33tVariations(v []byte, word string, i, j int, reversed bool) float64 {
	// v is in scan order; recover the scan-order span.
	a, b := i, j
	if reversed {
		a, b = len(v)-j, len(v)-i
	}
	tok := v[a:b]
	vars := 1.0
	seen := [256]bool{}
	for k := range tok {
		c := tok[k]
		if _, l := sameChar(c, word[k]); !l || seen[c] {
			continue
		}
		seen[c] = true
		letter := word[k]
		s, u := 0, 0
		for _, x := range tok {
			if x == c {
				s++
			}
			if x == letter {
				u++
			}
		}
		if s == 0 || u == 0 {
			vars *= 2
			continue
		}
		var p float64
		for n := 1; n <= min(s, u); n++ {
			p += binomial(s+u, n)
		}
		vars *= p
	}
	return vars
}

func binomial(n, k int) float64 {
	if k < 0 || k > n {
		return 0
	}
	r := 1.0
	for i := 1; i <= k; i++ {
		r = r * float64(n-k+i) / float64(i)
	}
	return r
}

// accentFold maps the accented letters of the listed languages to the
// letters people type instead when a keyboard lacks them.
var accentFold = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ã", "a", "ä", "a", "å", "a",
	"ç", "c", "è", "e", "é", "e", "ê", "e", "ë", "e",
	"ì", "i", "í", "i", "î", "i", "ï", "i", "ñ", "n",
	"ò", "o", "ó", "o", "ô", "o", "õ", "o", "ö", "o",
	"ù", "u", "ú", "u", "û", "u", "ü", "u", "ý", "y", "ÿ", "y", "ß", "ss",
	"ą", "a", "ć", "c", "ę", "e", "ł", "l", "ń", "n", "ś", "s", "ź", "z", "ż", "z",
)

// umlautFold writes German umlauts the way text typed without German keys
// does: ä as ae, ö as oe, ü as ue.
var umlautFold = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue")

// foldAccents returns w with its accents dropped; most words have none.
func foldAccents(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			return accentFold.Replace(w)
		}
	}
	return w
}

// standsApart reports whether s[i:j], letters, is bounded as a written
// word is: at each end the secret's end, a character that is not a
// letter, or a change to a capital (camelCase).
func standsApart(s []byte, i, j int) bool {
	lower := func(c byte) bool { return c >= 'a' && c <= 'z' }
	upper := func(c byte) bool { return c >= 'A' && c <= 'Z' }
	before := i == 0 || !lower(s[i-1]) && !upper(s[i-1]) || upper(s[i]) && lower(s[i-1])
	after := j == len(s) || !lower(s[j]) && !upper(s[j]) || upper(s[j]) && lower(s[j-1])
	return before && after
}

// allLetters reports whether b holds only letters, ASCII or not.
func allLetters(b []byte) bool {
	for _, r := range string(b) {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
