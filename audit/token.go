package audit

import (
	"bytes"
	"crypto"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
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

// ErrMalformed is wrapped by every error ParseToken returns for input that
// is not a compact JWS.
var ErrMalformed = errors.New("audit: malformed token")

// maxTokenLen bounds what ParseToken reads: real tokens are a few
// kilobytes; a megabyte is a mistake, not a JWT.
const maxTokenLen = 1 << 20

// The algorithms of RFC 7518 §3.1 and RFC 8037, and the hash behind each
// HMAC one.
var (
	hmacHashes = map[string]crypto.Hash{"HS256": crypto.SHA256, "HS384": crypto.SHA384, "HS512": crypto.SHA512}
	publicAlgs = map[string]bool{
		"RS256": true, "RS384": true, "RS512": true,
		"PS256": true, "PS384": true, "PS512": true,
		"ES256": true, "ES384": true, "ES512": true, "ES256K": true,
		"EdDSA": true, "Ed25519": true, "Ed448": true,
	}
)

// NotHMACError reports a token signed with a public-key algorithm: its
// signature cannot be checked against guessed secrets.
type NotHMACError struct{ Alg string }

func (e *NotHMACError) Error() string {
	if e.Alg == "none" {
		return "audit: the token is unsigned (alg none): there is no secret to guess"
	}
	return fmt.Sprintf("audit: %s is a public-key algorithm: only HMAC secrets (HS256, HS384, HS512) can be guessed", e.Alg)
}

// ParseToken parses a compact JWS (header.payload.signature). Surrounding
// white space and a leading "Bearer " are ignored. The header must be a JSON
// object with a known alg; tokens signed with public-key algorithms and
// alg none parse too, so their headers can be judged, but only HMAC tokens
// can be cracked (see Token.Hash).
func ParseToken(s string) (*Token, error) {
	s = strings.TrimSpace(s)
	if len(s) > 7 && strings.EqualFold(s[:7], "bearer ") {
		s = strings.TrimSpace(s[7:])
	}
	if s == "" {
		return nil, fmt.Errorf("%w: empty input", ErrMalformed)
	}
	if len(s) > maxTokenLen {
		return nil, fmt.Errorf("%w: %d bytes is too long for a JWT", ErrMalformed, len(s))
	}
	parts := strings.Split(s, ".")
	switch n := len(parts); {
	case n == 5:
		return nil, fmt.Errorf("%w: 5 dot-separated parts is an encrypted JWE, not a signed JWS: it has no HMAC signature to audit", ErrMalformed)
	case n != 3:
		return nil, fmt.Errorf("%w: a compact JWS has 3 dot-separated parts (header.payload.signature), this has %d", ErrMalformed, n)
	}
	hdr, err := decodePart("header", parts[0])
	if err != nil {
		return nil, err
	}
	payload, err := decodePart("payload", parts[1])
	if err != nil {
		return nil, err
	}
	sig, err := decodePart("signature", parts[2])
	if err != nil {
		return nil, err
	}
	t := &Token{Raw: s, SigningInput: []byte(s[:len(parts[0])+1+len(parts[1])]), Signature: sig}
	if t.Header, err = decodeObject(hdr); err != nil {
		return nil, fmt.Errorf("%w: the header is not a JSON object: %v", ErrMalformed, err)
	}
	alg, ok := t.Header["alg"].(string)
	switch {
	case t.Header["alg"] == nil:
		return nil, fmt.Errorf("%w: the header has no \"alg\"", ErrMalformed)
	case !ok:
		return nil, fmt.Errorf("%w: the header's \"alg\" is not a string", ErrMalformed)
	case strings.EqualFold(alg, "none"):
		alg = "none"
	case hmacHashes[alg] == 0 && !publicAlgs[alg]:
		return nil, fmt.Errorf("%w: unknown alg %q", ErrMalformed, alg)
	}
	t.Alg = alg
	if h := hmacHashes[alg]; h != 0 && len(sig) != h.Size() {
		return nil, fmt.Errorf("%w: an %s signature is %d bytes, this one is %d", ErrMalformed, alg, h.Size(), len(sig))
	}
	// A payload need not be JSON (RFC 7515); claims are read only when it is.
	t.Claims, _ = decodeObject(payload)
	return t, nil
}

// Hash returns the hash behind the token's HMAC algorithm, or a
// *NotHMACError for alg none and public-key algorithms.
func (t *Token) Hash() (crypto.Hash, error) {
	if h := hmacHashes[t.Alg]; h != 0 {
		return h, nil
	}
	return 0, &NotHMACError{Alg: t.Alg}
}

func decodePart(name, s string) ([]byte, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		hint := ""
		if strings.ContainsAny(s, "+/=") {
			hint = " (JWTs use unpadded base64url: '-' and '_', no '=')"
		}
		return nil, fmt.Errorf("%w: the %s is not base64url%s: %v", ErrMalformed, name, hint, err)
	}
	return b, nil
}

// decodeObject decodes one JSON object, keeping numbers exact.
func decodeObject(b []byte) (map[string]any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		return nil, err
	}
	if m == nil {
		return nil, errors.New("null")
	}
	if len(bytes.TrimSpace(b[d.InputOffset():])) != 0 {
		return nil, errors.New("trailing data after the object")
	}
	return m, nil
}
