package strength

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jwtkey/jwtkey/keygen"
)

func TestMain(m *testing.M) {
	// Years and Unix times are judged against the clock: pin it.
	now = func() time.Time { return time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC) }
	os.Exit(m.Run())
}

func kinds(r Result) []string {
	var k []string
	for _, f := range r.Findings {
		k = append(k, f.Kind)
	}
	return k
}

func TestSeedKeys(t *testing.T) {
	for _, s := range []string{"secret", "mysecretkey", "jwt_secret_key", "myapp2026", "asdfghjklasdfghjkl",
		"a3f8c2d1e7b9044f2c68a5d3e1f7b290c4a8e6d2f0b1c3a5e7d9f2b4c6a8e0d3"} {
		t.Run(s, func(t *testing.T) {
			r, err := Check([]byte(s))
			if err != nil {
				t.Fatal(err)
			}
			if r.Verdict != Compromised {
				t.Errorf("verdict %v, want compromised", r.Verdict)
			}
			if len(r.Findings) == 0 || r.Findings[0].Kind != KindPublished {
				t.Fatalf("first finding %v, want published", kinds(r))
			}
			if !strings.Contains(r.Findings[0].Message, "published") {
				t.Errorf("message %q does not say published", r.Findings[0].Message)
			}
			if len(r.GoodFor) != 0 || r.Bits > 10 {
				t.Errorf("good for %v with %.1f bits, want nothing", r.GoodFor, r.Bits)
			}
		})
	}
}

// TestSeedKeysStructure: behind the published verdict, each seed key is
// also described by what makes it weak.
func TestSeedKeysStructure(t *testing.T) {
	for _, tc := range []struct{ secret, kind string }{
		{"mysecretkey", KindPublished}, // my + "secret key", also published
		{"myapp2026", KindYear},
		{"asdfghjklasdfghjkl", KindRepeat},
	} {
		r, _ := Check([]byte(tc.secret))
		if !slices.Contains(kinds(r)[1:], tc.kind) {
			t.Errorf("%s: findings %v, want a %s finding after published", tc.secret, kinds(r), tc.kind)
		}
	}
}

// randomKey makes one key the way the common tools do, from r.
func randomKey(t testing.TB, r *keyStream, n int, enc string) string {
	b := r.bytes(n)
	switch enc {
	case "hex":
		return hex.EncodeToString(b)
	case "HEX":
		return strings.ToUpper(hex.EncodeToString(b))
	case "base64":
		return base64.StdEncoding.EncodeToString(b)
	case "base64url":
		return base64.RawURLEncoding.EncodeToString(b)
	case "base64url-padded":
		return base64.URLEncoding.EncodeToString(b)
	}
	t.Fatalf("unknown encoding %s", enc)
	return ""
}

// TestNoFalseAlarms: 20,000 random keys across hex, base64 and base64url
// of 32, 48 and 64 bytes, plus the shapes of openssl rand -hex 32, openssl
// rand -base64 48 and node's randomBytes(64).toString('base64url'), must all
// be strong and good for the algorithm their size matches.
func TestNoFalseAlarms(t *testing.T) {
	shapes := []struct {
		n   int
		enc string
	}{
		{32, "hex"}, {48, "hex"}, {64, "hex"},
		{32, "base64"}, {48, "base64"}, {64, "base64"},
		{32, "base64url"}, {48, "base64url"}, {64, "base64url"},
		{32, "HEX"}, {32, "base64url-padded"},
	}
	const total = 20000
	alarms := 0
	seed := testSeed(t)
	for i := range total {
		sh := shapes[i%len(shapes)]
		key := randomKey(t, newKeyStream(seed^0x5eed, uint64(i)), sh.n, sh.enc)
		r, err := Check([]byte(key))
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		want := fmt.Sprintf("HS%d", sh.n*8)
		if r.Verdict != Strong || !slices.Contains(r.GoodFor, want) || len(r.Findings) > 0 {
			alarms++
			if alarms <= 5 {
				t.Errorf("false alarm on %d random bytes as %s (TESTING KEY %s): %s %v %v",
					sh.n, sh.enc, key, r.Summary(), r.GoodFor, r.Findings)
			}
		}
		if math.Abs(r.Bits-float64(8*sh.n)) > 0.01 {
			t.Fatalf("%d random bytes as %s: %.2f bits, want %d", sh.n, sh.enc, r.Bits, 8*sh.n)
		}
	}
	if alarms > 0 {
		t.Errorf("%d false alarms in %d random keys", alarms, total)
	}
}

// TestGeneratedKeys: every HMAC key jwtkey generates passes.
func TestGeneratedKeys(t *testing.T) {
	for _, alg := range []keygen.Algorithm{keygen.HS256, keygen.HS384, keygen.HS512} {
		for _, enc := range []keygen.Encoding{keygen.Hex, keygen.Base64, keygen.Base64URL} {
			for range 50 {
				key, err := keygen.GenerateHMAC(alg)
				if err != nil {
					t.Fatal(err)
				}
				text, err := keygen.EncodeSecret(key, enc)
				if err != nil {
					t.Fatal(err)
				}
				r, err := Check(text)
				if err != nil {
					t.Fatal(err)
				}
				if r.Verdict != Strong || !slices.Contains(r.GoodFor, string(alg)) {
					t.Fatalf("%s %s key judged %s, good for %v: %v", alg, enc, r.Verdict, r.GoodFor, r.Findings)
				}
			}
		}
	}
}

// TestWeakLongSecrets: secrets of 32 characters or more that look long
// enough but are not, one or more per matcher.
func TestWeakLongSecrets(t *testing.T) {
	b64 := base64.StdEncoding.EncodeToString
	hx := func(s string) string { return hex.EncodeToString([]byte(s)) }
	block := "Zx81vQm2LpR7tN4cWe9yHb3kJ6sDf0Ga"                                   // 32 chars
	long := "the quick brown fox jumps over the lazy dog, then naps in the sun. " // 67 chars: past maxBlock
	tests := []struct {
		name   string
		secret string
		kinds  []string // at least one finding of one of these kinds
	}{
		{"sentence", "thisisaverylongsecretthatnobodywillguess", []string{KindDictionary}},
		{"pangram", "the quick brown fox jumps over the lazy dog", []string{KindDictionary}},
		{"app env year", "mycompany-production-jwt-secret-2025", []string{KindDictionary, KindPublished}},
		{"camel case app", "AcmeCorpProductionSecretKey2024!", []string{KindDictionary, KindPublished}},
		{"snake case", "my_super_secret_jwt_signing_key!!", []string{KindPublished, KindDictionary}},
		{"camel case", "MySuperSecretJwtSigningKeyForApi", []string{KindPublished, KindDictionary}},
		{"names and year", "michael-jennifer-smith-johnson-2020", []string{KindDictionary}},
		{"reversed", "terces-tjw-ym-si-siht-drowssap-nimda", []string{KindDictionary}},
		{"leetspeak", "P@ssw0rd-Sup3rS3cr3t-K3y-2024!!!", []string{KindDictionary, KindPublished}},
		{"leet sentence", "7h1s-1s-my-s3cr3t-k3y-f0r-th3-4p1", []string{KindDictionary, KindPublished}},
		{"qwerty rows", "qwertyuiopasdfghjklzxcvbnm1234567890", []string{KindKeyboard, KindDictionary, KindSequence}},
		{"qwerty columns", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", []string{KindKeyboard, KindDictionary}},
		{"shifted walk", "!QAZ@WSX#EDC$RFV%TGB^YHN&UJM*IK<(OL>", []string{KindKeyboard}},
		{"azerty", "azertyuiopqsdfghjklmwxcvbn&\"'(-_)=wxc", []string{KindKeyboard}},
		{"dvorak", "',.pyfgcrlaoeuidhtns;qjkxbmwvz',.pyfgcrl", []string{KindKeyboard, KindRepeat}},
		{"number pad", "7894561230789456123078945612307894", []string{KindKeyboard, KindRepeat}},
		{"one character", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", []string{KindRepeat}},
		{"short block", "abc123abc123abc123abc123abc123abc123", []string{KindRepeat}},
		{"random block twice", block + block, []string{KindRepeat}},
		{"long block twice", long + long, []string{KindRepeat}},
		{"alphabet", "abcdefghijklmnopqrstuvwxyz0123456789", []string{KindSequence}},
		{"backwards", "zyxwvutsrqponmlkjihgfedcba9876543210", []string{KindSequence}},
		{"hex counting", "0123456789abcdef0123456789abcdef0123", []string{KindSequence, KindRepeat}},
		{"even digits", "02468ACEGIKMOQSUWY-13579bdfhjlnprtvx", []string{KindSequence}},
		{"iso date", "2024-01-15-deploy-secret-for-the-api", []string{KindDate}},
		{"bare date", "born15011990andlovingeverymoment!!", []string{KindDate}},
		{"unix seconds", "service-1700000000-token-1700000001", []string{KindTimestamp}},
		{"unix millis", "backend1700000000123backendservice", []string{KindTimestamp, KindDictionary}},
		{"uuid", "550e8400-e29b-41d4-a716-446655440000", []string{KindUUID}},
		{"two uuids", "550e8400-e29b-41d4-a716-446655440000" + "6ba7b810-9dad-41d1-80b4-00c04fd430c8", []string{KindUUID}},
		{"uuid without dashes", "550e8400e29b41d4a716446655440000", []string{KindCharset}},
		{"hex of words", hx("my super secret signing key"), []string{KindEncoding}},
		{"base64 of words", b64([]byte("this is my jwt secret for the api")), []string{KindEncoding}},
		{"base64url of words", base64.RawURLEncoding.EncodeToString([]byte("production signing secret!!")), []string{KindEncoding}},
		{"laravel prefix", "base64:" + b64([]byte("laravel application key 2024")), []string{KindEncoding}},
		{"hex of published", hx("your-256-bit-secret"), []string{KindPublished}},
		{"hex of an invented key", hx("k3#Rv9!Lp2@Xz7$Qm4&Wt8*Nb6^Hd1%F"), []string{KindEncoding}},
		{"spring tutorial", "404E635266556A586E3272357538782F413F4428472B4B6250645367566B5970", []string{KindPublished}},
		{"published, edited", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY2", []string{KindPublished}},
		{"published, second half", "413F4428472B4B6250645367566B5970", []string{KindPublished}},
		{"published, inside", "prod-61oETzKXQAGaYdkL5gEmGeJJFuYh7EQnp2XdTP1o-2024", []string{KindPublished}},
		{"python bytes", `\x9c\x04\xe1\xb7R\xf0\x8a\x11m\xd3\xc6\x7f\x02\xaa\x5d\xe8`, []string{KindCharset}},
		{"placeholder", "change-me-in-production-please-ok", []string{KindPublished, KindDictionary}},
		{"published inside", "your-256-bit-secret-for-production", []string{KindPublished}},
		{"x placeholder", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", []string{KindRepeat, KindPublished}},
		{"fastapi docs", "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7", []string{KindPublished}},
		{"supabase default", "super-secret-jwt-token-with-at-least-32-characters-long", []string{KindPublished}},
		{"small alphabet", "kqzvxjwmbfhplrtnygdcseaoiuqwpzmxnbvcljhg", []string{KindCharset, KindDictionary, KindKeyboard, KindInvented}},
		{"math random", "0.8273641927364519-0.1928374650192837", []string{KindCharset, KindDate, KindYear, KindSequence}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.secret) < 32 {
				t.Fatalf("test secret has %d characters; this table is for 32 or more", len(tc.secret))
			}
			r, err := Check([]byte(tc.secret))
			if err != nil {
				t.Fatal(err)
			}
			if r.Verdict == Strong {
				t.Fatalf("judged strong (%.0f bits)", r.Bits)
			}
			if len(r.GoodFor) > 0 {
				t.Errorf("good for %v", r.GoodFor)
			}
			found := false
			for _, k := range kinds(r) {
				found = found || slices.Contains(tc.kinds, k)
			}
			if !found {
				t.Errorf("findings %v, want one of %v", r.Findings, tc.kinds)
			}
			if r.Fix == "" {
				t.Error("no fix")
			}
		})
	}
}

func TestShortSecrets(t *testing.T) {
	for _, s := range []string{"x", "Xk9#mQ2$vL7!", "correcthorsebatterystaple", strings.Repeat("Zq8", 10)} {
		r, err := Check([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		if r.Verdict != Weak || !slices.Contains(kinds(r), KindShort) {
			t.Errorf("%q: %s %v, want weak with a short finding", s, r.Verdict, kinds(r))
		}
		if !r.Crackable() {
			t.Errorf("%q: %.0f bits, want crackable", s, r.Bits)
		}
	}
}

func TestInputErrors(t *testing.T) {
	tests := []struct {
		name    string
		secret  []byte
		wantErr error
	}{
		{"empty", nil, ErrEmpty},
		{"spaces", []byte("   \t  "), ErrEmpty},
		{"unicode spaces", []byte("\u00a0\u2003"), ErrEmpty},
		{"NUL", []byte("secret\x00secret"), ErrNotText},
		{"newline inside", []byte("abc\ndef"), ErrNotText},
		{"escape", []byte("abc\x1bdef"), ErrNotText},
		{"binary", []byte{0xff, 0xfe, 0x01, 0x80}, ErrNotText},
		{"invalid UTF-8", []byte("caf\xe9"), ErrNotText},
		{"too long", []byte(strings.Repeat("a", MaxLength+1)), ErrTooLong},
		{"at the limit", []byte(strings.Repeat("ab", MaxLength/2)), nil},
		{"tab inside", []byte("a\tb"), nil},
		{"non-ASCII", []byte("pässwörd-ñ-日本語"), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Check(tc.secret)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "strength: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
			if err != nil && len(tc.secret) > 3 && strings.Contains(err.Error(), string(tc.secret)) {
				t.Errorf("error %q contains the secret", err)
			}
		})
	}
}

// TestNeverWholeSecret: findings quote at most half the secret.
func TestNeverWholeSecret(t *testing.T) {
	for _, s := range []string{"mysecretkey", "password", "qwertyuiop", "aaaaaaaaaaaa", "secretsecretsecretsecret",
		"my-super-secret-key-for-production-2024", "2024", "your-256-bit-secret"} {
		r, _ := Check([]byte(s))
		quoted := 0
		for _, f := range r.Findings {
			if strings.Contains(f.Message, fmt.Sprintf("%q", s)) {
				t.Errorf("%q: finding quotes the whole secret: %s", s, f.Message)
			}
			for _, part := range quotedParts(f.Message) {
				if strings.Contains(s, part) && f.Kind != KindRepeat {
					quoted += len(part)
				}
			}
		}
		if quoted > len(s)/2 {
			t.Errorf("%q: findings quote %d of %d bytes: %v", s, quoted, len(s), r.Findings)
		}
	}
}

func quotedParts(msg string) []string {
	var out []string
	parts := strings.Split(msg, `"`)
	for i := 1; i < len(parts); i += 2 {
		out = append(out, parts[i])
	}
	return out
}

func TestMarkLeaked(t *testing.T) {
	r, _ := Check([]byte(randomKey(t, newKeyStream(testSeed(t), 1<<40), 32, "hex")))
	r.MarkLeaked("leaked.txt (line 3)")
	if r.Verdict != Compromised || len(r.GoodFor) != 0 || r.Findings[0].Kind != KindLeaked || r.Findings[0].End != 64 {
		t.Errorf("after MarkLeaked: %+v", r)
	}
}

func TestLinearCost(t *testing.T) {
	// Not a timing test: counts matches, which bound the work.
	loadOnce.Do(load)
	count := func(n int) int {
		b := make([]byte, n)
		for i := range b {
			b[i] = "ab1!"[i%4]
		}
		var ms []match
		matchRepeats(b, 0, false, &ms)
		matchDictionary(b, b, false, &ms)
		matchKeyboards(b, &ms)
		return len(ms)
	}
	small, big := count(128), count(1024)
	if big > 10*small {
		t.Errorf("matches grow faster than length: %d for 128 bytes, %d for 1024", small, big)
	}
}

func TestKnown(t *testing.T) {
	var got []string
	seen := map[string]bool{}
	for k := range Known() {
		if seen[string(k)] {
			t.Fatalf("%q yielded twice", k)
		}
		seen[string(k)] = true
		got = append(got, string(k))
	}
	if len(got) != 50058 {
		t.Errorf("Known yields %d entries; the documentation says 50,058", len(got))
	}
	if len(got) > 100000 {
		t.Errorf("Known yields %d entries, more than audit can try in milliseconds", len(got))
	}
	pub := publishedList()
	for i, p := range pub {
		if got[i] != p.secret {
			t.Fatalf("entry %d is %q, want the curated %q first", i, got[i], p.secret)
		}
	}
	for _, want := range []string{"your-256-bit-secret", "secret", "password", "123456", "dragon"} {
		if !seen[want] {
			t.Errorf("Known lacks %q", want)
		}
	}
	// Stopping early works.
	n := 0
	for range Known() {
		n++
		if n == 3 {
			break
		}
	}
}

// TestPublishedData: every curated entry is judged compromised, and every
// entry names its source.
func TestPublishedData(t *testing.T) {
	for _, p := range publishedList() {
		r, err := Check([]byte(p.secret))
		if err != nil {
			t.Fatalf("%q: %v", p.secret, err)
		}
		if r.Verdict != Compromised {
			t.Errorf("%q: %s, want compromised", p.secret, r.Verdict)
		}
		if !strings.Contains(r.Findings[0].Message, p.source) && !strings.Contains(r.Findings[0].Message, "published") {
			t.Errorf("%q: finding %q does not give the source", p.secret, r.Findings[0].Message)
		}
	}
}

func TestVerdictString(t *testing.T) {
	for v, want := range map[Verdict]string{Strong: "strong", Weak: "weak", Compromised: "compromised", Verdict(9): "unknown"} {
		if v.String() != want {
			t.Errorf("%d: %q, want %q", v, v.String(), want)
		}
	}
}

// TestConcurrent: Check is safe to call from many goroutines (run with
// -race); the first calls race to load the dictionaries.
func TestConcurrent(t *testing.T) {
	done := make(chan Result)
	for _, s := range []string{"mysecretkey", "correcthorsebatterystaple", randomKey(t, newKeyStream(testSeed(t), 1<<40), 32, "hex"), "qwertyuiop"} {
		go func() {
			r, _ := Check([]byte(s))
			done <- r
		}()
	}
	for range 4 {
		<-done
	}
}

// TestSmallWordsInSentences: in a long secret written as a sentence, the
// small words (I, a, to, of, is) are words, not random letters that break
// the phrase, so every word is found and the sentence costs what its words
// do. Alone between random characters a small word counts for nothing
// (TestNoFalseAlarmsRealGenerators).
func TestSmallWordsInSentences(t *testing.T) {
	for _, tc := range []struct {
		secret string
		words  []string // small words the findings must name
	}{
		{"ThisIsTheSecretKeyThatIUseToSignAllOfMyTokensInProduction", []string{"Is", "I", "To"}},
		{"ThereWeGoAgainMyFriendsAndWeWillKeepOnFightingTillTheEnd", []string{"We", "Go", "My", "On"}},
	} {
		r, err := Check([]byte(tc.secret))
		if err != nil {
			t.Fatal(err)
		}
		var named []string
		covered := 0
		for _, f := range r.Findings {
			named = append(named, tc.secret[f.Start:f.End])
			covered += f.End - f.Start
		}
		for _, w := range tc.words {
			if !slices.Contains(named, w) {
				t.Errorf("%s: no finding for %q among %q", tc.secret, w, named)
			}
		}
		if covered != len(tc.secret) {
			t.Errorf("%s: findings cover %d of %d characters: %q", tc.secret, covered, len(tc.secret), named)
		}
		if perChar := r.Bits / float64(len(tc.secret)); perChar > 3.2 {
			t.Errorf("%s: %.0f bits, %.1f a character: more than its words cost", tc.secret, r.Bits, perChar)
		}
	}
}

// TestWrittenOutUmlauts: German words typed without umlaut keys (ae, oe,
// ue) are the listed words they spell, and a sentence of them is weak.
func TestWrittenOutUmlauts(t *testing.T) {
	for _, tc := range []struct {
		secret string
		words  []string
	}{
		{"mein_neuer_schluessel_fuer_alle_aenderungen_im_system_2025", []string{"schluessel"}},
		{"Bitte_den_Schluessel_sofort_aendern_und_nicht_weitergeben", []string{"Schluessel", "aendern"}},
	} {
		r, err := Check([]byte(tc.secret))
		if err != nil {
			t.Fatal(err)
		}
		var named []string
		for _, f := range r.Findings {
			if f.Kind == KindDictionary {
				named = append(named, tc.secret[f.Start:f.End])
			}
		}
		for _, w := range tc.words {
			if !slices.Contains(named, w) {
				t.Errorf("%s: %q is not named as a word among %q", tc.secret, w, named)
			}
		}
		if r.Verdict != Weak {
			t.Errorf("%s: %s, want weak", tc.secret, r.Summary())
		}
	}
}

// TestSentencePunctuation: commas, stops and marks between the words of a
// sentence cost what a separator does; at the start of a random key, or
// after a random run, they stay characters of the alphabet.
func TestSentencePunctuation(t *testing.T) {
	loadOnce.Do(load)
	plain := analyze([]byte("well then, here we go again, and again!"), 0)
	marks := analyze([]byte("well then  here we go again  and again "), 0)
	if d := plain.sbits - marks.sbits; d > 8 {
		t.Errorf("punctuation costs %.1f bits more than spaces in the same sentence", d)
	}
	// A TESTING KEY from openssl rand -base64 33, with , and ! in place of
	// two of its characters.
	key := analyze([]byte("k2Vd,9QzLr!mXw8TfNa3pYc6BhJu1GeR5sDo"), 0)
	if key.patterned {
		t.Errorf("a random key with a comma and a mark is patterned: %.0f of %.0f bits", key.sbits, key.brute)
	}
}

// TestSpokenWords: the short words of spoken English that the zxcvbn lists
// leave out (cat, sun) are words between the words of a sentence.
func TestSpokenWords(t *testing.T) {
	const secret = "my sleepy cat naps under the warm sun every single afternoon"
	r, err := Check([]byte(secret))
	if err != nil {
		t.Fatal(err)
	}
	var named []string
	for _, f := range r.Findings {
		named = append(named, secret[f.Start:f.End])
	}
	for _, w := range []string{"cat", "sun"} {
		if !slices.Contains(named, w) {
			t.Errorf("%q is not named among %q", w, named)
		}
	}
}

// TestForeignSmallWords: the short words of other languages' sentences
// (que, del, les) are words where they stand apart, and a word another
// language ranks far better than the English lists do ("para") is priced
// at that rank; inside a run of lower-case letters a three-letter foreign
// word is not taken.
func TestForeignSmallWords(t *testing.T) {
	loadOnce.Do(load)
	named := func(secret string) []string {
		var out []string
		for _, m := range analyze([]byte(secret), 0).seq {
			if m.kind == KindDictionary {
				out = append(out, secret[m.i:m.j])
			}
		}
		return out
	}
	for _, tc := range []struct {
		secret string
		want   []string
	}{
		{"LaClaveQueUsamosParaFirmarLosTokensDelServidorDePruebas", []string{"Que", "Para", "Los", "Del"}},
		{"la_clave_que_usamos_para_firmar_los_tokens_del_servidor", []string{"que", "para", "los", "del"}},
	} {
		got := named(tc.secret)
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: %q is not named among %q", tc.secret, w, got)
			}
		}
	}
	// In a mashed run the same letters are no word.
	for _, w := range named("lskdjfalskdjfhgalsqueirutydelaskdjfhgqpwoeiruty") {
		if len(w) == 3 {
			t.Errorf("three-letter word %q taken inside a run of letters", w)
		}
	}
	// "para" ranks far better as a Spanish or Portuguese word than in the
	// English lists, where it ranks past 5,000.
	found := false
	for _, m := range analyze([]byte("esta_es_la_clave_para_firmar_tokens"), 0).seq {
		if m.text == "para" {
			found = true
			if m.num > 100 {
				t.Errorf("para ranked %d", m.num)
			}
		}
	}
	if !found {
		t.Error("para is not a word of the sentence")
	}
}
