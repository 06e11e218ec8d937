package strength

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// result turns an estimate into the verdict, findings and fix.
func (e *estimate) result(secret []byte) Result {
	r := Result{Length: e.runes, size: e.n}
	q := &quoter{secret: secret, budget: e.n / 2}

	if e.published > 0 {
		src := publishedList()[e.published-1].source
		f := Finding{Kind: KindPublished, Start: 0, End: e.n, Message: "the secret is published: " + src}
		if e.patterned {
			r.Findings = e.findings(q, "")
		}
		r.compromise(f)
		r.Bits = math.Log2(float64(e.published))
		return r
	}
	if len(e.seq) == 1 && e.seq[0].kind == KindEncoding && e.seq[0].inner.published > 0 && e.patterned {
		m := e.seq[0]
		src := publishedList()[m.inner.published-1].source
		r.compromise(Finding{Kind: KindPublished, Start: 0, End: e.n,
			Message: fmt.Sprintf("the secret is %s of a published secret%s: %s", m.text, newlineNote(m), src)})
		r.Bits = m.bits
		return r
	}

	if len(e.seq) == 1 && e.seq[0].kind == KindToken && e.patterned {
		// Whoever has seen the token has the secret.
		r.compromise(Finding{Kind: KindToken, Start: 0, End: e.n, Message: describe(e.seq[0], q, e.n)})
		return r
	}

	r.Bits = e.bits
	for _, a := range hmacAlgs {
		if r.Bits >= a.bits && e.n >= a.length {
			r.GoodFor = append(r.GoodFor, a.name)
		}
	}
	if len(r.GoodFor) > 0 && e.runes >= MinLength {
		r.Verdict = Strong
		return r
	}
	r.Verdict = Weak
	if e.patterned {
		r.Findings = e.findings(q, "")
		if len(r.Findings) == 0 {
			// Only separators saved guesses: a separator used again
			// costs half a bit, and no finding names it.
			r.Findings = []Finding{{Kind: KindRepeat, Start: 0, End: e.n,
				Message: "the secret is mostly separators (spaces, dashes, dots), the same ones written again and again"}}
		}
	}
	if e.runes < MinLength {
		r.Findings = append(r.Findings, Finding{Kind: KindShort, Start: 0, End: e.n,
			Message: fmt.Sprintf("%d characters: a secret needs at least %d, and random ones", e.runes, MinLength)})
	} else if !e.patterned {
		r.Findings = append(r.Findings, e.charsetFinding())
	}
	r.GoodFor = nil
	r.Fix = "generate a new one with: jwtkey"
	return r
}

func (e *estimate) charsetFinding() Finding {
	f := Finding{Kind: KindCharset, Start: 0, End: e.n}
	if e.decoded != "" {
		f.Message = fmt.Sprintf("no pattern found, but %s of %d random bytes holds only %d bits; HS256 needs 256",
			e.decoded, int(e.brute/8), int(e.brute))
	} else {
		f.Message = fmt.Sprintf("no pattern found, but %d characters drawn from %d possible hold only about %d bits; HS256 needs 256",
			e.runes, e.alphabet, int(e.brute))
	}
	return f
}

// findings describes the matches of the cheapest decomposition. prefix
// qualifies findings inside decoded text.
func (e *estimate) findings(q *quoter, prefix string) []Finding {
	var out []Finding
	for _, m := range e.seq {
		if m.kind == KindEncoding {
			msg := fmt.Sprintf("the secret is %s of text%s, so it is no stronger than that text", m.text, newlineNote(m))
			if m.i > 0 || m.j < e.n {
				subj, _ := q.subject(m, e.n)
				msg = fmt.Sprintf("%s %s %s of text, which costs no more to guess than that text", subj, verbFor(subj), m.text)
			}
			out = append(out, Finding{Kind: KindEncoding, Start: m.i, End: m.j, Message: msg})
			if m.i > 0 || m.j < e.n {
				continue // a fragment's text is told by what it is, not word by word
			}
			inner := m.inner.findings(&quoter{whole: "all of it"}, "in the decoded text, ")
			for _, f := range inner {
				f.Start, f.End = m.i, m.j
				out = append(out, f)
			}
			continue
		}
		kind := m.kind
		if kind == KindDictionary && m.dict == dictPublished {
			kind = KindPublished
		}
		out = append(out, Finding{Kind: kind, Start: m.i, End: m.j, Message: prefix + describe(m, q, e.n)})
	}
	return out
}

// newlineNote says that the encoded text ended in a newline, as it does
// when a user pipes echo into base64 or xxd -p.
func newlineNote(m match) string {
	if m.newline {
		return " and a trailing newline (echo adds one)"
	}
	return ""
}

// A quoter decides whether a finding may show the part of the secret it is
// about: only when that part is not the whole secret, and only while the
// parts shown so far cover at most half of it. Other parts are given by
// position.
type quoter struct {
	secret []byte
	budget int
	whole  string // what the whole string is called; "the whole secret" if empty
}

func (q *quoter) subject(m match, n int) (string, bool) {
	if m.i == 0 && m.j == n {
		if q.whole != "" {
			return q.whole, false
		}
		return "the whole secret", false
	}
	l := m.j - m.i
	if q.secret != nil && m.kind != KindUUID && l <= q.budget {
		q.budget -= l
		return fmt.Sprintf("%q", q.secret[m.i:m.j]), true
	}
	if l == 1 {
		return fmt.Sprintf("character %d", m.i+1), false
	}
	return fmt.Sprintf("characters %d–%d", m.i+1, m.j), false
}

// verbFor agrees with a subject from quoter.subject.
func verbFor(subj string) string {
	if strings.HasPrefix(subj, "characters") {
		return "are"
	}
	return "is"
}

func describe(m match, q *quoter, n int) string {
	subj, quoted := q.subject(m, n)
	verb := " " + verbFor(subj) + " "
	switch m.kind {
	case KindDictionary:
		if m.dict == dictPublished {
			if m.fragment {
				return subj + verb + "part of a published secret: " + publishedList()[m.num-1].source
			}
			return subj + verb + "a published secret: " + publishedList()[m.num-1].source
		}
		var how []string
		if m.reversed {
			how = append(how, "reversed")
		}
		if m.l33t {
			how = append(how, "with l33t substitutions")
		}
		s := subj + verb + dictWhat(m.dict)
		if quoted && (m.l33t || m.reversed) {
			s += fmt.Sprintf(", %q", m.text)
		}
		if len(how) > 0 {
			s += " " + strings.Join(how, " and ")
		}
		if m.dict == dictPasswords {
			s += fmt.Sprintf(" (number %d on the list)", m.num)
		}
		return s
	case KindKeyboard:
		if m.text == "number pad" {
			return subj + verb + "a walk on the number pad"
		}
		return subj + verb + "a walk along a " + m.text + " keyboard"
	case KindMash:
		return subj + verb + "keyboard mashing: keys close together, the home row, alternating hands, repeated chunks"
	case KindSequence:
		switch {
		case m.num > 1:
			return fmt.Sprintf("%s%s%d sequences written in turn", subj, verb, m.num)
		case m.zbits > 1e300:
			return subj + verb + "a sequence stepping through the ASCII table"
		}
		return subj + verb + "a sequence"
	case KindInvented:
		return subj + verb + "made up to look random: kinds of character switch in a regular way, characters come back less often than chance brings them back, or letters step along the alphabet or the keyboard"
	case KindText:
		return subj + verb + "text: letters in the order the words of a language put them, run together or between separators"
	case KindPattern:
		if m.num == 1 {
			return subj + verb + "all of one kind of character (all digits, all lower case…)"
		}
		return fmt.Sprintf("%s%sa fixed pattern of %d kinds of character, repeated (as pattern-following key generators make)", subj, verb, m.num)
	case KindRepeat:
		if quoted {
			return fmt.Sprintf("%s is %q written %d times", subj, m.text, m.num)
		}
		return fmt.Sprintf("%s%sone block written %d times", subj, verb, m.num)
	case KindYear:
		return subj + verb + "a year"
	case KindDate:
		return subj + verb + "a date"
	case KindTimestamp:
		return fmt.Sprintf("%s%sa Unix time (%s)", subj, verb, time.Unix(m.when, 0).UTC().Format("2006-01-02"))
	case KindToken:
		return fmt.Sprintf("%s%sa JSON Web Token (alg %s), not a key: a token is handed to every client and shows up in logs and browsers, so whoever has seen it has the secret", subj, verb, m.text)
	case KindUUID:
		return fmt.Sprintf("%s%sa UUID (version %d): at most 122 random bits, short of the 256 HS256 needs", subj, verb, m.num)
	}
	return subj + verb + "a pattern"
}
