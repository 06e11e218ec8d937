package strength

import (
	"crypto/rand"
	"encoding/base64"
	"strings"
	"testing"
)

// TestEmbeddedText: base64 of text found inside a longer secret is priced
// as that text, at the alignment where it decodes; the finding gives the
// fragment's place.
func TestEmbeddedText(t *testing.T) {
	loadOnce.Do(load)
	text := base64.StdEncoding.EncodeToString([]byte(`{"user":"maria.silva@example.com","plan":"gold","since":2019}`))
	for _, tc := range []struct {
		name, secret string
		i, j         int // the fragment, in groups of four from i
	}{
		{"cut at both ends", "x" + text[3:len(text)-4] + "k7#Q", 2, 2 + len(text) - 8},
		{"random around it", "Zp8!" + text + "!rT2", 4, 4 + len(text) - 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ms []match
			matchEmbeddedText([]byte(tc.secret), 0, false, &ms)
			found := false
			for _, m := range ms {
				if m.kind == KindEncoding && m.i == tc.i && m.j == tc.j {
					found = true
				}
			}
			if !found {
				t.Fatalf("no fragment [%d,%d) in %v", tc.i, tc.j, spans(ms))
			}
			r, err := Check([]byte(tc.secret))
			if err != nil {
				t.Fatal(err)
			}
			if r.Verdict != Weak || !hasKind(r, KindEncoding) {
				t.Errorf("%s (%v), want weak with an encoding finding", r.Summary(), kinds(r))
			}
		})
	}
}

// TestEmbeddedTextNotInRandom: the base64 of random bytes, and random
// base64 characters in a longer string, never hold a fragment of text.
func TestEmbeddedTextNotInRandom(t *testing.T) {
	loadOnce.Do(load)
	for range 2000 {
		b := make([]byte, 96)
		rand.Read(b)
		s := base64.RawURLEncoding.EncodeToString(b)
		var ms []match
		matchEmbeddedText([]byte(s), 0, false, &ms)
		if len(ms) > 0 {
			t.Fatalf("TESTING KEY %s: fragments %v", s, spans(ms))
		}
	}
}

// TestToken: a whole JSON Web Token is not a key; three dotted parts
// without a JSON header naming an algorithm are not a token.
func TestToken(t *testing.T) {
	loadOnce.Do(load)
	enc := base64.RawURLEncoding.EncodeToString
	sig := enc([]byte("0123456789abcdef0123456789abcdef"))
	for _, tc := range []struct {
		secret string
		token  bool
	}{
		{enc([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc([]byte(`{"sub":"7","role":"admin"}`)) + "." + sig, true},
		{enc([]byte(`{"alg":"none"}`)) + "." + enc([]byte(`{"sub":"7"}`)) + ".", true},
		{enc([]byte(`{"typ":"JWT"}`)) + "." + enc([]byte(`{"sub":"7"}`)) + "." + sig, false},
		{enc([]byte(`not json at all`)) + "." + enc([]byte(`{"sub":"7"}`)) + "." + sig, false},
		{enc([]byte(`{"alg":"HS256"}`)) + "." + enc([]byte(`{"sub":"7"}`)) + "." + sig + ".x", false},
		{"part.one.two-and-more-characters-to-be-long", false},
	} {
		var ms []match
		matchToken([]byte(tc.secret), 0, &ms)
		if got := len(ms) == 1 && ms[0].kind == KindToken; got != tc.token {
			t.Errorf("%q: token %v, want %v", tc.secret, got, tc.token)
		}
		if !tc.token {
			continue
		}
		r, err := Check([]byte(tc.secret))
		if err != nil {
			t.Fatal(err)
		}
		if r.Verdict != Compromised || !hasKind(r, KindToken) {
			t.Errorf("%q: %s (%v), want compromised by a token finding", tc.secret, r.Summary(), kinds(r))
		}
		for _, f := range r.Findings {
			if strings.Contains(f.Message, tc.secret[:len(tc.secret)/2+1]) {
				t.Errorf("finding quotes the token: %s", f.Message)
			}
		}
	}
}

// TestScriptAlphabet: a secret in Cyrillic or Greek letters is
// brute-forced over that alphabet in the cases it uses, not priced as if
// each letter came from all of Unicode; ideographs still are.
func TestScriptAlphabet(t *testing.T) {
	for _, tc := range []struct {
		secret string
		alpha  int
	}{
		{"ПРИВЕТ-МИР", 36 + 33},
		{"привет мир", 36 + 33},
		{"Привет", 72},
		{"καλημέρα", 24},
		{"contraseña", 26 + 32},
		{"密码密码", 0},
	} {
		e := &estimate{}
		costs, _ := e.bruteCosts([]byte(tc.secret))
		if e.alphabet != tc.alpha {
			t.Errorf("%q: alphabet %d, want %d", tc.secret, e.alphabet, tc.alpha)
		}
		if tc.alpha == 0 && costs[0] != otherRuneBits {
			t.Errorf("%q: %v bits for an ideograph, want %d", tc.secret, costs[0], otherRuneBits)
		}
	}
}

func spans(ms []match) [][2]int {
	var out [][2]int
	for _, m := range ms {
		out = append(out, [2]int{m.i, m.j})
	}
	return out
}

func hasKind(r Result, kind string) bool {
	for _, f := range r.Findings {
		if f.Kind == kind {
			return true
		}
	}
	return false
}
