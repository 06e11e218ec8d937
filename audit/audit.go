// Package audit finds out whether a JWT's HMAC secret can be guessed.
//
// PLACEHOLDER API: the audit issue replaces this file. scan compiles
// against ParseToken and FindKnownSecret.
package audit

import (
	"crypto"
	"errors"

	"github.com/jwtkey/jwtkey/internal/fasthmac"
	"github.com/jwtkey/jwtkey/strength"
)

// Token is a parsed compact JWS.
type Token struct {
	Raw          string
	Alg          string
	Header       map[string]any
	Claims       map[string]any // nil when the payload is not a JSON object
	SigningInput []byte         // header.payload, as signed
	Signature    []byte
}

// ParseToken parses a compact JWS (header.payload.signature).
func ParseToken(s string) (*Token, error) { return nil, errors.New("audit: not implemented") }

// FindKnownSecret tries the built-in weak and published secrets
// (strength.Known) against an HMAC-signed token.
func FindKnownSecret(t *Token) (secret []byte, ok bool) {
	h := map[string]crypto.Hash{"HS256": crypto.SHA256, "HS384": crypto.SHA384, "HS512": crypto.SHA512}[t.Alg]
	if h == 0 {
		return nil, false
	}
	v, err := fasthmac.New(h, t.SigningInput, t.Signature)
	if err != nil {
		return nil, false
	}
	for s := range strength.Known() {
		if v.Check(s) {
			return s, true
		}
	}
	return nil, false
}
