package keygen_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"testing/cryptotest"

	"github.com/jwtkey/jwtkey/internal/golden"
	"github.com/jwtkey/jwtkey/keygen"
)

// TestBatchGolden holds every layout of Keys.Text, private and public, to
// testdata/batch.golden.txt, with crypto/rand seeded so that the keys
// repeat (go test ./keygen -run TestBatchGolden -update).
func TestBatchGolden(t *testing.T) {
	cryptotest.SetGlobalRandom(t, 7515)
	pair, err := keygen.GenerateKeyPair(keygen.EdDSA)
	if err != nil {
		t.Fatal(err)
	}
	batches := []keygen.Batch{
		{Request: keygen.Request{Alg: keygen.HS256, Encoding: keygen.Hex}, Count: 2},
		{Request: keygen.Request{Alg: keygen.HS256, Encoding: keygen.Raw, Size: 8, Insecure: true}, Count: 2},
		{Request: keygen.Request{Alg: keygen.HS256, Encoding: keygen.JWK, KID: "k1"}},
		{Request: keygen.Request{Alg: keygen.HS256, Encoding: keygen.JWK}, Count: 2},
		{Request: keygen.Request{Alg: keygen.HS256, Encoding: keygen.JWKS}, Count: 2},
		{Request: keygen.Request{Alg: keygen.EdDSA, Encoding: keygen.PEM}, Key: pair},
		{Request: keygen.Request{Alg: keygen.EdDSA, Encoding: keygen.JWKS}, Count: 2},
		{Request: keygen.Request{Alg: keygen.EdDSA, Encoding: keygen.JWK}, Key: pair, JSON: true},
		{Request: keygen.Request{Alg: keygen.HS256, Encoding: keygen.Base64URL}, JSON: true},
	}
	var out bytes.Buffer
	for _, b := range batches {
		keys, err := b.Generate()
		if err != nil {
			t.Fatalf("%+v: %v", b, err)
		}
		if n := max(b.Count, 1); len(keys.Records) != n {
			t.Errorf("%+v: %d records, want %d", b, len(keys.Records), n)
		}
		for _, public := range []bool{false, true} {
			if public && b.Alg.IsHMAC() && b.Encoding != keygen.JWKS && !b.JSON {
				continue // a secret has no public half to lay out
			}
			text := keys.Text(public)
			if b.Encoding == keygen.Raw {
				text = []byte(hex.EncodeToString(text) + "\n")
			}
			fmt.Fprintf(&out, "-- %s %s count %d json %t public %t --\n", b.Alg, b.Encoding, b.Count, b.JSON, public)
			out.Write(bytes.ReplaceAll(text, []byte("PRIVATE KEY"), []byte("TESTING KEY")))
		}
	}
	golden.Check(t, filepath.Join("testdata", "batch.golden.txt"), out.Bytes())
}

func TestBatchErrors(t *testing.T) {
	var se *keygen.SizeError
	if _, err := (keygen.Batch{Request: keygen.Request{Alg: keygen.HS256, Encoding: keygen.Raw, Size: 8}}).Generate(); !errors.As(err, &se) {
		t.Errorf("a short raw secret: %v, want a *SizeError", err)
	}
	pair, err := keygen.GenerateKeyPair(keygen.ES256)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := (keygen.Batch{Request: keygen.Request{Alg: keygen.EdDSA, Encoding: keygen.PEM}, Key: pair}).Generate(); err == nil {
		t.Error("an ES256 key written as EdDSA: no error")
	}
}
