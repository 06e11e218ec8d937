package keyring_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"

	"github.com/jwtkey/jwtkey/keygen"
	"github.com/jwtkey/jwtkey/keyring"
	"github.com/jwtkey/jwtkey/store"
)

// keyring and github.com/MicahParks/keyfunc together, against a JWKS
// endpoint on this machine: an issuer serves the public half of its ring,
// a verifier follows it with keyfunc through a rotation, and an
// application that accepts both its own tokens and the issuer's picks the
// key source by issuer.
func TestKeyfuncInterop(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys.json")
	writeJWKS(t, path, privateJWK(t, keygen.ES256))
	issuer, err := keyring.FromJWKS(path, keyring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		b, err := issuer.PublicJWKS()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/jwk-set+json")
		w.Write(b)
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	follow := func() keyfunc.Keyfunc {
		kf, err := keyfunc.NewDefaultCtx(ctx, []string{srv.URL})
		if err != nil {
			t.Fatal(err)
		}
		return kf
	}
	remote := follow()
	verify := func(kf keyfunc.Keyfunc, tok string) error {
		_, err := jwt.Parse(tok, kf.Keyfunc, jwt.WithValidMethods([]string{"ES256", "EdDSA"}))
		return err
	}
	issue := func(sub string) string {
		s, err := issuer.Sign(jwt.MapClaims{"iss": srv.URL, "sub": sub, "exp": time.Now().Add(time.Hour).Unix()})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}

	old := issue("old")
	if err := verify(remote, old); err != nil {
		t.Fatalf("keyfunc refused the issuer's token: %v", err)
	}
	// Rotate: keyfunc sees a kid it does not have and fetches the set again.
	if _, err := store.RotateJWKS(path, store.Options{Alg: keygen.EdDSA}); err != nil {
		t.Fatal(err)
	}
	if err := issuer.Reload(); err != nil {
		t.Fatal(err)
	}
	cur := issue("new")
	for name, tok := range map[string]string{"old": old, "new": cur} {
		if err := verify(remote, tok); err != nil {
			t.Errorf("after rotate, keyfunc refused the %s token: %v", name, err)
		}
	}
	// Retire: a verifier with a fresh copy of the set refuses the old key.
	// (One holding a cached copy does until its next refresh.)
	if _, err := store.RetireJWKS(path, nil, store.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := issuer.Reload(); err != nil {
		t.Fatal(err)
	}
	fresh := follow()
	if err := verify(fresh, old); err == nil {
		t.Error("after retire, a fresh keyfunc accepted the old token")
	}
	if err := verify(fresh, cur); err != nil {
		t.Errorf("after retire, keyfunc refused the new token: %v", err)
	}

	// An application with its own HMAC ring that also accepts the issuer's
	// tokens: the issuer decides which keys are asked.
	local, err := keyring.FromEnv(keyring.Env{Lookup: lookup(map[string]string{"JWT_SECRET": strongHex})}, keyring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	kf := func(tok *jwt.Token) (any, error) {
		if iss, _ := tok.Claims.GetIssuer(); iss == srv.URL {
			return fresh.Keyfunc(tok)
		}
		return local.Keyfunc(tok)
	}
	own, _ := local.Sign(jwt.MapClaims{"iss": "app", "sub": "x"})
	forged, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"iss": srv.URL, "sub": "admin"}).SignedString([]byte(strongHex))
	mislabelled, _ := issuer.Sign(jwt.MapClaims{"iss": "app", "sub": "x"})
	for _, tt := range []struct {
		name string
		tok  string
		ok   bool
	}{
		{"own token", own, true},
		{"issuer's token", cur, true},
		{"own secret claiming the issuer", forged, false},
		{"issuer's key claiming to be ours", mislabelled, false},
	} {
		_, err := jwt.Parse(tt.tok, kf)
		if (err == nil) != tt.ok {
			t.Errorf("%s: %v, want accepted %v", tt.name, err, tt.ok)
		}
		if tt.name == "issuer's key claiming to be ours" && !errors.Is(err, keyring.ErrAlgorithm) {
			t.Errorf("%s: %v, want ErrAlgorithm", tt.name, err)
		}
	}
}
