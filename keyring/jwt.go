package keyring

import (
	"fmt"

	"github.com/golang-jwt/jwt/v5"
)

// Keyfunc is a jwt.Keyfunc for golang-jwt/v5. For a token with a "kid"
// that the ring's keys have, it returns the key with that kid; otherwise
// every key of the token's algorithm, the current one first, as a
// jwt.VerificationKeySet, which golang-jwt tries in turn. A token signed
// with an algorithm the ring does not accept, or with another algorithm
// than its key's, is refused with ErrAlgorithm, so a public key is never
// used as an HMAC secret. The keys are those of the ring at the call:
// after Reload, the next token sees the new ones.
func (r *Ring) Keyfunc(t *jwt.Token) (any, error) {
	if t.Method == nil {
		return nil, fmt.Errorf("%w: the token names no algorithm", ErrAlgorithm)
	}
	kid, hasKID := t.Header["kid"]
	s, ok := kid.(string)
	if hasKID && !ok {
		return nil, fmt.Errorf("%w: the token's kid is not a string", ErrUnknownKey)
	}
	keys, err := r.cur.Load().candidates(t.Method.Alg(), s, hasKID)
	if err != nil {
		return nil, err
	}
	if len(keys) == 1 {
		return keys[0].verify, nil
	}
	var set jwt.VerificationKeySet
	for _, k := range keys {
		set.Keys = append(set.Keys, k.verify)
	}
	return set, nil
}

// Parse verifies a token with the ring and decodes its claims into claims
// (jwt.MapClaims when nil), with golang-jwt's checks of "exp", "nbf" and
// the options given. Only the ring's algorithms are accepted.
func (r *Ring) Parse(token string, claims jwt.Claims, opts ...jwt.ParserOption) (*jwt.Token, error) {
	if claims == nil {
		claims = jwt.MapClaims{}
	}
	var algs []string
	for _, a := range r.cur.Load().algs {
		algs = append(algs, string(a))
	}
	opts = append([]jwt.ParserOption{jwt.WithValidMethods(algs)}, opts...)
	return jwt.ParseWithClaims(token, claims, r.Keyfunc, opts...)
}

// Sign returns a token for claims, signed with the current key, with the
// key's kid in the header when it has one.
func (r *Ring) Sign(claims jwt.Claims) (string, error) {
	k := r.Current()
	if !k.CanSign() {
		return "", ErrNoSigningKey
	}
	t := jwt.NewWithClaims(jwt.GetSigningMethod(string(k.Alg)), claims)
	if k.ID != "" {
		t.Header["kid"] = k.ID
	}
	return t.SignedString(k.sign)
}
