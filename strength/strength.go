package strength

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"unicode"
	"unicode/utf8"
)

// Verdict is the overall judgement of a secret.
type Verdict int

// The verdicts.
const (
	Strong      Verdict = iota // random enough for its algorithm
	Weak                       // guessable, too short, or patterned
	Compromised                // published or known leaked: must be replaced
)

func (v Verdict) String() string {
	switch v {
	case Strong:
		return "strong"
	case Weak:
		return "weak"
	case Compromised:
		return "compromised"
	}
	return "unknown"
}

// MarshalText writes the verdict as its name, for JSON.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// Finding is one reason a secret is weak, in plain words.
type Finding struct {
	Kind    string `json:"kind"`  // see the Kind constants
	Start   int    `json:"start"` // byte offsets of the part of the secret it concerns
	End     int    `json:"end"`
	Message string `json:"message"` // plain words; never contains the whole secret
}

// Finding kinds.
const (
	KindPublished  = "published"  // a secret printed in docs, READMEs, tutorials, articles
	KindLeaked     = "leaked"     // found in a caller's list of leaked secrets
	KindDictionary = "dictionary" // a common password, English word or name
	KindKeyboard   = "keyboard"   // a walk along a keyboard or number pad
	KindMash       = "mashing"    // typed by a hand running over the keys: asdkjfhqwpoeiru
	KindSequence   = "sequence"   // abcd, 1234, 02468, 0123…def, a1b2c3…, !#%')+…
	KindPattern    = "pattern"    // a fixed pattern of character classes: x7K9mP2vQ…
	KindInvented   = "invented"   // made up to look random by a person or an assistant: Xk9mP2vL8nQ4rT7w…
	KindText       = "text"       // letters that read as words run together: thisismysecretkey, ditisdegeheimesleutel
	KindRepeat     = "repeat"     // aaaa, abcabc, the same key twice
	KindYear       = "year"       // 1900 to a few years ahead
	KindDate       = "date"       // 2024-01-15, 15011990
	KindTimestamp  = "timestamp"  // a Unix time in seconds or milliseconds
	KindUUID       = "uuid"       // at most 122 random bits
	KindEncoding   = "encoding"   // hex or base64 of text: judged as that text
	KindToken      = "token"      // a whole JSON Web Token pasted as the secret
	KindShort      = "short"      // fewer than MinLength characters
	KindCharset    = "charset"    // random, but from too small an alphabet for its length
)

// Strength thresholds, in bits of estimated guessing work.
const (
	// CrackableBits is the line below which an offline attacker with one
	// signed token can find the secret with today's hardware.
	CrackableBits = 128
	// MinLength is the seed article's rule of thumb, and the size of an
	// HS256 key: shorter than 32 characters is not long enough.
	MinLength = 32
	// MaxLength caps the input. HMAC hashes keys longer than its block size
	// (64 bytes for HS256, 128 for HS384 and HS512) down to the hash size,
	// so nothing past 1 KiB makes a key stronger; the cap keeps Check's cost
	// bounded.
	MaxLength = 1024
)

// Result is the judgement of one secret.
type Result struct {
	Verdict  Verdict   `json:"verdict"`
	Bits     float64   `json:"bits"`     // estimated strength: log2 of the guesses an offline attacker needs
	GoodFor  []string  `json:"good_for"` // HMAC algorithms the secret is strong enough for, e.g. ["HS256"]
	Length   int       `json:"length"`   // in characters
	Findings []Finding `json:"findings"` // why it is weak; empty for a strong secret
	Fix      string    `json:"fix,omitempty"`

	size int // bytes in the secret
}

// MarshalJSON writes the result with bits rounded to a tenth, empty lists
// as [] and a one-line summary.
func (r Result) MarshalJSON() ([]byte, error) {
	type plain Result
	p := plain(r)
	p.Bits = math.Round(r.Bits*10) / 10
	if p.GoodFor == nil {
		p.GoodFor = []string{}
	}
	if p.Findings == nil {
		p.Findings = []Finding{}
	}
	return json.Marshal(struct {
		plain
		Summary string `json:"summary"`
	}{p, r.Summary()})
}

// Crackable reports whether an offline attacker holding one signed token
// could find the secret.
func (r Result) Crackable() bool { return r.Bits < CrackableBits }

// Summary says in one line what the verdict means.
func (r Result) Summary() string {
	bits := int(math.Floor(r.Bits))
	switch {
	case r.Verdict == Compromised:
		return "compromised: the secret is public, so anyone can sign tokens with it"
	case r.Verdict == Strong:
		return fmt.Sprintf("strong: about %d bits, good for %s", bits, joinAnd(r.GoodFor))
	case r.Crackable():
		return fmt.Sprintf("weak: about %d bits, crackable offline from a single signed token", bits)
	case r.Length < MinLength:
		return fmt.Sprintf("weak: about %d bits, but shorter than %d characters", bits, MinLength)
	default:
		return fmt.Sprintf("weak: about %d bits; not crackable today, but below the 256 bits HS256 needs", bits)
	}
}

func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return "nothing"
	case 1:
		return s[0]
	}
	out := s[0]
	for _, x := range s[1 : len(s)-1] {
		out += ", " + x
	}
	return out + " and " + s[len(s)-1]
}

// Errors for input Check will not judge. Each is wrapped with detail; test
// with errors.Is.
var (
	// ErrEmpty is returned for an empty or all-whitespace secret.
	ErrEmpty = errors.New("strength: the secret is empty")
	// ErrTooLong is returned for a secret longer than MaxLength bytes.
	ErrTooLong = errors.New("strength: the secret is too long")
	// ErrNotText is returned for a secret holding NUL, control or invalid
	// UTF-8 bytes. Check judges secrets as they are written in a config
	// file; judge a raw binary key by its hex or base64 form.
	ErrNotText = errors.New("strength: the secret is not text")
)

// validate applies the input rules. Offsets, never content, go into the
// errors: the input is a secret.
func validate(secret []byte) error {
	if len(secret) == 0 {
		return ErrEmpty
	}
	if len(secret) > MaxLength {
		return fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLong, len(secret), MaxLength)
	}
	blank := true
	for i := 0; i < len(secret); {
		r, size := utf8.DecodeRune(secret[i:])
		if r == utf8.RuneError && size <= 1 {
			return fmt.Errorf("%w: invalid UTF-8 at byte %d", ErrNotText, i)
		}
		if r == 0 {
			return fmt.Errorf("%w: a NUL byte at byte %d", ErrNotText, i)
		}
		if unicode.IsControl(r) && r != '\t' {
			return fmt.Errorf("%w: a control character at byte %d", ErrNotText, i)
		}
		if !unicode.IsSpace(r) {
			blank = false
		}
		i += size
	}
	if blank {
		return fmt.Errorf("%w: only whitespace", ErrEmpty)
	}
	return nil
}

// Check judges one secret: how many guesses an offline attacker holding a
// token signed with it would need, which HMAC algorithms it is strong
// enough for, and why not. See the package documentation for the model.
func Check(secret []byte) (Result, error) {
	if err := validate(secret); err != nil {
		return Result{}, err
	}
	loadOnce.Do(load)
	e := analyze(secret, 0)
	return e.result(secret), nil
}

// MarkLeaked records that the secret was found in a list of leaked secrets
// (where names the list): the verdict becomes Compromised.
func (r *Result) MarkLeaked(where string) {
	f := Finding{Kind: KindLeaked, Start: 0, End: -1, Message: "the secret is in " + where + ": treat it as known to attackers"}
	r.compromise(f)
}

func (r *Result) compromise(f Finding) {
	r.Verdict = Compromised
	r.GoodFor = nil
	r.Bits = 0
	if f.End < 0 {
		f.End = r.size
	}
	r.Findings = append([]Finding{f}, r.Findings...)
	r.Fix = "replace it everywhere it is used, with a new one from: jwtkey"
}

// hmacAlgs lists the HMAC algorithms with the entropy and key length each
// needs (RFC 7518 §3.2: a key at least as long as the hash output).
var hmacAlgs = []struct {
	name   string
	bits   float64
	length int
}{
	{"HS256", 256, 32},
	{"HS384", 384, 48},
	{"HS512", 512, 64},
}
