// Package keyring gives an application its JWT keys during a rotation:
// the key that signs, and the keys still accepted for verification, as
// jwtkey env, rotate and retire write them. It closes the loop: generate,
// store, rotate, verify with the old and the new key during the overlap,
// retire. Without that step, rotating logs everyone out.
//
//	ring, err := keyring.FromEnv(keyring.Env{}, keyring.Options{})
//	if err != nil {
//		log.Fatal(err) // a missing, weak or published JWT_SECRET stops the boot
//	}
//	token, err := ring.Sign(jwt.MapClaims{"sub": "alice"})
//	parsed, err := jwt.Parse(token, ring.Keyfunc)
//
// # Sources
//
// FromEnv reads JWT_SECRET and, after jwtkey rotate, JWT_SECRET_PREVIOUS,
// or the variable of any preset.All entry, decoded the way that
// framework decodes it (jjwt's base64; Rails' SECRET_KEY_BASE is used as
// text). Env.File reads a dotenv file instead of the process environment.
// FromJWKS reads a JSON Web Key Set file as jwtkey generate -e jwks and
// jwtkey rotate --jwks write it: the first key signs, every key verifies
// tokens signed with its own "alg" and found by their "kid".
//
// # Weak keys are refused at load
//
// A secret that jwtkey check judges weak or published (package strength),
// or not strong enough for its algorithm (HS512 needs 512 bits and 64
// bytes), and an RSA key under 2048 bits are refused with a
// *WeakKeyError, which matches ErrWeakKey. The previous key is judged too:
// it can forge tokens as long as it is accepted. Options.AllowWeak turns
// the refusal into a warning to Options.Warn, for a migration period.
//
// # Verifying with golang-jwt
//
// Ring.Keyfunc is a jwt.Keyfunc: for a token whose "kid" names one of the
// ring's keys it returns that key; otherwise every key of the token's
// algorithm, the current first, as a jwt.VerificationKeySet. Only the
// algorithms of the keys (or Options.Algorithms) are accepted, and each
// key only for its own algorithm, so there is no "alg" confusion: a
// public key is never taken for an HMAC secret, and "none" is refused.
// Ring.Parse does the same with jwt.WithValidMethods set; Ring.Sign signs
// with the current key and puts its kid in the header.
//
// # go-jose
//
// Ring.JOSEAlgorithms lists the algorithms for jose.ParseSigned and
// jwt.ParseSigned; Ring.VerifyJOSE and Ring.JOSEClaims pick the key the
// same way as Keyfunc. Ring.JOSESigner is a jose.Signer that signs with
// whichever key is current when it is called.
//
// # Reloading without a restart
//
// Ring.Reload reads the source again; Ring.Watch does it when the file
// (or the variables) changed, every interval, until its context ends. The
// keys are swapped atomically: a verification in flight uses the old set
// or the new one, never a mix. A reload that would load a refused key
// keeps the keys in use and says why.
//
// # Remote key sets: github.com/MicahParks/keyfunc
//
// keyring holds an application's own keys. To verify tokens from another
// issuer that publishes a JWKS endpoint, use github.com/MicahParks/keyfunc,
// which fetches, caches and refreshes it; keyring does not do that. The
// two combine in two ways.
//
// An issuer with a key pair publishes the public half of its ring:
// Ring.PublicJWKS is the JSON to serve at /.well-known/jwks.json, and its
// verifiers use keyfunc.NewDefaultCtx with that URL. keyfunc fetches the
// set again when a token names a kid it does not have, so a rotation
// reaches the verifiers on its own; a retirement reaches them at keyfunc's
// next refresh (hourly by default), one more reason why jwtkey retire
// waits for the longest token lifetime.
//
// An application that accepts both its own tokens and another issuer's
// chooses the key source by issuer, never by trying one and then the
// other:
//
//	kf := func(t *jwt.Token) (any, error) {
//		if iss, _ := t.Claims.GetIssuer(); iss == "https://idp.example" {
//			return remote.Keyfunc(t) // a keyfunc.Keyfunc
//		}
//		return ring.Keyfunc(t)
//	}
//
// The package's tests run both against a local httptest JWKS server.
package keyring
