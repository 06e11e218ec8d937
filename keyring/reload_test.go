package keyring_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/jwtkey/jwtkey/keygen"
	"github.com/jwtkey/jwtkey/keyring"
	"github.com/jwtkey/jwtkey/store"
)

// Tokens are signed and verified while the key set is rotated and the
// ring reloaded, by hand and by Watch. Rotation only adds keys here, so
// every token must verify whatever the interleaving; -race checks that
// the swap is safe.
func TestConcurrentReload(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys.json")
	writeJWKS(t, path, secretJWK(t, keygen.HS256, "first"))
	r, err := keyring.FromJWKS(path, keyring.Options{Warn: func(err error) { t.Errorf("Watch: %v", err) }})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var watching sync.WaitGroup
	watching.Go(func() { r.Watch(ctx, time.Millisecond) })

	const rotations, workers, tokens = 20, 4, 50
	var wg sync.WaitGroup
	wg.Go(func() {
		for range rotations {
			if _, err := store.RotateJWKS(path, store.Options{}); err != nil {
				t.Error(err)
				return
			}
			if err := r.Reload(); err != nil {
				t.Error(err)
				return
			}
		}
	})
	for range workers {
		wg.Go(func() {
			for range tokens {
				s, err := r.Sign(claims("x"))
				if err != nil {
					t.Error(err)
					return
				}
				if _, err := jwt.Parse(s, r.Keyfunc); err != nil {
					t.Errorf("a token signed by the ring refused while keys are added: %v", err)
					return
				}
				if _, err := r.JOSESigner().Sign([]byte(`{}`)); err != nil {
					t.Error(err)
					return
				}
				_ = r.Keys()
			}
		})
	}
	wg.Wait()
	cancel()
	watching.Wait()
	if n := len(r.Keys()); n != rotations+1 {
		t.Errorf("%d keys after %d rotations, want %d", n, rotations, rotations+1)
	}
}

// Watch picks up a rotation of a dotenv file without being asked, and
// reports a reload that fails while the keys in use stay.
func TestWatch(t *testing.T) {
	env := filepath.Join(t.TempDir(), ".env")
	if _, err := store.Write(env, store.Options{}); err != nil {
		t.Fatal(err)
	}
	warnings := make(chan error, 10)
	r, err := keyring.FromEnv(keyring.Env{File: env}, keyring.Options{Warn: func(err error) { warnings <- err }})
	if err != nil {
		t.Fatal(err)
	}
	old := sign(t, r, "old")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.Watch(ctx, 5*time.Millisecond)

	if _, err := store.Rotate(env, store.Options{}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "Watch to load the rotated keys", func() bool { return len(r.Keys()) == 2 })
	if _, err := jwt.Parse(old, r.Keyfunc); err != nil {
		t.Errorf("after rotate, old token: %v", err)
	}
	cur := sign(t, r, "new")

	// A weak value written by hand is refused; the keys stay.
	if err := os.WriteFile(env, []byte("JWT_SECRET=myappjwtkey2024\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-warnings:
		if !errors.Is(err, keyring.ErrWeakKey) {
			t.Errorf("Watch reported %v, want ErrWeakKey", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Watch did not report the weak key")
	}
	if _, err := jwt.Parse(cur, r.Keyfunc); err != nil {
		t.Errorf("after a refused reload, the current token: %v", err)
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}
