package keygen_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"slices"
	"testing"

	"github.com/jwtkey/jwtkey/keygen"
)

func TestGenerateRecord(t *testing.T) {
	tests := []struct {
		name     string
		req      keygen.Request
		wantBits int
		wantErr  bool
	}{
		{"HS256 default", keygen.Request{Alg: keygen.HS256, Encoding: keygen.Hex}, 256, false},
		{"HS512 as JWK", keygen.Request{Alg: keygen.HS512, Encoding: keygen.JWK, KID: "k1"}, 512, false},
		{"HS256 longer", keygen.Request{Alg: keygen.HS256, Encoding: keygen.Base64, Size: 64}, 512, false},
		{"HS256 too short", keygen.Request{Alg: keygen.HS256, Encoding: keygen.Hex, Size: 16}, 0, true},
		{"HS256 short, insecure", keygen.Request{Alg: keygen.HS256, Encoding: keygen.Hex, Size: 16, Insecure: true}, 128, false},
		{"HS256 too long, insecure", keygen.Request{Alg: keygen.HS256, Encoding: keygen.Hex, Size: keygen.MaxHMACSize + 1, Insecure: true}, 0, true},
		{"ES256", keygen.Request{Alg: keygen.ES256, Encoding: keygen.PEM}, 256, false},
		{"EdDSA as JWK", keygen.Request{Alg: keygen.EdDSA, Encoding: keygen.JWK, KID: "k2"}, 256, false},
		{"ES256 with a size", keygen.Request{Alg: keygen.ES256, Encoding: keygen.PEM, Size: 384}, 0, true},
		{"RSA too small", keygen.Request{Alg: keygen.RS256, Encoding: keygen.PEM, Size: 1024}, 0, true},
		{"RSA small, insecure", keygen.Request{Alg: keygen.RS256, Encoding: keygen.PEM, Size: 1024, Insecure: true}, 1024, false},
		{"secret as PEM", keygen.Request{Alg: keygen.HS256, Encoding: keygen.PEM}, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := keygen.GenerateRecord(tt.req)
			if (err != nil) != tt.wantErr {
				t.Fatalf("GenerateRecord(%+v) error %v, want error %t", tt.req, err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if r.Bits != tt.wantBits || r.Alg != tt.req.Alg || r.Encoding != tt.req.Encoding || r.KID == "" {
				t.Errorf("record %+v, want %d bits of %s in %s with a kid", r, tt.wantBits, tt.req.Alg, tt.req.Encoding)
			}
			if tt.req.KID != "" && r.KID != tt.req.KID {
				t.Errorf("kid %q, want %q", r.KID, tt.req.KID)
			}
			if (r.Public != nil) == tt.req.Alg.IsHMAC() {
				t.Errorf("public %s for %s", r.Public, tt.req.Alg)
			}
		})
	}
	var se *keygen.SizeError
	if _, err := keygen.GenerateRecord(keygen.Request{Alg: keygen.HS384, Encoding: keygen.Hex, Size: 32}); !errors.As(err, &se) || se.Min != 48 {
		t.Errorf("a short HS384 secret: %v, want a *SizeError with minimum 48", err)
	}
}

func TestGenerateSecret(t *testing.T) {
	for _, tt := range []struct {
		req  keygen.Request
		want int
	}{
		{keygen.Request{Alg: keygen.HS384}, 48},
		{keygen.Request{Alg: keygen.HS256, Size: 100}, 100},
		{keygen.Request{Alg: keygen.HS512, Size: 8, Insecure: true}, 8},
	} {
		b, err := keygen.GenerateSecret(tt.req)
		if err != nil || len(b) != tt.want {
			t.Errorf("GenerateSecret(%+v) = %d bytes, %v; want %d", tt.req, len(b), err, tt.want)
		}
	}
	if _, err := keygen.GenerateSecret(keygen.Request{Alg: keygen.HS512, Size: 8}); !errors.As(err, new(*keygen.SizeError)) {
		t.Errorf("a short secret without Insecure: %v, want a *SizeError", err)
	}
}

// TestRecordText checks that Text and PublicText give each encoding's own
// form: what the record's JSON holds, unquoted.
func TestRecordText(t *testing.T) {
	secret, _ := keygen.GenerateHMAC(keygen.HS256)
	r, err := keygen.SecretRecord(secret, keygen.HS256, keygen.Hex, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Text(); string(got) != hex.EncodeToString(secret) || r.PublicText() != nil {
		t.Errorf("hex text %q, public %q", got, r.PublicText())
	}
	if r, _ = keygen.SecretRecord(secret, keygen.HS256, keygen.JWK, "k"); !bytes.Equal(r.Text(), r.Key) {
		t.Errorf("JWK text %s, want the record's JWK %s", r.Text(), r.Key)
	}
	key, err := keygen.GenerateKeyPair(keygen.ES256)
	if err != nil {
		t.Fatal(err)
	}
	r, err = keygen.PairRecord(key, keygen.ES256, keygen.PEM, "")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := keygen.MarshalPrivatePEM(key)
	wantPub, _ := keygen.MarshalPublicPEM(key.Public())
	if !bytes.Equal(r.Text(), want) || !bytes.Equal(r.PublicText(), wantPub) {
		t.Errorf("PEM text %q / %q, want %q / %q", r.Text(), r.PublicText(), want, wantPub)
	}
}

func TestEncodingFits(t *testing.T) {
	for _, tt := range []struct {
		alg  keygen.Algorithm
		fits []keygen.Encoding
	}{
		{keygen.HS256, []keygen.Encoding{keygen.Hex, keygen.Base64, keygen.Base64URL, keygen.Raw, keygen.JWK, keygen.JWKS}},
		{keygen.ES256, []keygen.Encoding{keygen.JWK, keygen.JWKS, keygen.PEM}},
		{keygen.RS512, []keygen.Encoding{keygen.JWK, keygen.JWKS, keygen.PEM}},
	} {
		for _, enc := range keygen.Encodings {
			if got, want := enc.Fits(tt.alg), slices.Contains(tt.fits, enc); got != want {
				t.Errorf("%s.Fits(%s) = %t, want %t", enc, tt.alg, got, want)
			}
		}
		if d := keygen.DefaultEncoding(tt.alg); !d.Fits(tt.alg) || (d == keygen.Hex) != tt.alg.IsHMAC() {
			t.Errorf("DefaultEncoding(%s) = %s, want hex for a secret and pem for a key pair", tt.alg, d)
		}
	}
}
