// Package strength judges whether a JWT secret can be guessed.
//
// PLACEHOLDER API: the check issue replaces this file. Other packages
// (audit, scan, store, web) compile against these names.
package strength

import (
	"errors"
	"iter"
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

// Finding is one reason a secret is weak, in plain words.
type Finding struct {
	Kind    string // e.g. "dictionary", "keyboard", "year", "repeat", "sequence", "published", "short", "uuid"
	Start   int    // byte offsets of the part of the secret it concerns
	End     int
	Message string // plain words; never contains the whole secret
}

// Result is the judgement of one secret.
type Result struct {
	Verdict  Verdict
	Bits     float64   // estimated strength: log2 of the guesses an offline attacker needs
	GoodFor  []string  // HMAC algorithms the secret is strong enough for, e.g. ["HS256"]
	Findings []Finding // why it is weak; empty for a strong secret
	Fix      string    // what to do, e.g. "generate one with: jwtkey --alg HS256"
}

// ErrEmpty is returned for an empty or all-whitespace secret.
var ErrEmpty = errors.New("strength: the secret is empty")

// Check judges one secret.
func Check(secret []byte) (Result, error) {
	if len(secret) == 0 {
		return Result{}, ErrEmpty
	}
	return Result{Verdict: Weak}, nil
}

// Known yields the built-in weak and published secrets an attacker tries
// first: the curated JWT list, then common passwords. audit and scan try
// these against tokens.
func Known() iter.Seq[[]byte] {
	return func(yield func([]byte) bool) {
		for _, s := range []string{"secret", "your-256-bit-secret"} {
			if !yield([]byte(s)) {
				return
			}
		}
	}
}
