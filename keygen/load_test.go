package keygen_test

import (
	"crypto"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jwtkey/jwtkey/keygen"
)

func TestLoadPrivateKey(t *testing.T) {
	key, err := keygen.GenerateKeyPair(keygen.ES256)
	if err != nil {
		t.Fatal(err)
	}
	priv, err := keygen.MarshalPrivatePEM(key)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := keygen.MarshalPublicPEM(key.Public())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	privFile, pubFile := write("priv.pem", priv), write("pub.pem", pub)
	tests := []struct {
		name    string
		file    string
		stdin   string
		wantErr string
		public  bool
	}{
		{"a file", privFile, "", "", false},
		{"standard input", "-", string(priv), "", false},
		{"a public key", pubFile, "", pubFile + ": ", true},
		{"a missing file", filepath.Join(dir, "none"), "", "reading private key: open ", false},
		{"not a key", "-", "hello", "-: keygen: input is neither", false},
		{"standard input past the cap", "-", string(priv) + strings.Repeat(" ", keygen.MaxKeyInput), "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := keygen.LoadPrivateKey(tt.file, strings.NewReader(tt.stdin))
			if errors.Is(err, keygen.ErrNotPrivateKey) != tt.public {
				t.Errorf("err = %v: ErrNotPrivateKey %t, want %t", err, !tt.public, tt.public)
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("LoadPrivateKey: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.wantErr)):
				t.Fatalf("LoadPrivateKey: %v, want an error starting %q", err, tt.wantErr)
			case tt.wantErr == "" && !key.Public().(interface{ Equal(crypto.PublicKey) bool }).Equal(got.Public()):
				t.Error("read another key")
			}
		})
	}
}

func TestKeyAlgorithm(t *testing.T) {
	key, err := keygen.GenerateKeyPair(keygen.ES384)
	if err != nil {
		t.Fatal(err)
	}
	if alg, err := keygen.KeyAlgorithm(key, ""); alg != keygen.ES384 || err != nil {
		t.Errorf("the key's own: %s, %v", alg, err)
	}
	if alg, err := keygen.KeyAlgorithm(key, keygen.ES384); alg != keygen.ES384 || err != nil {
		t.Errorf("asked for its own: %s, %v", alg, err)
	}
	if _, err := keygen.KeyAlgorithm(key, keygen.ES256); err == nil {
		t.Error("a P-384 key for ES256: no error")
	}
}

func TestNames(t *testing.T) {
	for _, name := range keygen.AlgorithmNames() {
		if _, err := keygen.ParseAlgorithm(name); err != nil {
			t.Errorf("AlgorithmNames lists %q, which ParseAlgorithm refuses: %v", name, err)
		}
	}
	for _, name := range keygen.EncodingNames() {
		if _, err := keygen.ParseEncoding(name); err != nil {
			t.Errorf("EncodingNames lists %q, which ParseEncoding refuses: %v", name, err)
		}
	}
	if len(keygen.AlgorithmNames()) != len(keygen.Algorithms) || !slices.Contains(keygen.EncodingNames(), "jwks") {
		t.Errorf("names %q, %q", keygen.AlgorithmNames(), keygen.EncodingNames())
	}
}

func TestEncodingFor(t *testing.T) {
	tests := []struct {
		alg     keygen.Algorithm
		name    string
		want    keygen.Encoding
		wantFit bool // a *FitError
		wantErr bool
	}{
		{keygen.HS256, "", keygen.Hex, false, false},
		{keygen.ES256, "", keygen.PEM, false, false},
		{keygen.HS384, "JWKS", keygen.JWKS, false, false},
		{keygen.HS256, "pem", keygen.PEM, true, true},
		{keygen.EdDSA, "base64", keygen.Base64, true, true},
		{keygen.RS256, "yaml", "", false, true},
	}
	for _, tt := range tests {
		enc, err := keygen.EncodingFor(tt.alg, tt.name)
		var fe *keygen.FitError
		if enc != tt.want || (err != nil) != tt.wantErr || errors.As(err, &fe) != tt.wantFit {
			t.Errorf("EncodingFor(%s, %q) = %q, %v; want %q, error %t, *FitError %t", tt.alg, tt.name, enc, err, tt.want, tt.wantErr, tt.wantFit)
		}
	}
}
