package keyring_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	josejwt "github.com/go-jose/go-jose/v4/jwt"
	"github.com/golang-jwt/jwt/v5"

	"github.com/jwtkey/jwtkey/keygen"
	"github.com/jwtkey/jwtkey/keyring"
	"github.com/jwtkey/jwtkey/store"
)

// The whole loop on a .env file: jwtkey env, sign, jwtkey rotate, both
// tokens verify, jwtkey retire, the old token is refused. The store calls
// are what those commands run.
func Example() {
	dir, _ := os.MkdirTemp("", "keyring-example")
	defer os.RemoveAll(dir)
	env := filepath.Join(dir, ".env")

	store.Write(env, store.Options{}) // jwtkey env: JWT_SECRET
	ring, err := keyring.FromEnv(keyring.Env{File: env}, keyring.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	old, _ := ring.Sign(jwt.MapClaims{"sub": "alice"})

	store.Rotate(env, store.Options{}) // jwtkey rotate: JWT_SECRET_PREVIOUS
	ring.Reload()
	current, _ := ring.Sign(jwt.MapClaims{"sub": "bob"})
	check := func(when, name, token string) {
		if _, err := jwt.Parse(token, ring.Keyfunc); errors.Is(err, jwt.ErrTokenSignatureInvalid) {
			fmt.Printf("%s, %s token: refused, its signature matches no key\n", when, name)
			return
		} else if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s, %s token: accepted\n", when, name)
	}
	check("after rotate", "old", old)
	check("after rotate", "new", current)

	store.Retire(env, store.Options{}) // jwtkey retire
	ring.Reload()
	check("after retire", "old", old)
	check("after retire", "new", current)
	// Output:
	// after rotate, old token: accepted
	// after rotate, new token: accepted
	// after retire, old token: refused, its signature matches no key
	// after retire, new token: accepted
}

// A published secret stops the boot.
func ExampleFromEnv_weak() {
	os.Setenv("JWT_SECRET", "your-256-bit-secret")
	defer os.Unsetenv("JWT_SECRET")

	_, err := keyring.FromEnv(keyring.Env{}, keyring.Options{})
	fmt.Println(err)
	fmt.Println(errors.Is(err, keyring.ErrWeakKey))
	// Output:
	// keyring: $JWT_SECRET: compromised: the secret is public, so anyone can sign tokens with it
	// true
}

// During a migration, AllowWeak loads a weak key and warns instead.
func ExampleOptions_allowWeak() {
	env := keyring.Env{Lookup: func(name string) (string, bool) {
		if name == "JWT_SECRET" {
			return "myappjwtkey2024", true
		}
		return "", false
	}}
	_, err := keyring.FromEnv(env, keyring.Options{
		AllowWeak: true,
		Warn:      func(err error) { fmt.Println("warning:", err) },
	})
	fmt.Println("loaded:", err == nil)
	// Output:
	// warning: keyring: $JWT_SECRET: weak: about 43 bits, crackable offline from a single signed token (loaded anyway: AllowWeak is set)
	// loaded: true
}

// A key set as jwtkey generate -e jwks and rotate --jwks write it: tokens
// carry the kid of the key that signed them.
func ExampleFromJWKS() {
	dir, _ := os.MkdirTemp("", "keyring-example")
	defer os.RemoveAll(dir)
	keys := filepath.Join(dir, "keys.json")
	signer, _ := keygen.GenerateKeyPair(keygen.ES256) // jwtkey generate --alg ES256 -e jwks
	jwk, _ := keygen.PrivateJWK(signer, keygen.ES256)
	set, _ := keygen.MarshalJWKS(jwk)
	os.WriteFile(keys, set, 0o600)

	ring, err := keyring.FromJWKS(keys, keyring.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	old, _ := ring.Sign(jwt.MapClaims{"sub": "alice"})

	store.RotateJWKS(keys, store.Options{Alg: keygen.EdDSA}) // jwtkey rotate --jwks keys.json --alg EdDSA
	ring.Reload()
	current, _ := ring.Sign(jwt.MapClaims{"sub": "bob"})
	for _, tok := range []string{old, current} {
		t, err := jwt.Parse(tok, ring.Keyfunc)
		fmt.Println(t.Method.Alg(), err == nil)
	}

	store.RetireJWKS(keys, nil, store.Options{}) // jwtkey retire --jwks keys.json
	ring.Reload()
	_, err = jwt.Parse(old, ring.Keyfunc)
	fmt.Println(err != nil, ring.Algorithms())
	// Output:
	// ES256 true
	// EdDSA true
	// true [EdDSA]
}

// go-jose: a signer that follows the current key, and verification by kid.
func ExampleRing_JOSESigner() {
	env := keyring.Env{Lookup: func(name string) (string, bool) {
		if name == "JWT_SECRET" {
			return "0a1ba0b8ceeb6bc11f6db56ef6f4cc59d78fff665796cf65fb5483ab793b5bd7", true // TESTING KEY
		}
		return "", false
	}}
	ring, err := keyring.FromEnv(env, keyring.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	raw, _ := josejwt.Signed(ring.JOSESigner()).Claims(josejwt.Claims{Subject: "alice", Expiry: josejwt.NewNumericDate(time.Now().Add(time.Hour))}).Serialize()

	tok, err := josejwt.ParseSigned(raw, ring.JOSEAlgorithms())
	if err != nil {
		fmt.Println(err)
		return
	}
	var c josejwt.Claims
	if err := ring.JOSEClaims(tok, &c); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Subject, c.Validate(josejwt.Expected{Time: time.Now()}) == nil)
	// Output: alice true
}
