package scan

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/jwtkey/jwtkey/strength"
)

// Finding is one secret, or one file, that should not be where it is.
type Finding struct {
	RuleID      string
	Description string
	File        string // slash-separated, relative to the scanned directory
	Line        int    // 1-based
	Column      int    // 1-based, in characters
	EndColumn   int    // the column after the secret; 0 for a whole-file finding
	Commit      string // --history: the commit that added the line
	Key         string // the setting or variable name, when the rule knows it
	Verdict     string // strength of the secret: weak, strong, compromised; "" for a file
	Bits        float64
	Message     string
	Fix         string
	Fingerprint string // stable ID for baselines; never derived from the secret

	// Secret is the value found. Reports redact it unless asked not to.
	Secret string
	// Related points at the other place a reused secret is set.
	Related string
	context string // the line with the secret masked, for the fingerprint
}

// Redacted is what reports print instead of a secret.
const Redacted = "REDACTED"

// Severe reports whether the secret can be guessed or is published: worse
// than a strong key in the wrong place, and an error rather than a warning
// in SARIF.
// A private key in the repository is severe whatever it is.
func (f *Finding) Severe() bool {
	return f.Verdict == strength.Weak.String() || f.Verdict == strength.Compromised.String() || f.RuleID == RulePrivateKey
}

// fingerprint identifies a finding across runs without the secret: a hash of
// a weak secret could be reversed by trying the same list an attacker would.
// It covers the rule, the file, the commit, the line with the secret
// masked and the verdict, so it survives lines moving but not the setting
// changing, nor the secret changing for a worse one: a baseline entry made
// for a strong key does not hide "changeme" written in its place.
func (f *Finding) fingerprint() string {
	h := sha256.New()
	for _, s := range []string{f.RuleID, f.File, f.Commit, f.Key, f.context, f.Verdict} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// maskLine replaces the secret in a line so the result can be hashed.
func maskLine(line string, from, to int) string {
	if from < 0 || to > len(line) || from > to {
		return strings.TrimSpace(line)
	}
	return strings.TrimSpace(line[:from] + "\x00" + line[to:])
}

// message words a finding for people.
func message(r *Rule, key, verdict string) string {
	what := "a literal secret"
	if key != "" {
		what = key + " is set to a literal secret"
	}
	switch r.kind {
	case kindCall, kindWindow:
		what = "a JWT library is given a literal secret"
		if r.ID == RuleHMAC {
			what = "an HMAC over a JWT is keyed with a literal secret"
		}
	case kindToken:
		return "a JWT signed with a published or guessable secret"
	case kindKey:
		return "a private key (" + key + ") is in the repository"
	case kindFallback:
		what = "the default of " + key + " is a literal secret"
	}
	switch verdict {
	case "weak":
		return what + " that can be guessed"
	case "compromised":
		return what + " that is published"
	case "strong":
		return what + ", strong but in the repository"
	}
	return what
}

// Snippet returns the line of the finding with the secret replaced by
// Redacted (or shown, if show), trimmed to a readable length.
func (f *Finding) Snippet(show bool) string {
	s := f.context
	if s == "file" {
		return ""
	}
	repl := Redacted
	if show {
		repl = f.Secret
	}
	i := strings.IndexByte(s, 0)
	if i < 0 {
		return printable(trimRunes(s, 0, 160))
	}
	before, after := s[:i], s[i+1:]
	return printable(trimRunes(before, 60, 0)) + repl + printable(trimRunes(after, 0, 60))
}

// printable drops control characters, so a scanned file cannot move the
// cursor or recolour the terminal it is reported to.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' || r == 0x7f || r == 0x9b {
			return '\uFFFD'
		}
		return r
	}, s)
}

// trimRunes keeps the last tail or the first head runes of s, marking a cut
// with an ellipsis.
func trimRunes(s string, tail, head int) string {
	r := []rune(s)
	switch {
	case tail > 0 && len(r) > tail:
		return "…" + string(r[len(r)-tail:])
	case head > 0 && len(r) > head:
		return string(r[:head]) + "…"
	}
	return s
}
