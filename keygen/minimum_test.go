package keygen_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"testing"

	"github.com/jwtkey/jwtkey/keygen"
)

func TestCheckKeySize(t *testing.T) {
	rsa1024, err := keygen.GenerateInsecureRSA(1024)
	if err != nil {
		t.Fatal(err)
	}
	rsa2048, _ := keygen.GenerateRSA(keygen.RS256, 2048)
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tests := []struct {
		name    string
		alg     keygen.Algorithm
		key     any
		wantMin int // 0: no error
	}{
		{"3-byte secret", "", make([]byte, 3), 32},
		{"32-byte HS256 secret", keygen.HS256, make([]byte, 32), 0},
		{"32-byte HS512 secret", keygen.HS512, make([]byte, 32), 64},
		{"long secret", keygen.HS256, make([]byte, 5000), 0},
		{"RSA 1024", "", rsa1024, 2048},
		{"RSA 1024 public", keygen.PS256, &rsa1024.PublicKey, 2048},
		{"RSA 2048", keygen.RS256, rsa2048, 0},
		{"ECDSA", keygen.ES256, ec, 0},
	}
	for _, tt := range tests {
		err := keygen.CheckKeySize(tt.alg, tt.key)
		var se *keygen.SizeError
		switch {
		case tt.wantMin == 0 && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.wantMin != 0 && (!errors.As(err, &se) || se.Min != tt.wantMin):
			t.Errorf("%s: error %v, want a *SizeError with minimum %d", tt.name, err, tt.wantMin)
		}
	}
}
