package audit

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strconv"
)

// The mutations of --rules. Each word becomes a few base forms (case
// changes, l33t, separator swaps), and each base form is tried with each
// tail (digits, years, punctuation) appended: what people do to a word to
// pass a password policy, and what crackers' rule files try first.

// baseForms names the base forms in the order they are made.
var baseForms = []string{
	"as is", "lower case", "upper case", "capitalized", "case toggled",
	"l33t (a4 e3 i1 o0 s5 t7)", "l33t (a@ e3 i! o0 s$)",
	"separators as _", "separators as -", "separators as .", "separators removed",
}

const (
	formAsIs = iota
	formLower
	formUpper
	formCapital
	formToggle
	formLeet
	formLeetSymbols
	formSepUnderscore
	formSepDash
	formSepDot
	formSepNone
	numForms
)

var (
	leetDigits  = leetTable("a4e3i1o0s5t7A4E3I1O0S5T7")
	leetSymbols = leetTable("a@e3i!o0s$A@E3I!O0S$")
	separators  = [256]bool{' ': true, '_': true, '-': true, '.': true}
)

func leetTable(pairs string) (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		t[pairs[i]] = pairs[i+1]
	}
	return t
}

// tails are the suffixes tried after each base form; tails[0] is "".
var tails = makeTails()

func makeTails() [][]byte {
	t := []string{""}
	for d := range 10 {
		t = append(t, strconv.Itoa(d))
	}
	t = append(t, "00", "01", "07", "11", "12", "13", "21", "22", "23", "69", "77", "88", "99",
		"123", "1234", "12345", "123456", "321",
		"!", "!!", "!!!", "1!", "123!", "?", "@", "#", "$", "*")
	for _, sep := range []string{"", "_", "-", "@"} {
		for y := 1990; y <= 2030; y++ {
			t = append(t, sep+strconv.Itoa(y))
		}
	}
	out := make([][]byte, len(t))
	for i, s := range t {
		out[i] = []byte(s)
	}
	return out
}

// rulesPerWord is the most candidates the rules make from one word.
var rulesPerWord = numForms * len(tails)

// makeForm writes base form f of word into dst[:0] and returns it; ok is
// false when the form does not apply (no separators to swap).
func makeForm(dst, word []byte, f int) (out []byte, ok bool) {
	dst = dst[:0]
	switch f {
	case formAsIs:
		return append(dst, word...), true
	case formLower, formUpper, formToggle:
		for _, c := range word {
			switch {
			case 'A' <= c && c <= 'Z' && f != formUpper:
				c += 'a' - 'A'
			case 'a' <= c && c <= 'z' && f != formLower:
				c -= 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst, true
	case formCapital:
		for i, c := range word {
			if i == 0 && 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			} else if i > 0 && 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst, true
	case formLeet, formLeetSymbols:
		t := &leetDigits
		if f == formLeetSymbols {
			t = &leetSymbols
		}
		for _, c := range word {
			dst = append(dst, t[c])
		}
		return dst, true
	}
	sep := [...]byte{formSepUnderscore: '_', formSepDash: '-', formSepDot: '.', formSepNone: 0}[f]
	found := false
	for _, c := range word {
		if separators[c] {
			found = true
			if sep == 0 {
				continue
			}
			c = sep
		}
		dst = append(dst, c)
	}
	return dst, found
}

// ruleName describes rule r (form*len(tails) + tail) for a report.
func ruleName(r int) string {
	f, t := r/len(tails), r%len(tails)
	switch {
	case t == 0:
		return baseForms[f]
	case f == formAsIs:
		return fmt.Sprintf("append %q", tails[t])
	}
	return fmt.Sprintf("%s, append %q", baseForms[f], tails[t])
}

// mutator makes the rule candidates of one word at a time. It keeps the
// base forms of the current word in its own buffer, so it allocates
// nothing once warmed up.
type mutator struct {
	buf   []byte
	forms [numForms][]byte // views into buf; nil for forms skipped
}

// load makes the distinct base forms of word; a form equal to an
// earlier one is left nil.
func (m *mutator) load(word []byte) {
	need := numForms * len(word)
	if cap(m.buf) < need {
		m.buf = make([]byte, need)
	}
	for f := range numForms {
		out, ok := makeForm(m.buf[f*len(word):f*len(word):(f+1)*len(word)], word, f)
		m.forms[f] = nil
		if !ok {
			continue
		}
		dup := false
		for g := range f {
			if m.forms[g] != nil && bytes.Equal(m.forms[g], out) {
				dup = true
				break
			}
		}
		if !dup {
			m.forms[f] = out
		}
	}
}

// Classes of base64 characters: in both alphabets, or in one only.
const (
	b64Both uint8 = 1 << iota
	b64Std
	b64URL
)

var b64Class = func() (t [256]uint8) {
	for _, c := range []byte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") {
		t[c] = b64Both
	}
	t['+'], t['/'] = b64Std, b64Std
	t['-'], t['_'] = b64URL, b64URL
	return t
}()

// decodeBase64 decodes s when it is valid base64 in the standard or URL
// alphabet, padded or not, into dst; ok is false otherwise. Frameworks
// that base64-decode their configured secret sign with these bytes.
func decodeBase64(dst, s []byte) (out []byte, ok bool) {
	// Strip correct padding; the raw decoders then take both forms.
	n := len(s)
	for n > 0 && s[n-1] == '=' && len(s)-n < 2 {
		n--
	}
	if n < len(s) && len(s)%4 != 0 {
		return nil, false
	}
	s = s[:n]
	if len(s) < 2 {
		return nil, false
	}
	// One pass picks the alphabet and rejects most words early.
	var seen uint8
	for _, c := range s {
		k := b64Class[c]
		if k == 0 {
			return nil, false
		}
		seen |= k
	}
	enc := base64.RawStdEncoding
	switch seen & (b64Std | b64URL) {
	case b64Std | b64URL:
		return nil, false
	case b64URL:
		enc = base64.RawURLEncoding
	}
	need := enc.DecodedLen(len(s))
	if cap(dst) < need {
		return nil, false
	}
	k, err := enc.Decode(dst[:need], s)
	if err != nil || k == 0 {
		return nil, false
	}
	return dst[:k], true
}
