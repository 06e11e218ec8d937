package keygen_test

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"math/big"
	"regexp"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/golang-jwt/jwt/v5"

	"github.com/jwtkey/jwtkey/keygen"
)

// RFC 7638 §3.1: the thumbprint of the example RSA key.
func TestThumbprintRFC7638(t *testing.T) {
	const (
		n    = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"
		want = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
	)
	nb, err := base64.RawURLEncoding.DecodeString(n)
	if err != nil {
		t.Fatal(err)
	}
	pub := &rsa.PublicKey{N: new(big.Int).SetBytes(nb), E: 65537}
	got, err := keygen.Thumbprint(pub)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("Thumbprint = %s, want %s", got, want)
	}
}

func TestParseAlgorithm(t *testing.T) {
	tests := []struct {
		in      string
		want    keygen.Algorithm
		wantErr bool
	}{
		{"HS256", keygen.HS256, false},
		{"hs512", keygen.HS512, false},
		{"eddsa", keygen.EdDSA, false},
		{"PS384", keygen.PS384, false},
		{"none", "", true},
		{"HS128", "", true},
		{"", "", true},
	}
	for _, tt := range tests {
		got, err := keygen.ParseAlgorithm(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseAlgorithm(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestGenerateHMACSizes(t *testing.T) {
	tests := []struct {
		alg     keygen.Algorithm
		size    int
		wantErr bool
	}{
		{keygen.HS256, 32, false},
		{keygen.HS256, 31, true},
		{keygen.HS256, 64, false},
		{keygen.HS384, 48, false},
		{keygen.HS384, 32, true},
		{keygen.HS512, 64, false},
		{keygen.HS512, 63, true},
		{keygen.HS512, keygen.MaxHMACSize, false},
		{keygen.HS512, keygen.MaxHMACSize + 1, true},
		{keygen.RS256, 32, true},
	}
	for _, tt := range tests {
		key, err := keygen.GenerateHMACSize(tt.alg, tt.size)
		if tt.wantErr {
			if err == nil {
				t.Errorf("GenerateHMACSize(%s, %d): no error", tt.alg, tt.size)
			}
			continue
		}
		if err != nil || len(key) != tt.size {
			t.Errorf("GenerateHMACSize(%s, %d) = %d bytes, %v", tt.alg, tt.size, len(key), err)
		}
	}
	var se *keygen.SizeError
	if _, err := keygen.GenerateHMACSize(keygen.HS384, 10); !errors.As(err, &se) || se.Min != 48 {
		t.Errorf("short HS384 key: error %v, want *SizeError with Min 48", err)
	}
	for _, alg := range []keygen.Algorithm{keygen.HS256, keygen.HS384, keygen.HS512} {
		key, err := keygen.GenerateHMAC(alg)
		if err != nil || len(key) != alg.HashSize() {
			t.Errorf("GenerateHMAC(%s) = %d bytes, %v; want %d", alg, len(key), err, alg.HashSize())
		}
	}
}

func TestEncodedLengths(t *testing.T) {
	alphabets := map[keygen.Encoding]*regexp.Regexp{
		keygen.Hex:       regexp.MustCompile(`^[0-9a-f]+$`),
		keygen.Base64:    regexp.MustCompile(`^[A-Za-z0-9+/]+=*$`),
		keygen.Base64URL: regexp.MustCompile(`^[A-Za-z0-9_-]+$`),
	}
	want := map[keygen.Encoding]map[int]int{
		keygen.Hex:       {32: 64, 48: 96, 64: 128},
		keygen.Base64:    {32: 44, 48: 64, 64: 88},
		keygen.Base64URL: {32: 43, 48: 64, 64: 86},
		keygen.Raw:       {32: 32, 48: 48, 64: 64},
	}
	for enc, sizes := range want {
		for size, n := range sizes {
			key, _ := keygen.GenerateInsecureHMAC(size)
			out, err := keygen.EncodeSecret(key, enc)
			if err != nil {
				t.Fatal(err)
			}
			if len(out) != n || keygen.EncodedLen(size, enc) != n {
				t.Errorf("%s of %d bytes: %d characters (EncodedLen %d), want %d", enc, size, len(out), keygen.EncodedLen(size, enc), n)
			}
			if re := alphabets[enc]; re != nil && !re.Match(out) {
				t.Errorf("%s output %q outside its alphabet", enc, out)
			}
		}
	}
	if _, err := keygen.EncodeSecret([]byte("x"), keygen.PEM); err == nil {
		t.Error("EncodeSecret(PEM): no error")
	}
}

func TestDistinct(t *testing.T) {
	seen := make(map[string]bool, 10000)
	for range 10000 {
		k, err := keygen.GenerateHMAC(keygen.HS256)
		if err != nil {
			t.Fatal(err)
		}
		if seen[string(k)] {
			t.Fatalf("duplicate key %x", k)
		}
		seen[string(k)] = true
	}
}

// TestByteFrequency is a chi-square test on 1 MiB of generated keys. A
// uniform generator fails it with probability about 1e-6; a generator stuck
// on a few values, or skewed towards printable bytes, fails it always.
func TestByteFrequency(t *testing.T) {
	var counts [256]int
	total := 0
	for total < 1<<20 {
		k, err := keygen.GenerateHMAC(keygen.HS512)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range k {
			counts[b]++
		}
		total += len(k)
	}
	if chi := chiSquare(counts[:], total); chi > 375 {
		t.Errorf("chi-square over byte frequencies = %.1f, want < 375 (255 degrees of freedom, p ≈ 1e-6)", chi)
	}
}

func chiSquare(counts []int, total int) float64 {
	expected := float64(total) / float64(len(counts))
	chi := 0.0
	for _, c := range counts {
		d := float64(c) - expected
		chi += d * d / expected
	}
	return chi
}

// The chi-square test must be able to fail: a skewed source scores far
// above the threshold.
func TestChiSquareDetectsSkew(t *testing.T) {
	var counts [256]int
	total := 0
	for i := 0; total < 1<<20; i++ {
		b := byte(i % 200) // never produces 200..255
		counts[b]++
		total++
	}
	if chi := chiSquare(counts[:], total); chi < 375 {
		t.Errorf("skewed source scored %.1f, below the threshold", chi)
	}
}

// Every key round-trips: a JWT signed with it verifies with it (or with its
// public half), with golang-jwt as an independent implementation.
func TestSignVerifyRoundTrip(t *testing.T) {
	claims := jwt.MapClaims{"sub": "test", "exp": time.Now().Add(time.Hour).Unix()}
	for _, alg := range keygen.Algorithms {
		t.Run(string(alg), func(t *testing.T) {
			method := jwt.GetSigningMethod(string(alg))
			var signKey, verifyKey any
			if alg.IsHMAC() {
				k, err := keygen.GenerateHMAC(alg)
				if err != nil {
					t.Fatal(err)
				}
				signKey, verifyKey = k, k
			} else {
				var k crypto.Signer
				var err error
				if alg.Family() == keygen.FamilyRSA {
					k, err = keygen.GenerateRSA(alg, keygen.MinRSABits) // smallest allowed: fast
				} else {
					k, err = keygen.GenerateKeyPair(alg)
				}
				if err != nil {
					t.Fatal(err)
				}
				if err := keygen.CheckKey(alg, k); err != nil {
					t.Fatal(err)
				}
				signKey, verifyKey = k, k.Public()
				// The JWK and PEM forms must carry the same key.
				pemBytes, err := keygen.MarshalPrivatePEM(k)
				if err != nil {
					t.Fatal(err)
				}
				back, err := keygen.ParsePrivateKey(pemBytes)
				if err != nil {
					t.Fatal(err)
				}
				verifyKey = back.Public()
				jwk, err := keygen.PrivateJWK(k, alg)
				if err != nil {
					t.Fatal(err)
				}
				js, _ := json.Marshal(jwk)
				fromJWK, err := keygen.ParsePrivateKey(js)
				if err != nil {
					t.Fatal(err)
				}
				if !publicEqual(fromJWK.Public(), k.Public()) {
					t.Fatal("JWK round trip changed the key")
				}
			}
			s, err := jwt.NewWithClaims(method, claims).SignedString(signKey)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := jwt.Parse(s, func(*jwt.Token) (any, error) { return verifyKey, nil }, jwt.WithValidMethods([]string{string(alg)})); err != nil {
				t.Errorf("verify: %v", err)
			}
		})
	}
}

func publicEqual(a, b crypto.PublicKey) bool {
	type equaler interface{ Equal(crypto.PublicKey) bool }
	e, ok := a.(equaler)
	return ok && e.Equal(b)
}

func TestKeyPairTypes(t *testing.T) {
	tests := []struct {
		alg  keygen.Algorithm
		want string
	}{
		{keygen.ES256, "P-256"},
		{keygen.ES384, "P-384"},
		{keygen.ES512, "P-521"},
		{keygen.EdDSA, "Ed25519"},
	}
	for _, tt := range tests {
		k, err := keygen.GenerateKeyPair(tt.alg)
		if err != nil {
			t.Fatal(err)
		}
		var got string
		switch k := k.(type) {
		case *ecdsa.PrivateKey:
			got = k.Curve.Params().Name
		case ed25519.PrivateKey:
			got = "Ed25519"
		}
		if got != tt.want {
			t.Errorf("%s key is %s, want %s", tt.alg, got, tt.want)
		}
		if a, _ := keygen.AlgorithmFor(k); a != tt.alg {
			t.Errorf("AlgorithmFor(%s key) = %s", tt.alg, a)
		}
	}
	if _, err := keygen.GenerateRSA(keygen.RS256, 1024); err == nil {
		t.Error("1024-bit RSA accepted without the insecure variant")
	}
	if _, err := keygen.GenerateKeyPair(keygen.HS256); err == nil {
		t.Error("GenerateKeyPair(HS256): no error")
	}
	ec, _ := keygen.GenerateKeyPair(keygen.ES256)
	if err := keygen.CheckKey(keygen.ES384, ec); err == nil {
		t.Error("P-256 key accepted for ES384")
	}
}

func TestSecretJWK(t *testing.T) {
	key := bytes.Repeat([]byte{0xab}, 32)
	jwk := keygen.SecretJWK(key, keygen.HS256, "k1")
	b, err := json.Marshal(jwk)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"kty": "oct", "k": base64.RawURLEncoding.EncodeToString(key), "alg": "HS256", "use": "sig", "kid": "k1"}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("%s = %q, want %q", k, m[k], v)
		}
	}
	if _, err := keygen.ParsePrivateKey(b); err == nil {
		t.Error("ParsePrivateKey accepted a secret JWK")
	}
	// Random key IDs: never the same twice, never derived from the key.
	if a, b := keygen.NewKID(), keygen.NewKID(); a == b || len(a) != 16 {
		t.Errorf("NewKID gave %q and %q", a, b)
	}
}

func TestPublicJWKHasNoPrivateParts(t *testing.T) {
	k, _ := keygen.GenerateKeyPair(keygen.ES256)
	jwk, err := keygen.PublicJWK(k.Public(), keygen.ES256)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(jwk)
	var m map[string]any
	json.Unmarshal(b, &m)
	if _, ok := m["d"]; ok {
		t.Errorf("public JWK holds d: %s", b)
	}
	tp, _ := keygen.Thumbprint(k.Public())
	if m["kid"] != tp {
		t.Errorf("kid %v, want thumbprint %s", m["kid"], tp)
	}
	if _, err := keygen.ParsePrivateKey(b); !errors.Is(err, keygen.ErrNotPrivateKey) {
		t.Errorf("ParsePrivateKey(public JWK) = %v, want ErrNotPrivateKey", err)
	}
}

func TestMarshalJWKS(t *testing.T) {
	var keys []jose.JSONWebKey
	for i := range 3 {
		k, _ := keygen.GenerateHMAC(keygen.HS256)
		keys = append(keys, keygen.SecretJWK(k, keygen.HS256, hex.EncodeToString([]byte{byte(i)})))
	}
	b, err := keygen.MarshalJWKS(keys...)
	if err != nil {
		t.Fatal(err)
	}
	var set jose.JSONWebKeySet
	if err := json.Unmarshal(b, &set); err != nil || len(set.Keys) != 3 {
		t.Fatalf("JWKS round trip: %d keys, %v", len(set.Keys), err)
	}
}

func TestParsePrivateKeyErrors(t *testing.T) {
	for _, in := range []string{"", "not a key", "-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n", `{"kty":"EC"}`, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"} {
		if _, err := keygen.ParsePrivateKey([]byte(in)); err == nil {
			t.Errorf("ParsePrivateKey(%q): no error", in)
		}
	}
}

func FuzzParsePrivateKey(f *testing.F) {
	k, _ := keygen.GenerateKeyPair(keygen.ES256)
	p, _ := keygen.MarshalPrivatePEM(k)
	f.Add(p)
	j, _ := keygen.PrivateJWK(k, keygen.ES256)
	jb, _ := json.Marshal(j)
	f.Add(jb)
	f.Add([]byte(`{"kty":"oct","k":"AAAA"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		key, err := keygen.ParsePrivateKey(data)
		if err == nil && key == nil {
			t.Fatal("nil key without error")
		}
	})
}

func TestKeyBits(t *testing.T) {
	rsaKey, _ := keygen.GenerateRSA(keygen.RS256, 2048)
	ec, _ := keygen.GenerateKeyPair(keygen.ES512)
	ed, _ := keygen.GenerateKeyPair(keygen.EdDSA)
	for _, tt := range []struct {
		key  crypto.Signer
		want int
	}{{rsaKey, 2048}, {ec, 521}, {ed, 256}} {
		if got := keygen.KeyBits(tt.key); got != tt.want {
			t.Errorf("KeyBits(%T) = %d, want %d", tt.key, got, tt.want)
		}
	}
}
