package audit

import (
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/jwtkey/jwtkey/internal/display"
	"github.com/jwtkey/jwtkey/internal/lazyre"
)

// LongLifetime is the lifetime (exp − iat) past which a token is flagged.
// An access token that outlives a working day turns one leak into days of
// access; refresh tokens belong in a server-side store, not in a JWT.
const LongLifetime = 24 * time.Hour

// Severity ranks a finding.
type Severity int

// The severities. Only Critical findings make audit report a failure.
const (
	Info     Severity = iota // worth knowing
	Warning                  // a weakness to fix
	Critical                 // the token can be forged
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Critical:
		return "critical"
	}
	return "unknown"
}

// MarshalText writes the severity by name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Finding is one problem with a token's header or claims.
type Finding struct {
	Severity Severity `json:"severity"`
	Code     string   `json:"code"` // stable identifier, e.g. "alg-none"
	Message  string   `json:"message"`
}

// Summary is what a token says about itself, and what is wrong with it.
type Summary struct {
	Alg      string     `json:"alg"`
	Kid      string     `json:"kid,omitempty"`
	Typ      string     `json:"typ,omitempty"`
	IssuedAt *time.Time `json:"iat,omitempty"`
	Expires  *time.Time `json:"exp,omitempty"`
	// Lifetime is exp − iat; zero when either is missing.
	Lifetime time.Duration `json:"-"`
	Findings []Finding     `json:"findings"`
}

// MarshalJSON writes Lifetime as lifetime_seconds.
func (s Summary) MarshalJSON() ([]byte, error) {
	type plain Summary
	var lt *float64
	if s.Lifetime != 0 {
		v := s.Lifetime.Seconds()
		lt = &v
	}
	return json.Marshal(struct {
		plain
		Lifetime *float64 `json:"lifetime_seconds,omitempty"`
	}{plain(s), lt})
}

// Critical reports whether any finding is Critical.
func (s Summary) Critical() bool {
	for _, f := range s.Findings {
		if f.Severity == Critical {
			return true
		}
	}
	return false
}

// thumbprintLike matches an RFC 7638 SHA-256 thumbprint: 43 base64url
// characters. Key IDs of that shape usually name a public key.
var thumbprintLike = lazyre.New(`^[A-Za-z0-9_-]{43}$`)

// Inspect summarises the token's header and claims and flags what makes
// forged or stolen tokens worth more: no signature, no expiry, long
// lifetimes, and HMAC on a token whose header points at public keys
// (the shape of an algorithm-confusion attack). now is the time expiry is
// judged against.
func (t *Token) Inspect(now time.Time) Summary {
	s := Summary{Alg: t.Alg}
	s.Kid, _ = t.Header["kid"].(string)
	s.Typ, _ = t.Header["typ"].(string)
	add := func(sev Severity, code, format string, a ...any) {
		s.Findings = append(s.Findings, Finding{sev, code, fmt.Sprintf(format, a...)})
	}

	_, isHMAC := hmacHashes[t.Alg]
	switch {
	case t.Alg == "none":
		add(Critical, "alg-none", "alg is %q: the token is not signed, and a server that accepts it accepts forged tokens", t.Header["alg"])
	case isHMAC:
		for _, p := range []string{"jku", "x5u", "jwk", "x5c", "x5t", "x5t#S256"} {
			if _, ok := t.Header[p]; ok {
				add(Warning, "hmac-with-public-key", "%s token carries %q, which points at a public key: if the server trusts the header's alg, a public key used as the HMAC secret forges tokens (algorithm confusion)", t.Alg, p)
			}
		}
		if thumbprintLike().MatchString(s.Kid) {
			add(Info, "hmac-kid-thumbprint", "kid looks like an RFC 7638 thumbprint, which usually names a public key, yet the token is %s", t.Alg)
		}
	}

	if t.Claims == nil {
		add(Info, "payload-not-json", "the payload is not a JSON object: no claims to judge")
		return s
	}
	iat, iatErr := numericDate(t.Claims, "iat")
	exp, expErr := numericDate(t.Claims, "exp")
	for _, err := range []error{iatErr, expErr} {
		if err != nil {
			add(Warning, "bad-date", "%v", err)
		}
	}
	s.IssuedAt, s.Expires = iat, exp
	switch {
	case exp == nil && expErr == nil:
		add(Warning, "no-exp", "no \"exp\" claim: the token never expires, so a stolen one works forever")
	case exp != nil && iat != nil:
		s.Lifetime = exp.Sub(*iat)
		if s.Lifetime > LongLifetime {
			add(Warning, "long-lifetime", "lifetime is %s (exp − iat), more than %s: a stolen token stays useful that long", display.Duration(s.Lifetime), display.Duration(LongLifetime))
		} else if s.Lifetime <= 0 {
			add(Info, "exp-before-iat", "exp is not after iat: the token was never valid")
		}
	}
	if exp != nil && exp.Before(now) {
		add(Info, "expired", "expired %s ago", display.Duration(now.Sub(*exp)))
	}
	return s
}

// numericDate reads a NumericDate claim (RFC 7519 §2): seconds since the
// epoch, possibly fractional.
func numericDate(claims map[string]any, name string) (*time.Time, error) {
	v, ok := claims[name]
	if !ok {
		return nil, nil
	}
	n, ok := v.(json.Number)
	if !ok {
		return nil, fmt.Errorf("%q is not a number", name)
	}
	f, err := n.Float64()
	if err != nil || math.IsInf(f, 0) || math.Abs(f) > 1e13 {
		return nil, fmt.Errorf("%q is not a usable date: %s", name, n)
	}
	sec, frac := math.Modf(f)
	t := time.Unix(int64(sec), int64(frac*1e9)).UTC()
	return &t, nil
}
