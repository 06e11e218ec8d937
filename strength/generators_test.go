package strength

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"math"
	mrand "math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"
)

// realGenerators make keys the way ten generators people use do: the same
// lengths, alphabets and encodings, from a keyStream.
var realGenerators = []struct {
	name string
	bits float64 // the entropy the generator puts in a key
	make func(*keyStream) string
}{
	{"openssl rand -hex 32", 256, func(r *keyStream) string { return hex.EncodeToString(r.bytes(32)) }},
	{"openssl rand -base64 32", 256, func(r *keyStream) string { return base64.StdEncoding.EncodeToString(r.bytes(32)) }},
	{"openssl rand -base64 64, lines joined", 512, func(r *keyStream) string { return base64.StdEncoding.EncodeToString(r.bytes(64)) }},
	{"node crypto.randomBytes(64).toString('base64url')", 512, func(r *keyStream) string { return base64.RawURLEncoding.EncodeToString(r.bytes(64)) }},
	{"python secrets.token_urlsafe(32)", 256, func(r *keyStream) string { return base64.RawURLEncoding.EncodeToString(r.bytes(32)) }},
	{"python secrets.token_hex(48)", 384, func(r *keyStream) string { return hex.EncodeToString(r.bytes(48)) }},
	{"django get_random_secret_key()", 50 * math.Log2(50), func(r *keyStream) string {
		return r.choice("abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)", 50)
	}},
	{"rails secret (SecureRandom.hex(64))", 512, func(r *keyStream) string { return hex.EncodeToString(r.bytes(64)) }},
	{"laravel key:generate", 256, func(r *keyStream) string { return "base64:" + base64.StdEncoding.EncodeToString(r.bytes(32)) }},
	{"pwgen -s 64", 64 * math.Log2(62), func(r *keyStream) string {
		return r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 64)
	}},
}

// A keyStream draws the random keys of a test: uniform bytes from ChaCha8,
// the same distribution as crypto/rand, but seeded, so that a run can be
// repeated. Key i of a test comes from stream i, whichever worker makes it.
type keyStream struct {
	c *mrand.ChaCha8
	r *mrand.Rand
}

// testSeed is the seed of the random keys in tests: a fixed one, so that
// every run checks the same keys, or JWTKEY_TEST_SEED (a number, or
// "random" for a fresh one, which the test logs).
func testSeed(t testing.TB) uint64 {
	v := os.Getenv("JWTKEY_TEST_SEED")
	switch v {
	case "":
		return 20261201
	case "random":
		var b [8]byte
		rand.Read(b[:])
		seed := binary.LittleEndian.Uint64(b[:])
		t.Logf("JWTKEY_TEST_SEED=%d", seed)
		return seed
	}
	seed, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		t.Fatalf("JWTKEY_TEST_SEED: %v", err)
	}
	return seed
}

func newKeyStream(seed, i uint64) *keyStream {
	var s [32]byte
	binary.LittleEndian.PutUint64(s[:], seed)
	binary.LittleEndian.PutUint64(s[8:], i)
	c := mrand.NewChaCha8(s)
	return &keyStream{c, mrand.New(c)}
}

func (r *keyStream) bytes(n int) []byte {
	b := make([]byte, n)
	r.c.Read(b)
	return b
}

func (r *keyStream) choice(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.r.IntN(len(alphabet))]
	}
	return string(b)
}

// TestNoFalseAlarmsRealGenerators: 140,000 random keys, 14,000 from each
// of ten real generators, are all strong, with no finding, and rated at
// least 256 bits (a generator's own entropy when it puts in less, as
// Django's 282 bits). With -short, a tenth of them.
//
// A false alarm rare enough to miss 140,000 keys still reaches users, so
// the test also bounds how close chance comes: no key's patterns may save
// more than maxChance of the slack that separates patterned from random.
// Chance savings have a long tail; the margin is what keeps keys beyond
// these 140,000 strong.
const maxChance = 0.8

func TestNoFalseAlarmsRealGenerators(t *testing.T) {
	perGen := 14000
	if testing.Short() {
		perGen = 1400
	}
	loadOnce.Do(load)
	type alarm struct {
		gen, key, summary string
	}
	var (
		mu     sync.Mutex
		alarms []alarm
		count  int
	)
	seed := testSeed(t)
	var worst struct {
		ratio float64
		gen   string
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for g := range jobs {
				gen := realGenerators[g%len(realGenerators)]
				key := gen.make(newKeyStream(seed, uint64(g)))
				// Check, with the estimate kept to see how close it came.
				err := validate([]byte(key))
				e := analyze([]byte(key), 0)
				r := e.result([]byte(key))
				ratio := (e.brute - e.sbits) / slack(e.brute)
				bad := err != nil || r.Verdict != Strong || len(r.Findings) > 0 || r.Bits < min(256, gen.bits)-0.01
				mu.Lock()
				count++
				if ratio > worst.ratio {
					worst.ratio, worst.gen = ratio, gen.name
				}
				if bad {
					s := r.Summary()
					if err != nil {
						s = err.Error()
					}
					alarms = append(alarms, alarm{gen.name, key, s})
				}
				mu.Unlock()
			}
		}()
	}
	for i := range perGen * len(realGenerators) {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for i, a := range alarms {
		if i == 5 {
			break
		}
		t.Errorf("false alarm on %s (TESTING KEY %s): %s", a.gen, a.key, a.summary)
	}
	if len(alarms) > 0 {
		t.Errorf("%d false alarms in %d keys", len(alarms), count)
	}
	t.Logf("closest to patterned: %s, saving %.0f%% of the slack", worst.gen, 100*worst.ratio)
	if worst.ratio > maxChance {
		t.Errorf("a key from %s saves %.0f%% of the slack by chance, more than %.0f%%", worst.gen, 100*worst.ratio, 100*maxChance)
	}
	if count != perGen*len(realGenerators) {
		t.Fatalf("checked %d keys", count)
	}
}
