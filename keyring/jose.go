package keyring

import (
	"errors"
	"fmt"

	"github.com/go-jose/go-jose/v4"
	josejwt "github.com/go-jose/go-jose/v4/jwt"

	"github.com/jwtkey/jwtkey/keygen"
)

// JOSEAlgorithms returns the algorithms the ring accepts, for go-jose's
// jose.ParseSigned and jwt.ParseSigned, which refuse any other.
func (r *Ring) JOSEAlgorithms() []jose.SignatureAlgorithm {
	var out []jose.SignatureAlgorithm
	for _, a := range r.cur.Load().algs {
		out = append(out, jose.SignatureAlgorithm(a))
	}
	return out
}

// VerifyJOSE verifies a go-jose JSON Web Signature with one signature and
// returns its payload. It picks the keys as Keyfunc does: the key its kid
// names, or each key of its algorithm in turn.
func (r *Ring) VerifyJOSE(sig *jose.JSONWebSignature) ([]byte, error) {
	if len(sig.Signatures) != 1 {
		return nil, fmt.Errorf("keyring: a token has one signature, not %d", len(sig.Signatures))
	}
	var payload []byte
	err := r.tryJOSE(sig.Signatures[0].Protected, func(key any) (err error) {
		payload, err = sig.Verify(key)
		return err
	})
	return payload, err
}

// JOSEClaims verifies a token parsed with go-jose's jwt.ParseSigned and
// decodes its claims into out, as JSONWebToken.Claims does with the right
// key. It does not check "exp" or "nbf": use jwt.Claims.Validate, as with
// go-jose alone.
func (r *Ring) JOSEClaims(tok *josejwt.JSONWebToken, out ...any) error {
	if len(tok.Headers) != 1 {
		return fmt.Errorf("keyring: a token has one signature, not %d", len(tok.Headers))
	}
	return r.tryJOSE(tok.Headers[0], func(key any) error { return tok.Claims(key, out...) })
}

// tryJOSE calls verify with each candidate key for header until one
// verifies the signature.
func (r *Ring) tryJOSE(h jose.Header, verify func(key any) error) error {
	keys, err := r.cur.Load().candidates(h.Algorithm, h.KeyID, h.KeyID != "")
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err = verify(k.verify); !errors.Is(err, jose.ErrCryptoFailure) {
			return err
		}
	}
	return err
}

// JOSESigner returns a jose.Signer that signs with whichever key is
// current when Sign is called, with its kid in the header when it has one
// and "typ": "JWT": after Reload, the same signer uses the new key.
func (r *Ring) JOSESigner() jose.Signer { return currentSigner{r} }

type currentSigner struct{ r *Ring }

func (s currentSigner) Sign(payload []byte) (*jose.JSONWebSignature, error) {
	signer := s.r.cur.Load().signer
	if signer == nil {
		return nil, ErrNoSigningKey
	}
	return signer.Sign(payload)
}

func (s currentSigner) Options() jose.SignerOptions {
	if signer := s.r.cur.Load().signer; signer != nil {
		return signer.Options()
	}
	return jose.SignerOptions{}
}

func newJOSESigner(k Key) (jose.Signer, error) {
	key := k.sign
	if k.ID != "" {
		key = jose.JSONWebKey{Key: k.sign, KeyID: k.ID, Algorithm: string(k.Alg)}
	}
	return jose.NewSigner(jose.SigningKey{Algorithm: jose.SignatureAlgorithm(k.Alg), Key: key}, (&jose.SignerOptions{}).WithType("JWT"))
}

// PublicJWKS returns the public keys of the ring as a JSON Web Key Set,
// the signing key first, with their kid, "alg" and "use": what an issuer
// serves at its JWKS endpoint for its verifiers. Secrets are never
// included; a ring of secrets only is an error.
func (r *Ring) PublicJWKS() ([]byte, error) {
	var pub []jose.JSONWebKey
	for _, k := range r.cur.Load().keys {
		if _, secret := k.verify.([]byte); !secret {
			pub = append(pub, jose.JSONWebKey{Key: k.verify, KeyID: k.ID, Algorithm: string(k.Alg), Use: "sig"})
		}
	}
	if len(pub) == 0 {
		return nil, errors.New("keyring: the ring holds HMAC secrets only, and secrets are never published")
	}
	return keygen.MarshalJWKS(pub...)
}
