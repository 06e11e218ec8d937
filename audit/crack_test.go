package audit

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jwtkey/jwtkey/keygen"
	"github.com/jwtkey/jwtkey/strength"
)

func parse(t testing.TB, s string) *Token {
	t.Helper()
	tok, err := ParseToken(s)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// crack runs attacks against a token signed with key and returns the
// result.
func crack(t *testing.T, alg string, key []byte, o Options, attacks ...Attack) *Result {
	t.Helper()
	c, err := NewCracker(parse(t, sign(t, alg, key, nil)), o)
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Run(context.Background(), attacks...)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return res
}

func knownSecrets(n int) [][]byte {
	var out [][]byte
	for s := range strength.Known() {
		if len(s) == 0 {
			continue
		}
		out = append(out, bytes.Clone(s))
		if len(out) == n {
			break
		}
	}
	return out
}

func TestCrackBuiltin(t *testing.T) {
	known := knownSecrets(3)
	if len(known) == 0 {
		t.Fatal("strength.Known yields nothing")
	}
	for i, secret := range known {
		for _, alg := range []string{"HS256", "HS384", "HS512"} {
			res := crack(t, alg, secret, Options{Threads: 2}, Builtin{})
			if !res.Found || !bytes.Equal(res.Secret, secret) {
				t.Fatalf("%s, known secret %d: found=%v secret=%q", alg, i, res.Found, res.Secret)
			}
			if res.Source.Attack != "builtin" || res.Source.Base64 || res.Source.Rule != "" {
				t.Errorf("%s: source = %+v", alg, res.Source)
			}
			// The list may hold duplicates; the entry found must hold the secret.
			if got := nthKnown(res.Source.Line); !bytes.Equal(got, secret) {
				t.Errorf("%s: source line %d holds %q, not %q", alg, res.Source.Line, got, secret)
			}
			s, ok := FindKnownSecret(parse(t, sign(t, alg, secret, nil)))
			if !ok || !bytes.Equal(s, secret) {
				t.Errorf("FindKnownSecret(%s) = %q, %v", alg, s, ok)
			}
		}
	}
}

// TestFindKnownSecretBase64 finds a secret that a framework made by
// base64-decoding a built-in entry, and the last entries of the list.
func TestFindKnownSecretBase64(t *testing.T) {
	var b64, last []byte
	for s := range strength.Known() {
		if d, ok := decodeBase64(make([]byte, 0, len(s)), s); ok && b64 == nil && len(s) > 4 {
			b64 = d
		}
		last = bytes.Clone(s)
	}
	if b64 == nil {
		t.Skip("no base64-shaped entry in the built-in list")
	}
	for _, secret := range [][]byte{b64, last} {
		s, ok := FindKnownSecret(parse(t, sign(t, "HS256", secret, nil)))
		if !ok || !bytes.Equal(s, secret) {
			t.Errorf("FindKnownSecret(%q) = %q, %v", secret, s, ok)
		}
	}
}

func nthKnown(n uint64) []byte {
	var i uint64
	for s := range strength.Known() {
		if i++; i == n {
			return s
		}
	}
	return nil
}

func TestCrackEmptySecret(t *testing.T) {
	res := crack(t, "HS256", []byte{}, Options{})
	if !res.Found || len(res.Secret) != 0 || res.Source.Attack != "empty" || res.Source.String() != "the empty secret" {
		t.Fatalf("result = %+v", res)
	}
	if s, ok := FindKnownSecret(parse(t, sign(t, "HS384", []byte{}, nil))); !ok || len(s) != 0 {
		t.Fatalf("FindKnownSecret of the empty secret = %q, %v", s, ok)
	}
}

func TestGeneratedKeyNotFound(t *testing.T) {
	for _, alg := range []keygen.Algorithm{keygen.HS256, keygen.HS384, keygen.HS512} {
		key, err := keygen.GenerateHMAC(alg)
		if err != nil {
			t.Fatal(err)
		}
		m, err := ParseMask("?d?d?d", [4][]byte{})
		if err != nil {
			t.Fatal(err)
		}
		words := "password\nadmin\n" + base64.StdEncoding.EncodeToString([]byte("\x01x-long-key")) + "\n"
		res := crack(t, string(alg), key, Options{Threads: 3},
			Builtin{}, Wordlist{Reader: strings.NewReader(words), Name: "w"}, Masks{Masks: []*Mask{m}})
		if res.Found {
			t.Fatalf("%s: a generated key was found: %+v", alg, res.Source)
		}
		if len(res.Attacks) != 3 {
			t.Fatalf("attacks = %+v", res.Attacks)
		}
		for _, a := range res.Attacks {
			if !a.Complete {
				t.Errorf("%s attack incomplete: %+v", a.Attack, a)
			}
		}
		if got := res.Attacks[2].Candidates; got != 1000 {
			t.Errorf("mask tried %d candidates, want 1000", got)
		}
		// 3 words, the last valid base64, with rule mutations on top.
		if got := res.Attacks[1].Candidates; got < 4 || got > uint64(3*(1+BuiltinRuleCount())) {
			t.Errorf("wordlist tried %d candidates", got)
		}
		if _, ok := FindKnownSecret(parse(t, sign(t, string(alg), key, nil))); ok {
			t.Errorf("FindKnownSecret found a generated key")
		}
	}
}

// makeWordlist writes n filler lines with the given lines at the given
// positions (0-based), using CRLF on odd lines.
func makeWordlist(n int, at map[int]string) string {
	var b strings.Builder
	for i := range n {
		w, ok := at[i]
		if !ok {
			w = fmt.Sprintf("filler-%06d", i)
		}
		b.WriteString(w)
		if i%2 == 1 {
			b.WriteString("\r\n")
		} else {
			b.WriteString("\n")
		}
	}
	return b.String()
}

func TestCrackWordlist(t *testing.T) {
	long := strings.Repeat("0123456789", 10) // a 100-byte key
	tests := []struct {
		name     string
		secret   string
		line     string // as written in the wordlist, when different
		at       int    // 0-based position
		rules    bool
		wantRule string
		wantB64  bool
	}{
		{name: "plain", secret: "hunter2", at: 7},
		{name: "crlf line", secret: "correct horse", at: 9},
		{name: "leading and trailing spaces kept", secret: "  padded secret  ", at: 12},
		{name: "tab inside", secret: "a\tb", at: 13},
		{name: "100-byte key", secret: long, at: 14},
		{name: "200-byte key", secret: long + long, at: 15},
		{name: "after the first chunk", secret: "deep-in-the-list", at: 25000},
		{name: "last line without newline", secret: "the-end", at: -1},
		{name: "base64 std padded", secret: "\x01\x02binary\xff", line: base64.StdEncoding.EncodeToString([]byte("\x01\x02binary\xff")), at: 20, wantB64: true},
		{name: "base64 std raw", secret: "\xfb\xff\xfe\x01\x02jwt!", line: base64.RawStdEncoding.EncodeToString([]byte("\xfb\xff\xfe\x01\x02jwt!")), at: 21, wantB64: true},
		{name: "base64 url raw", secret: "\xfb\xff\xfe\x01\xfb\xff\xfe\x01", line: base64.RawURLEncoding.EncodeToString([]byte("\xfb\xff\xfe\x01\xfb\xff\xfe\x01")), at: 22, wantB64: true},
		{name: "base64 url padded", secret: "\xfb\xff\xfe\x01\xfb\xff\xfe\x01", line: base64.URLEncoding.EncodeToString([]byte("\xfb\xff\xfe\x01\xfb\xff\xfe\x01")), at: 23, wantB64: true},
		{name: "rule capitalize year", secret: "Dragon2024", line: "dragon", at: 30, rules: true, wantRule: `M c Q $2 $0 $2 $4`},
		{name: "rule l33t", secret: "p455w0rd", line: "password", at: 31, rules: true, wantRule: "M sa4 se3 si1 so0 ss5 st7 sA4 sE3 sI1 sO0 sS5 sT7 Q :"},
		{name: "rule separators", secret: "my_jwt_key", line: "my-jwt-key", at: 32, rules: true, wantRule: "M s _ s-_ s._ Q :"},
		{name: "rule upper separator year", secret: "ACME-2019", line: "acme", at: 33, rules: true, wantRule: `M u Q $- $2 $0 $1 $9`},
		{name: "rule digits", secret: "letmein123", line: "letmein", at: 34, rules: true, wantRule: `: $1 $2 $3`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			line := tt.line
			if line == "" {
				line = tt.secret
			}
			n := 40
			if tt.at >= n {
				n = tt.at + 10
			}
			words := makeWordlist(n, map[int]string{tt.at: line})
			wantLine := uint64(tt.at + 1)
			if tt.at < 0 {
				words += line
				wantLine = uint64(n + 1)
			}
			var rules []*RuleSet
			if tt.rules {
				rules = BuiltinRules()
			}
			res := crack(t, "HS256", []byte(tt.secret), Options{Threads: 2},
				Wordlist{Reader: strings.NewReader(words), Name: "words.txt", Size: int64(len(words)), Rules: rules})
			if !res.Found || string(res.Secret) != tt.secret {
				t.Fatalf("found=%v secret=%q, want %q", res.Found, res.Secret, tt.secret)
			}
			want := Source{Attack: "wordlist", Name: "words.txt", Line: wantLine, Rule: tt.wantRule, Base64: tt.wantB64}
			if res.Source.String() != want.String() {
				t.Errorf("source = %s, want %s", res.Source, want)
			}
		})
	}
}

func TestNoBase64(t *testing.T) {
	words := base64.StdEncoding.EncodeToString([]byte("hidden")) + "\n"
	res := crack(t, "HS256", []byte("hidden"), Options{NoBase64: true}, Wordlist{Reader: strings.NewReader(words)})
	if res.Found {
		t.Fatal("found a base64-decoded secret with NoBase64")
	}
}

func TestCrackMask(t *testing.T) {
	custom, err := ParseCustomCharsets([4]string{"xyz", "?d!"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		mask   string
		secret string
		skip   uint64
		found  bool
	}{
		{"?l?l?d?d", "jw42", 0, true},
		{"?l?l?d?d", "aa00", 0, true},
		{"?l?l?d?d", "zz99", 0, true},
		{"?u?1?2", "Ay!", 0, true},
		{"key-?h?h?h", "key-f0e", 0, true},
		{"a??b?d", "a?b7", 0, true},
		{"?l?l?d?d", "jw42", 9*2600 + 22*100 + 42 + 1, false}, // skipped past
		{"?l?l?d?d", "jw42", 9*2600 + 22*100 + 42, true},      // skip stops right at it
	}
	for _, tt := range tests {
		for _, threads := range []int{1, 3} {
			t.Run(fmt.Sprintf("%s/%s/skip%d/threads%d", tt.mask, tt.secret, tt.skip, threads), func(t *testing.T) {
				m, err := ParseMask(tt.mask, custom)
				if err != nil {
					t.Fatal(err)
				}
				res := crack(t, "HS256", []byte(tt.secret), Options{Threads: threads}, Masks{Masks: []*Mask{m}, Skip: tt.skip})
				if res.Found != tt.found {
					t.Fatalf("found = %v, want %v", res.Found, tt.found)
				}
				n, _ := m.Keyspace()
				if !tt.found {
					if res.Attacks[0].Candidates != n-tt.skip || !res.Attacks[0].Complete {
						t.Errorf("stats = %+v, want %d candidates, complete", res.Attacks[0], n-tt.skip)
					}
					return
				}
				if string(res.Secret) != tt.secret {
					t.Fatalf("secret = %q, want %q", res.Secret, tt.secret)
				}
				buf := make([]byte, m.Len())
				m.Candidate(*res.Source.Index, buf)
				if string(buf) != tt.secret {
					t.Errorf("source index %d is candidate %q, not the secret", *res.Source.Index, buf)
				}
			})
		}
	}
}

func TestCrackIncremental(t *testing.T) {
	m, err := ParseMask("?d?d?d?d", [4][]byte{})
	if err != nil {
		t.Fatal(err)
	}
	var masks []*Mask
	for n := 1; n <= 4; n++ {
		masks = append(masks, m.Prefix(n))
	}
	total, err := Keyspace(masks...)
	if err != nil || total != 11110 {
		t.Fatalf("Keyspace = %d, %v; want 11110", total, err)
	}
	res := crack(t, "HS384", []byte("907"), Options{Threads: 2}, Masks{Masks: masks})
	if !res.Found || string(res.Secret) != "907" {
		t.Fatalf("result = %+v", res)
	}
	if got := *res.Source.Index; got != 10+100+907 || res.Source.Name != "?d?d?d" {
		t.Errorf("source = %s, want ?d?d?d at %d", res.Source, 10+100+907)
	}
	charset := RepeatCharset([]byte("ab"), 5)
	masks = masks[:0]
	for n := 2; n <= 5; n++ {
		masks = append(masks, charset.Prefix(n))
	}
	res = crack(t, "HS256", []byte("babb"), Options{Threads: 2}, Masks{Masks: masks})
	if !res.Found || string(res.Secret) != "babb" || res.Source.Name != "4×[ab]" {
		t.Fatalf("result = %+v, source %s", res, res.Source)
	}
}

// TestInterruptAndResume cancels a mask attack part way and resumes it
// from Result.Resume: together the two runs must cover the keyspace.
func TestInterruptAndResume(t *testing.T) {
	m, err := ParseMask("?d?d?d?d?d", [4][]byte{})
	if err != nil {
		t.Fatal(err)
	}
	const secret = "98765"
	tok := parse(t, sign(t, "HS256", []byte(secret), nil))
	c, err := NewCracker(tok, Options{Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for p := c.Progress(); p.Attack != "mask" || p.Done < 2000; p = c.Progress() {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	res, err := c.Run(ctx, Builtin{}, Masks{Masks: []*Mask{m}})
	cancel()
	if res.Found {
		t.Skip("the machine finished before the cancel landed")
	}
	if !errors.Is(err, ErrInterrupted) || !errors.Is(err, context.Canceled) {
		t.Fatalf("Run error = %v, want ErrInterrupted and context.Canceled", err)
	}
	if !res.ResumeValid || res.Resume > 98765 {
		t.Fatalf("Resume = %d (valid %v), want at most 98765", res.Resume, res.ResumeValid)
	}
	last := res.Attacks[len(res.Attacks)-1]
	if last.Complete || last.Candidates < res.Resume {
		t.Errorf("interrupted attack stats = %+v, resume %d", last, res.Resume)
	}
	res2, err := c.Run(context.Background(), Masks{Masks: []*Mask{m}, Skip: res.Resume})
	if err != nil || !res2.Found || string(res2.Secret) != secret || *res2.Source.Index != 98765 {
		t.Fatalf("resumed run: %v %+v", err, res2)
	}
}

func TestCancelledBeforeStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c, err := NewCracker(parse(t, sign(t, "HS256", []byte("nope-not-here"), nil)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Run(ctx, Builtin{})
	if !errors.Is(err, ErrInterrupted) || res == nil || res.Found {
		t.Fatalf("Run = %+v, %v", res, err)
	}
}

func TestWordlistReadError(t *testing.T) {
	c, err := NewCracker(parse(t, sign(t, "HS256", []byte("x-not-there"), nil)), Options{Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	r := &failingReader{data: []byte("a\nb\nc\n")}
	res, err := c.Run(context.Background(), Wordlist{Reader: r, Name: "w"})
	if err == nil || !strings.Contains(err.Error(), "audit: reading wordlist: disk on fire") {
		t.Fatalf("Run error = %v", err)
	}
	if res.Attacks[0].Complete {
		t.Errorf("failed wordlist reported complete")
	}
}

type failingReader struct{ data []byte }

func (r *failingReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, errors.New("disk on fire")
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestProgress(t *testing.T) {
	m, _ := ParseMask("?d?d?d", [4][]byte{})
	c, err := NewCracker(parse(t, sign(t, "HS256", []byte("not-a-digit"), nil)), Options{Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	if p := c.Progress(); p != (Progress{}) {
		t.Errorf("Progress before Run = %+v", p)
	}
	res, err := c.Run(context.Background(), Masks{Masks: []*Mask{m}, Skip: 10})
	if err != nil {
		t.Fatal(err)
	}
	p := c.Progress()
	if p.Attack != "mask" || p.Total != 990 || p.Done != 990 || p.Candidates != res.Candidates {
		t.Errorf("Progress after Run = %+v, result candidates %d", p, res.Candidates)
	}
	if res.Rate() <= 0 {
		t.Errorf("Rate = %v", res.Rate())
	}
}

func TestSkipPastEnd(t *testing.T) {
	m, _ := ParseMask("?d", [4][]byte{})
	c, _ := NewCracker(parse(t, sign(t, "HS256", []byte("zz"), nil)), Options{})
	if _, err := c.Run(context.Background(), Masks{Masks: []*Mask{m}, Skip: 11}); err == nil || !strings.Contains(err.Error(), "cannot skip 11") {
		t.Fatalf("Run error = %v", err)
	}
}

func TestCrackSecrets(t *testing.T) {
	list := [][]byte{[]byte("first"), {}, []byte("c2Vjb25k"), []byte("third one")}
	res := crack(t, "HS512", []byte("third one"), Options{Threads: 2}, Secrets{List: list, Name: "earlier"})
	if !res.Found || res.Source.String() != "earlier, entry 4" {
		t.Fatalf("result = %+v, source %s", res, res.Source)
	}
	// Given secrets are tried as they are, not base64-decoded.
	res = crack(t, "HS256", []byte("second"), Options{}, Secrets{List: list, Name: "earlier"})
	if res.Found {
		t.Fatalf("found %q from a given secret's base64 decoding", res.Secret)
	}
}

func TestWordlistProgress(t *testing.T) {
	words := makeWordlist(30000, nil) // several chunks
	c, err := NewCracker(parse(t, sign(t, "HS256", []byte("absent"), nil)), Options{Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Run(context.Background(), Wordlist{Reader: strings.NewReader(words), Name: "w", Size: int64(len(words))})
	if err != nil || res.Found {
		t.Fatalf("Run: %v %+v", err, res)
	}
	p := c.Progress()
	if p.BytesDone != int64(len(words)) || p.BytesTotal != int64(len(words)) || p.Name != "w" {
		t.Errorf("Progress = %+v, want all %d bytes done", p, len(words))
	}
	if res.Attacks[0].Candidates != 30000 {
		t.Errorf("tried %d candidates, want one per line", res.Attacks[0].Candidates)
	}
}

func TestWordlistSkip(t *testing.T) {
	words := makeWordlist(40000, map[int]string{2: "early", 30000: "late"})
	for _, tt := range []struct {
		secret string
		skip   uint64
		found  bool
		line   uint64
	}{
		{"early", 0, true, 3},
		{"early", 2, true, 3},
		{"early", 3, false, 0},
		{"late", 29999, true, 30001},
		{"late", 30001, false, 0},
		{"late", 1 << 40, false, 0},
	} {
		res := crack(t, "HS256", []byte(tt.secret), Options{Threads: 2, NoBase64: true}, Wordlist{Reader: strings.NewReader(words), Name: "w", Skip: tt.skip})
		if res.Found != tt.found || tt.found && res.Source.Line != tt.line {
			t.Errorf("%s skip %d: found %v at %s", tt.secret, tt.skip, res.Found, res.Source)
		}
		if want := uint64(40000) - min(tt.skip, 40000); !tt.found && res.Attacks[0].Candidates != want {
			t.Errorf("%s skip %d: tried %d lines, want %d", tt.secret, tt.skip, res.Attacks[0].Candidates, want)
		}
	}
}

// gateReader hands out its first n bytes, then blocks until released.
type gateReader struct {
	r       io.Reader
	n       int
	reached chan struct{}
	release chan struct{}
	once    sync.Once
}

func (g *gateReader) Read(p []byte) (int, error) {
	if g.n <= 0 {
		g.once.Do(func() { close(g.reached) })
		<-g.release
		return g.r.Read(p)
	}
	n, err := g.r.Read(p[:min(len(p), g.n)])
	g.n -= n
	return n, err
}

// TestWordlistInterruptAndResume stops a wordlist attack while its reader
// is blocked, two chunks in, and resumes from Result.Resume.
func TestWordlistInterruptAndResume(t *testing.T) {
	words := makeWordlist(60000, map[int]string{50000: "the-secret"})
	tok := parse(t, sign(t, "HS256", []byte("the-secret"), nil))
	c, err := NewCracker(tok, Options{Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	g := &gateReader{r: strings.NewReader(words), n: 2*chunkSize + 1000, reached: make(chan struct{}), release: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-g.reached
		for c.Progress().BytesDone < 2*chunkSize-100 {
			time.Sleep(time.Millisecond)
		}
		cancel()
		close(g.release)
	}()
	res, err := c.Run(ctx, Wordlist{Reader: g, Name: "w"})
	cancel()
	if !errors.Is(err, ErrInterrupted) || res.Found {
		t.Fatalf("Run = %v, %+v", err, res)
	}
	firstTwo := uint64(strings.Count(words[:2*chunkSize], "\n"))
	if !res.ResumeValid || res.Resume < firstTwo-1 || res.Resume > 50000 {
		t.Fatalf("Resume = %d (valid %v), want about %d", res.Resume, res.ResumeValid, firstTwo)
	}
	res2, err := c.Run(context.Background(), Wordlist{Reader: strings.NewReader(words), Name: "w", Skip: res.Resume})
	if err != nil || !res2.Found || res2.Source.Line != 50001 {
		t.Fatalf("resumed: %v, %+v", err, res2)
	}
	if res2.Attacks[0].Candidates > 60000-res.Resume {
		t.Errorf("resumed run tried %d lines, more than the %d left", res2.Attacks[0].Candidates, 60000-res.Resume)
	}
}

// TestBuiltinDecodesEveryEntry: the built-in list's entries are all tried
// base64-decoded, short ones too, unlike a wordlist's.
func TestBuiltinDecodesEveryEntry(t *testing.T) {
	var secret []byte
	for s := range strength.Known() {
		if d, ok := decodeBase64(make([]byte, 0, len(s)), s); ok && !worthDecoding(s) && len(d) >= 3 {
			secret = d
			break
		}
	}
	if secret == nil {
		t.Skip("no short base64 entry in the built-in list")
	}
	res := crack(t, "HS256", secret, Options{Threads: 2}, Builtin{})
	if !res.Found || !bytes.Equal(res.Secret, secret) || !res.Source.Base64 {
		t.Fatalf("found=%v secret=%q source=%+v", res.Found, res.Secret, res.Source)
	}
}
