package audit

import (
	"encoding/hex"
	"encoding/json"
	"unicode/utf8"
)

// Report is the audit of one token, as jwtkey audit --json writes it.
type Report struct {
	Line    int      `json:"line,omitempty"` // line of the token in its file, if any
	Summary *Summary `json:"summary,omitempty"`
	Result  *Result  `json:"result,omitempty"`
	Error   string   `json:"error,omitempty"`
}

// MarshalJSON writes the result with the secret as text (when it is valid
// UTF-8) and as hex, durations in seconds, and the resume point only when
// there is one.
func (r *Result) MarshalJSON() ([]byte, error) {
	out := struct {
		Found       bool          `json:"found"`
		Secret      *string       `json:"secret,omitempty"`
		SecretHex   *string       `json:"secret_hex,omitempty"`
		Source      *Source       `json:"source,omitempty"`
		Attacks     []AttackStats `json:"attacks"`
		Candidates  uint64        `json:"candidates"`
		Seconds     float64       `json:"seconds"`
		Rate        float64       `json:"rate"`
		Interrupted bool          `json:"interrupted"`
		Resume      *uint64       `json:"resume_skip,omitempty"`
	}{
		Found: r.Found, Attacks: r.Attacks, Candidates: r.Candidates,
		Seconds: r.Elapsed.Seconds(), Rate: r.Rate(), Interrupted: r.Interrupted,
	}
	if out.Attacks == nil {
		out.Attacks = []AttackStats{}
	}
	if r.Found {
		h := hex.EncodeToString(r.Secret)
		out.SecretHex, out.Source = &h, &r.Source
		if utf8.Valid(r.Secret) {
			s := string(r.Secret)
			out.Secret = &s
		}
	}
	if r.ResumeValid {
		out.Resume = &r.Resume
	}
	return json.Marshal(out)
}
