package keyring

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/jwtkey/jwtkey/keygen"
)

// Watch reloads only when the source changed; Reload always does.
func TestReloadOnlyOnChange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys.json")
	write := func() {
		k, _ := keygen.GenerateHMAC(keygen.HS256)
		b, _ := keygen.MarshalJWKS(keygen.SecretJWK(k, keygen.HS256, keygen.NewKID()))
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write()
	r, err := FromJWKS(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	first := r.cur.Load()
	if changed, err := r.reload(false); changed || err != nil {
		t.Errorf("unchanged file: reloaded %v, %v", changed, err)
	}
	if r.cur.Load() != first {
		t.Error("an unchanged file replaced the keys")
	}
	if changed, err := r.reload(true); !changed || err != nil {
		t.Errorf("forced: reloaded %v, %v", changed, err)
	}
	write()
	if changed, err := r.reload(false); !changed || err != nil {
		t.Errorf("changed file: reloaded %v, %v", changed, err)
	}
}

// The key set parser never panics, and what it accepts is usable.
func FuzzParseJWKS(f *testing.F) {
	k, _ := keygen.GenerateHMAC(keygen.HS256)
	b, _ := keygen.MarshalJWKS(keygen.SecretJWK(k, keygen.HS256, "a"))
	f.Add(b)
	ec, _ := keygen.GenerateKeyPair(keygen.ES256)
	jwk, _ := keygen.PrivateJWK(ec, keygen.ES256)
	b, _ = keygen.MarshalJWKS(jwk)
	f.Add(b)
	pub, _ := keygen.PublicJWK(ec.Public(), keygen.ES256)
	b, _ = json.Marshal(map[string]any{"keys": []any{pub}})
	f.Add(b)
	f.Add([]byte(`{"keys":[{"kty":"oct","k":"","alg":"HS256"}]}`))
	f.Add([]byte(`{"keys":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		o := &Options{AllowWeak: true, Warn: func(error) {}}
		keys, err := parseJWKS("fuzz.json", data, o)
		if err != nil {
			return
		}
		if len(keys) == 0 {
			t.Fatal("no keys and no error")
		}
		for _, k := range keys {
			if k.verify == nil || k.Alg.Family() == 0 {
				t.Fatalf("unusable key accepted: %+v", k)
			}
		}
		r := &Ring{opts: *o}
		if s, err := r.build(keys); err == nil && s.keys[0].CanSign() && s.signer == nil {
			t.Fatal("a signing key without a signer")
		}
	})
}
