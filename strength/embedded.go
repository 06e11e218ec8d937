package strength

import (
	"bytes"
	"encoding/base64"
	"math"
)

// Text can be encoded inside a secret that is not, as a whole, an
// encoding: a JSON Web Token pasted as the key, a base64 string of text
// cut out of a longer one, base64 of text with random characters around
// it. Both matchers here decode what they find and price it as the text
// it holds.

// b64Value maps the characters of base64 and base64url (both alphabets
// at once: a secret mixing them is still read) to their 6-bit values;
// 0xff marks any other byte.
var b64Value = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xff
	}
	const std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := range len(std) {
		t[std[i]] = byte(i)
	}
	t['-'], t['_'] = 62, 63
	return t
}()

// printableBits is the evidence one decoded byte gives when it is
// printable ASCII: random bytes are so with probability 95/256.
var printableBits = math.Log2(256.0 / 95)

// minEmbeddedGroups is the fewest 4-character groups a base64 fragment of
// text is looked for in: shorter ones cannot carry the evidence below.
const minEmbeddedGroups = 6

// matchEmbeddedText finds runs of base64 characters, inside a longer
// secret, whose groups of four decode (at one of the four alignments) to
// printable ASCII text, and prices each such fragment as its text. A run
// counts only when its decoded bytes, all printable, are less likely by
// chance than a run of the secret's own a hand-made model must beat
// (runEvidence): a random key decodes to a few printable bytes here and
// there, never to dozens in a row. wholeText says decodeWhole has already
// judged the whole secret as text; that span is skipped here.
func matchEmbeddedText(s []byte, depth int, wholeText bool, ms *[]match) {
	if depth > 0 {
		return
	}
	need := int(math.Ceil(runEvidence(s, false) / (3 * printableBits)))
	need = max(need, minEmbeddedGroups)
	for i := 0; i < len(s); {
		if b64Value[s[i]] == 0xff {
			i++
			continue
		}
		j := i
		for j < len(s) && b64Value[s[j]] != 0xff {
			j++
		}
		if j-i >= 4*need {
			for a := range 4 {
				embeddedSpans(s, i+a, j, need, wholeText, ms)
			}
		}
		i = j
	}
}

// embeddedSpans decodes s[from:to] in groups of four from from, and adds a
// match for each longest stretch of at least need groups that all decode
// to printable ASCII.
func embeddedSpans(s []byte, from, to, need int, wholeText bool, ms *[]match) {
	var text []byte
	start := from
	flush := func(end int) {
		if n := (end - start) / 4; n >= need && !(wholeText && start == 0 && end == len(s)) {
			inner := analyze(bytes.Clone(text), 1)
			b := inner.bits + 2 // which of the four alignments
			*ms = append(*ms, match{i: start, j: end, kind: KindEncoding, bits: b, zbits: math.Inf(1), text: "base64", inner: inner})
		}
		text = text[:0]
	}
	p := from
	for ; p+4 <= to; p += 4 {
		v := uint32(b64Value[s[p]])<<18 | uint32(b64Value[s[p+1]])<<12 | uint32(b64Value[s[p+2]])<<6 | uint32(b64Value[s[p+3]])
		g := [3]byte{byte(v >> 16), byte(v >> 8), byte(v)}
		if !printableASCII(g[0]) || !printableASCII(g[1]) || !printableASCII(g[2]) {
			flush(p)
			start = p + 4
			continue
		}
		text = append(text, g[:]...)
	}
	flush(p)
}

func printableASCII(c byte) bool { return c >= 0x20 && c < 0x7f }

// matchToken finds a whole JSON Web Token used as the secret: three
// base64url parts joined by dots, the first a JSON header naming an
// algorithm. A token is not a key: it is handed to whoever logs in, and
// lands in logs, browsers and tutorials, signature and all; what is left to
// guess is its header and payload, priced as their text.
func matchToken(s []byte, depth int, ms *[]match) {
	if depth > 0 || bytes.Count(s, []byte(".")) != 2 {
		return
	}
	parts := bytes.Split(s, []byte("."))
	dec := base64.RawURLEncoding
	header, err := dec.DecodeString(string(bytes.TrimRight(parts[0], "=")))
	if err != nil {
		return
	}
	payload, err := dec.DecodeString(string(bytes.TrimRight(parts[1], "=")))
	if err != nil {
		return
	}
	for _, c := range parts[2] {
		if b64Value[c] == 0xff && c != '=' {
			return
		}
	}
	alg, ok := headerAlg(header)
	if !ok || !isText(payload) {
		return
	}
	inner := analyze(append(append(header, ' '), payload...), 1)
	b := inner.bits + 1
	*ms = append(*ms, match{i: 0, j: len(s), kind: KindToken, bits: b, zbits: b, text: alg, inner: inner})
}

// headerAlg reads the "alg" member of a JOSE header: a JSON object with a
// string member "alg" whose value has no escapes (every registered
// algorithm name is plain ASCII). A scan, not a JSON decoder: the
// checker also runs as WebAssembly in the page, where encoding/json's
// reflection costs a tenth of the download.
func headerAlg(h []byte) (string, bool) {
	h = bytes.TrimSpace(h)
	if len(h) < 2 || h[0] != '{' || h[len(h)-1] != '}' || !isText(h) {
		return "", false
	}
	_, rest, ok := bytes.Cut(h, []byte(`"alg"`))
	if !ok {
		return "", false
	}
	rest = bytes.TrimLeft(rest, " \t")
	if len(rest) == 0 || rest[0] != ':' {
		return "", false
	}
	rest = bytes.TrimLeft(rest[1:], " \t")
	if len(rest) == 0 || rest[0] != '"' {
		return "", false
	}
	alg, _, ok := bytes.Cut(rest[1:], []byte(`"`))
	if !ok || len(alg) == 0 || len(alg) > 32 || bytes.ContainsAny(alg, `\`) {
		return "", false
	}
	return string(alg), true
}
