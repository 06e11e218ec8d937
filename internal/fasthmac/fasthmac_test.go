package fasthmac

import (
	"bytes"
	"crypto"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"fmt"
	"hash"
	mrand "math/rand/v2"
	"testing"
)

var hashes = []crypto.Hash{crypto.SHA256, crypto.SHA384, crypto.SHA512}

func hashFunc(h crypto.Hash) func() hash.Hash {
	switch h {
	case crypto.SHA256:
		return sha256.New
	case crypto.SHA384:
		return sha512.New384
	}
	return sha512.New
}

func refMAC(h crypto.Hash, key, msg []byte) []byte {
	m := hmac.New(hashFunc(h), key)
	m.Write(msg)
	return m.Sum(nil)
}

// mode selects an implementation: the assembly allowed, and the fallback.
type mode struct{ shani, avx512, avx2, stdlib bool }

// modes are the implementations a test runs: both fallbacks, all the
// assembly this CPU has, and each kind alone.
func modes() []mode {
	m := []mode{{}, {stdlib: true}}
	am := asmModes()
	if len(am) > 0 {
		m = append(m, mode{true, true, true, stdlibFast})
	}
	if len(am) > 1 {
		for _, k := range am {
			m = append(m, mode{k == "shani", k == "avx512", k == "avx2", stdlibFast})
		}
	}
	return m
}

func modeName(m mode) string {
	switch m {
	case mode{}:
		return "generic"
	case mode{stdlib: true}:
		return "stdlib"
	case mode{shani: true, stdlib: stdlibFast}:
		return "shani-only"
	case mode{avx512: true, stdlib: stdlibFast}:
		return "avx512-only"
	case mode{avx2: true, stdlib: stdlibFast}:
		return "avx2-only"
	}
	return "asm"
}

func setMode(m mode) (restore func()) {
	useSHANI, useAVX512, useAVX2, useStdlib = m.shani, m.avx512, m.avx2, m.stdlib
	return func() { useSHANI, useAVX512, useAVX2, useStdlib = true, true, true, stdlibFast }
}

// impls runs f once per implementation this CPU and build have.
func impls(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	for _, m := range modes() {
		t.Run(modeName(m), func(t *testing.T) {
			defer setMode(m)()
			f(t)
		})
	}
}

// Message lengths around the block and padding boundaries of both block
// sizes, plus a JWT-sized one.
var msgLens = []int{0, 1, 55, 56, 63, 64, 65, 111, 112, 119, 120, 127, 128, 129, 152, 183, 184, 191, 192, 239, 240, 255, 256, 300}

// keyLens cover empty, short, exactly one block of either size, and longer
// keys that HMAC hashes first.
var keyLens = []int{0, 1, 31, 32, 48, 63, 64, 65, 100, 127, 128, 129, 300}

func randBytes(r *mrand.ChaCha8, n int) []byte {
	b := make([]byte, n)
	r.Read(b)
	return b
}

// randKey returns a random key whose last byte is not zero: HMAC pads
// keys with zeros, so a trailing zero would make keys of two lengths equal.
func randKey(r *mrand.ChaCha8, n int) []byte {
	b := randBytes(r, n)
	if n > 0 && b[n-1] == 0 {
		b[n-1] = 1
	}
	return b
}

func newRand() *mrand.ChaCha8 {
	var seed [32]byte
	rand.Read(seed[:])
	return mrand.NewChaCha8(seed)
}

func TestCheck(t *testing.T) {
	impls(t, func(t *testing.T) {
		r := newRand()
		for _, h := range hashes {
			for _, ml := range msgLens {
				msg := randBytes(r, ml)
				for _, kl := range keyLens {
					key := randKey(r, kl)
					v, err := New(h, msg, refMAC(h, key, msg))
					if err != nil {
						t.Fatal(err)
					}
					if !v.Check(key) {
						t.Errorf("%v msg %d key %d: right key rejected", h, ml, kl)
					}
					wrong := bytes.Clone(key)
					if kl > 0 {
						wrong[r.Uint64()%uint64(kl)] ^= 1
					} else {
						wrong = []byte{1}
					}
					if v.Check(wrong) {
						t.Errorf("%v msg %d key %d: wrong key accepted", h, ml, kl)
					}
				}
			}
		}
	})
}

// TestCheckEquivalentKeys checks HMAC's own key rules: zero padding up to
// the block size makes a short key and its zero-extended form equal, and a
// long key equals its hash.
func TestCheckEquivalentKeys(t *testing.T) {
	impls(t, func(t *testing.T) {
		for _, h := range hashes {
			msg := []byte("header.payload")
			long := bytes.Repeat([]byte("k"), 200)
			hf := hashFunc(h)()
			hf.Write(long)
			v, err := New(h, msg, refMAC(h, long, msg))
			if err != nil {
				t.Fatal(err)
			}
			if !v.Check(hf.Sum(nil)) {
				t.Errorf("%v: hash of a long key should match the long key", h)
			}
			v, _ = New(h, msg, refMAC(h, []byte("abc"), msg))
			if !v.Check([]byte("abc\x00\x00")) {
				t.Errorf("%v: zero-extended key should match", h)
			}
		}
	})
}

func TestCheckBatch(t *testing.T) {
	impls(t, func(t *testing.T) {
		r := newRand()
		for _, h := range hashes {
			msg := randBytes(r, 152)
			secret := randKey(r, 16)
			v, err := New(h, msg, refMAC(h, secret, msg))
			if err != nil {
				t.Fatal(err)
			}
			sizes := []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, v.BatchSize(), v.BatchSize() + 3}
			for _, n := range sizes {
				keys := make([][]byte, n)
				for i := range keys {
					keys[i] = randKey(r, int(r.Uint64()%80))
				}
				if got := v.CheckBatch(keys); got != -1 {
					t.Errorf("%v batch %d without the key: got %d, want -1", h, n, got)
				}
				for pos := range n {
					saved := keys[pos]
					keys[pos] = secret
					if got := v.CheckBatch(keys); got != pos {
						t.Errorf("%v batch %d key at %d: got %d", h, n, pos, got)
					}
					keys[pos] = saved
				}
				if n >= 2 {
					keys[n-1], keys[n/2] = secret, secret
					if got := v.CheckBatch(keys); got != n/2 {
						t.Errorf("%v batch %d key at %d and %d: got %d, want the first", h, n, n/2, n-1, got)
					}
				}
			}
		}
	})
}

// TestCheckBlocks checks keys given as zero-padded blocks, on every
// implementation, with the key at every position.
func TestCheckBlocks(t *testing.T) {
	impls(t, func(t *testing.T) {
		r := newRand()
		for _, h := range hashes {
			msg := randBytes(r, 152)
			secret := randKey(r, 11)
			v, err := New(h, msg, refMAC(h, secret, msg))
			if err != nil {
				t.Fatal(err)
			}
			bs := v.BlockSize()
			put := func(blocks []byte, i int, key []byte) {
				b := blocks[i*bs : (i+1)*bs]
				clear(b)
				copy(b, key)
			}
			for _, n := range []int{0, 1, 5, 31, 32, 33, 64, 70} {
				blocks := make([]byte, n*bs)
				for i := range n {
					put(blocks, i, randKey(r, 1+int(r.Uint64()%uint64(bs))))
				}
				if got := v.CheckBlocks(blocks); got != -1 {
					t.Errorf("%v %d blocks without the key: got %d, want -1", h, n, got)
				}
				for pos := range n {
					saved := bytes.Clone(blocks[pos*bs : (pos+1)*bs])
					put(blocks, pos, secret)
					if got := v.CheckBlocks(blocks); got != pos {
						t.Errorf("%v %d blocks, key at %d: got %d", h, n, pos, got)
					}
					copy(blocks[pos*bs:], saved)
				}
			}
		}
	})
}

// TestCheckBatchMixedLengths puts keys of every length class in one batch,
// so that the lanes of one SIMD batch take different paths.
func TestCheckBatchMixedLengths(t *testing.T) {
	impls(t, func(t *testing.T) {
		r := newRand()
		for _, h := range hashes {
			for _, ml := range msgLens {
				msg := randBytes(r, ml)
				keys := make([][]byte, 0, len(keyLens))
				for _, kl := range keyLens {
					keys = append(keys, randKey(r, kl))
				}
				for i, k := range keys {
					v, err := New(h, msg, refMAC(h, k, msg))
					if err != nil {
						t.Fatal(err)
					}
					if got := v.CheckBatch(keys); got != i {
						t.Errorf("%v msg %d key %d bytes: got %d, want %d", h, ml, len(k), got, i)
					}
				}
			}
		}
	})
}

func TestNew(t *testing.T) {
	tests := []struct {
		name    string
		h       crypto.Hash
		macLen  int
		wantErr bool
	}{
		{"sha256", crypto.SHA256, 32, false},
		{"sha384", crypto.SHA384, 48, false},
		{"sha512", crypto.SHA512, 64, false},
		{"md5", crypto.MD5, 16, true},
		{"sha1", crypto.SHA1, 20, true},
		{"zero", 0, 32, true},
		{"sha256 short mac", crypto.SHA256, 31, true},
		{"sha256 truncated to 16", crypto.SHA256, 16, true},
		{"sha384 with sha512 mac", crypto.SHA384, 64, true},
		{"sha512 empty mac", crypto.SHA512, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := New(tt.h, []byte("m"), make([]byte, tt.macLen))
			if (err != nil) != tt.wantErr {
				t.Fatalf("New: err = %v, wantErr %v", err, tt.wantErr)
			}
			if err == nil && v == nil {
				t.Fatal("New returned nil, nil")
			}
		})
	}
}

// TestNewCopies checks that New keeps no reference to its arguments.
func TestNewCopies(t *testing.T) {
	for _, h := range hashes {
		msg := []byte("header.payload")
		mac := refMAC(h, []byte("secret"), msg)
		v, err := New(h, msg, mac)
		if err != nil {
			t.Fatal(err)
		}
		msg[0], mac[0] = 'X', mac[0]^1
		if !v.Check([]byte("secret")) {
			t.Errorf("%v: Verifier changed when the caller's buffers did", h)
		}
	}
}

func TestClone(t *testing.T) {
	impls(t, func(t *testing.T) {
		for _, h := range hashes {
			msg := []byte("header.payload")
			v, _ := New(h, msg, refMAC(h, []byte("secret"), msg))
			done := make(chan int)
			for g := range 2 {
				c := v.Clone()
				go func() {
					keys := make([][]byte, 40)
					for i := range keys {
						keys[i] = fmt.Appendf(nil, "guess-%d-%d", g, i)
					}
					keys[33] = []byte("secret")
					found := -1
					for range 5 {
						found = c.CheckBatch(keys)
					}
					done <- found
				}()
			}
			for range 2 {
				if got := <-done; got != 33 {
					t.Errorf("%v: clone found %d, want 33", h, got)
				}
			}
		}
	})
}

func TestZeroAllocs(t *testing.T) {
	impls(t, func(t *testing.T) {
		for _, h := range hashes {
			msg := bytes.Repeat([]byte("m"), 152)
			v, _ := New(h, msg, refMAC(h, []byte("secret"), msg))
			keys := make([][]byte, v.BatchSize()+5)
			for i := range keys {
				keys[i] = bytes.Repeat([]byte{'a' + byte(i%26)}, i*3)
			}
			if n := testing.AllocsPerRun(20, func() { v.Check(keys[3]) }); n != 0 {
				t.Errorf("%v: Check allocates %v times", h, n)
			}
			if n := testing.AllocsPerRun(5, func() { v.CheckBatch(keys) }); n != 0 {
				t.Errorf("%v: CheckBatch allocates %v times", h, n)
			}
		}
	})
}

func fuzzCheck(f *testing.F, h crypto.Hash) {
	f.Add([]byte("secret"), []byte("eyJhbGciOiJIUzI1NiJ9.e30"), uint8(0))
	f.Add(bytes.Repeat([]byte("k"), 130), bytes.Repeat([]byte("m"), 111), uint8(1))
	f.Add([]byte{}, []byte{}, uint8(2))
	f.Add([]byte("k"), bytes.Repeat([]byte("m"), 55), uint8(3))
	f.Fuzz(func(t *testing.T, key, msg []byte, mode uint8) {
		ms := modes()
		defer setMode(ms[int(mode)%len(ms)])()
		mac := refMAC(h, key, msg)
		v, err := New(h, msg, mac)
		if err != nil {
			t.Fatal(err)
		}
		if !v.Check(key) {
			t.Fatal("Check rejected the right key")
		}
		other := append(bytes.Clone(key), 'x')
		if v.Check(other) {
			t.Fatal("Check accepted a longer key")
		}
		// Wrong keys that are key with something nonzero appended can
		// never be HMAC-equivalent to it (short keys are zero-padded).
		keys := [][]byte{other, append(bytes.Clone(key), 'y'), key, other}
		for len(keys) < 21 {
			keys = append(keys, append(bytes.Clone(key), 'z', byte(len(keys))))
		}
		keys = append(keys, key)
		if got := v.CheckBatch(keys); got != 2 {
			t.Fatalf("CheckBatch = %d, want 2", got)
		}
		if got := v.CheckBatch(keys[3:]); got != len(keys)-4 {
			t.Fatalf("CheckBatch = %d, want %d", got, len(keys)-4)
		}
		if got := v.CheckBatch(keys[3 : len(keys)-1]); got != -1 {
			t.Fatalf("CheckBatch without the key = %d, want -1", got)
		}
	})
}

func FuzzCheck256(f *testing.F) { fuzzCheck(f, crypto.SHA256) }
func FuzzCheck384(f *testing.F) { fuzzCheck(f, crypto.SHA384) }
func FuzzCheck512(f *testing.F) { fuzzCheck(f, crypto.SHA512) }
