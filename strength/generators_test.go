package strength

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"math"
	"math/big"
	"runtime"
	"sync"
	"testing"
)

// realGenerators make keys the way ten generators people use do, from
// crypto/rand: the same lengths, alphabets and encodings.
var realGenerators = []struct {
	name string
	bits float64 // the entropy the generator puts in a key
	make func() string
}{
	{"openssl rand -hex 32", 256, func() string { return hex.EncodeToString(randBytes(32)) }},
	{"openssl rand -base64 32", 256, func() string { return base64.StdEncoding.EncodeToString(randBytes(32)) }},
	{"openssl rand -base64 64, lines joined", 512, func() string { return base64.StdEncoding.EncodeToString(randBytes(64)) }},
	{"node crypto.randomBytes(64).toString('base64url')", 512, func() string { return base64.RawURLEncoding.EncodeToString(randBytes(64)) }},
	{"python secrets.token_urlsafe(32)", 256, func() string { return base64.RawURLEncoding.EncodeToString(randBytes(32)) }},
	{"python secrets.token_hex(48)", 384, func() string { return hex.EncodeToString(randBytes(48)) }},
	{"django get_random_secret_key()", 50 * math.Log2(50), func() string {
		return randChoice("abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)", 50)
	}},
	{"rails secret (SecureRandom.hex(64))", 512, func() string { return hex.EncodeToString(randBytes(64)) }},
	{"laravel key:generate", 256, func() string { return "base64:" + base64.StdEncoding.EncodeToString(randBytes(32)) }},
	{"pwgen -s 64", 64 * math.Log2(62), func() string {
		return randChoice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 64)
	}},
}

func randBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

func randChoice(alphabet string, n int) string {
	b := make([]byte, n)
	max := big.NewInt(int64(len(alphabet)))
	for i := range b {
		v, _ := rand.Int(rand.Reader, max)
		b[i] = alphabet[v.Int64()]
	}
	return string(b)
}

// TestNoFalseAlarmsRealGenerators: 140,000 fresh keys, 14,000 from each of
// ten real generators, are all strong, with no finding, and rated at least
// 256 bits (a generator's own entropy when it puts in less, as Django's 282
// bits). With -short, a tenth of them.
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
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for g := range jobs {
				gen := realGenerators[g]
				key := gen.make()
				r, err := Check([]byte(key))
				bad := err != nil || r.Verdict != Strong || len(r.Findings) > 0 || r.Bits < min(256, gen.bits)-0.01
				mu.Lock()
				count++
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
		jobs <- i % len(realGenerators)
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
	if count != perGen*len(realGenerators) {
		t.Fatalf("checked %d keys", count)
	}
}
