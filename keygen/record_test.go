package keygen_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"testing/cryptotest"

	"github.com/jwtkey/jwtkey/internal/golden"
	"github.com/jwtkey/jwtkey/keygen"
)

// TestRecordGolden holds the JSON shape of a record, field by field, to
// testdata/records.golden.jsonl. crypto/rand is seeded for the test, so the
// keys and random kids repeat (go test ./keygen -run TestRecordGolden -update).
// PEM labels read TESTING KEY in the file, so secret scanners pass it by.
func TestRecordGolden(t *testing.T) {
	cryptotest.SetGlobalRandom(t, 7638)
	var out bytes.Buffer
	emit := func(r keygen.Record, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		out.Write(bytes.ReplaceAll(b, []byte("PRIVATE KEY"), []byte("TESTING KEY")))
		out.WriteByte('\n')
	}
	secret, _ := keygen.GenerateHMAC(keygen.HS256)
	for _, enc := range []keygen.Encoding{keygen.Hex, keygen.Base64, keygen.Base64URL, keygen.JWK} {
		emit(keygen.SecretRecord(secret, keygen.HS256, enc, ""))
	}
	emit(keygen.SecretRecord(secret, keygen.HS256, keygen.Hex, "main-2026"))
	pair, err := keygen.GenerateKeyPair(keygen.EdDSA)
	if err != nil {
		t.Fatal(err)
	}
	emit(keygen.PairRecord(pair, keygen.EdDSA, keygen.PEM, ""))
	emit(keygen.PairRecord(pair, keygen.EdDSA, keygen.JWK, ""))
	emit(keygen.PairRecord(pair, keygen.EdDSA, keygen.JWK, "signing-1"))

	golden.Check(t, filepath.Join("testdata", "records.golden.jsonl"), out.Bytes())
}

// TestRecordKID checks the kid rule on fresh keys: always present; random
// for secrets, never the same twice; the thumbprint for key pairs; the
// caller's choice when given, also inside a JWK.
func TestRecordKID(t *testing.T) {
	secret, _ := keygen.GenerateHMAC(keygen.HS512)
	seen := map[string]bool{}
	for _, enc := range []keygen.Encoding{keygen.Hex, keygen.Base64, keygen.Base64URL, keygen.JWK} {
		r, err := keygen.SecretRecord(secret, keygen.HS512, enc, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(r.KID) != 16 || seen[r.KID] {
			t.Errorf("%s: kid %q, want a new 16-character random one", enc, r.KID)
		}
		seen[r.KID] = true
		if r.Bits != 512 || r.Alg != keygen.HS512 || r.Encoding != enc || r.Public != nil {
			t.Errorf("%s: record %+v", enc, r)
		}
	}
	r, err := keygen.SecretRecord(secret, keygen.HS512, keygen.JWK, "k1")
	if err != nil {
		t.Fatal(err)
	}
	var jwk struct{ Kid, K string }
	if err := json.Unmarshal(r.Key, &jwk); err != nil || jwk.Kid != "k1" || r.KID != "k1" {
		t.Errorf("JWK kid %q, record kid %q, want k1 (%v)", jwk.Kid, r.KID, err)
	}

	for _, alg := range []keygen.Algorithm{keygen.ES256, keygen.EdDSA} {
		key, err := keygen.GenerateKeyPair(alg)
		if err != nil {
			t.Fatal(err)
		}
		tp, _ := keygen.Thumbprint(key.Public())
		for _, enc := range []keygen.Encoding{keygen.PEM, keygen.JWK} {
			r, err := keygen.PairRecord(key, alg, enc, "")
			if err != nil {
				t.Fatal(err)
			}
			if r.KID != tp || r.Bits != keygen.KeyBits(key) || r.Public == nil {
				t.Errorf("%s %s: kid %q, bits %d, public %s; want the thumbprint %q", alg, enc, r.KID, r.Bits, r.Public, tp)
			}
			var s string
			text := string(r.Key)
			if json.Unmarshal(r.Key, &s) == nil {
				text = s
			}
			back, err := keygen.ParsePrivateKey([]byte(text))
			if err != nil || !publicEqual(back.Public(), key.Public()) {
				t.Errorf("%s %s: the record's key does not parse back to the key: %v", alg, enc, err)
			}
			if strings.Contains(string(r.Public), `"d"`) || strings.Contains(string(r.Public), "PRIVATE") {
				t.Errorf("%s %s: the public key holds private parts: %s", alg, enc, r.Public)
			}
		}
	}
}

func TestRecordRefusals(t *testing.T) {
	secret, _ := keygen.GenerateHMAC(keygen.HS256)
	ec, _ := keygen.GenerateKeyPair(keygen.ES256)
	tests := []struct {
		name string
		err  func() error
	}{
		{"secret as pem", func() error { _, err := keygen.SecretRecord(secret, keygen.HS256, keygen.PEM, ""); return err }},
		{"secret as raw", func() error { _, err := keygen.SecretRecord(secret, keygen.HS256, keygen.Raw, ""); return err }},
		{"secret as jwks", func() error { _, err := keygen.SecretRecord(secret, keygen.HS256, keygen.JWKS, ""); return err }},
		{"secret for ES256", func() error { _, err := keygen.SecretRecord(secret, keygen.ES256, keygen.Hex, ""); return err }},
		{"pair as hex", func() error { _, err := keygen.PairRecord(ec, keygen.ES256, keygen.Hex, ""); return err }},
		{"pair for the wrong curve", func() error { _, err := keygen.PairRecord(ec, keygen.ES384, keygen.PEM, ""); return err }},
	}
	for _, tc := range tests {
		err := tc.err()
		if err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		if !strings.HasPrefix(err.Error(), "keygen: ") {
			t.Errorf("%s: error %q lacks the package prefix", tc.name, err)
		}
	}
}
