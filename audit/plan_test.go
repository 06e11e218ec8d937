package audit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func runPlan(t *testing.T, alg string, key []byte, threads int, p *Plan) *Result {
	t.Helper()
	c, err := NewCracker(parse(t, sign(t, alg, key, nil)), Options{Threads: threads, NoBase64: true})
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.RunPlan(context.Background(), p)
	if err != nil {
		t.Fatalf("RunPlan: %v", err)
	}
	return res
}

// TestHybridAndCombinator plants secrets at known positions of each
// attack and checks where they are found.
func TestHybridAndCombinator(t *testing.T) {
	dir := t.TempDir()
	words := writeFile(t, dir, "words.txt", makeWordlist(300, map[int]string{120: "spring", 250: "acme"}))
	second := writeFile(t, dir, "second.txt", "alpha\n\nbeta\ngamma\n")
	tests := []struct {
		name   string
		secret string
		plan   Plan
		want   string
	}{
		{"append", "spring47", Plan{Wordlist: words, Mask: "?d?d"},
			"wordlist " + words + ", line 121 + mask ?d?d, candidate 47"},
		{"prepend", "47acme", Plan{Wordlist: words, Mask: "?d?d", Prepend: true},
			"mask ?d?d, candidate 47 + wordlist " + words + ", line 251"},
		{"append, incremental", "acme7", Plan{Wordlist: words, Mask: "?d?d", Increment: true},
			"wordlist " + words + ", line 251 + mask ?d, candidate 7"},
		{"combinator", "springgamma", Plan{Wordlist: words, Wordlist2: second},
			"wordlist " + words + ", line 121 + wordlist " + second + ", line 4"},
	}
	for _, tt := range tests {
		for _, threads := range []int{1, 3} {
			t.Run(fmt.Sprintf("%s/threads=%d", tt.name, threads), func(t *testing.T) {
				p := tt.plan
				res := runPlan(t, "HS256", []byte(tt.secret), threads, &p)
				if !res.Found || string(res.Secret) != tt.secret {
					t.Fatalf("found=%v secret=%q", res.Found, res.Secret)
				}
				if got := res.Source.String(); got != tt.want {
					t.Errorf("source = %s, want %s", got, tt.want)
				}
			})
		}
	}
}

// lineGen makes n lines, w0000000 to w(n-1), and calls cancel once it
// has handed out stopAt of them.
type lineGen struct {
	n, i int
	buf  []byte
	// stopAt cancels after this many lines were handed out.
	stopAt int
	cancel func()
}

func (g *lineGen) Read(p []byte) (int, error) {
	for len(g.buf) < len(p) && g.i < g.n {
		g.buf = fmt.Appendf(g.buf, "w%07d\n", g.i)
		g.i++
		if g.i == g.stopAt && g.cancel != nil {
			g.cancel()
		}
	}
	if len(g.buf) == 0 {
		return 0, io.EOF
	}
	k := copy(p, g.buf)
	g.buf = g.buf[:copy(g.buf, g.buf[k:])]
	return k, nil
}

// TestHybridResumeNoGap interrupts a hybrid attack and resumes it: the
// secret, on a line the first run may or may not have reached, is found,
// and the resumed run starts no later than the first unfinished line.
func TestHybridResumeNoGap(t *testing.T) {
	const lines = 100000
	for _, at := range []int{1000, 45000, 90000} {
		t.Run(fmt.Sprint(at), func(t *testing.T) {
			secret := fmt.Sprintf("w%07d42", at)
			tok := parse(t, sign(t, "HS256", []byte(secret), nil))
			c, err := NewCracker(tok, Options{Threads: 2})
			if err != nil {
				t.Fatal(err)
			}
			m, _ := ParseMask("?d?d", [4][]byte{})
			ctx, cancel := context.WithCancel(context.Background())
			g := &lineGen{n: lines, stopAt: 40000, cancel: cancel}
			res, err := c.Run(ctx, Hybrid{Reader: g, Name: "g", Masks: []*Mask{m}})
			if res.Found {
				if string(res.Secret) != secret {
					t.Fatalf("found %q", res.Secret)
				}
				return // found before the interruption
			}
			if !errors.Is(err, ErrInterrupted) || !res.ResumeValid {
				t.Fatalf("err=%v resume=%v", err, res.ResumeValid)
			}
			res2, err := c.Run(context.Background(), Hybrid{Reader: &lineGen{n: lines}, Name: "g", Masks: []*Mask{m}, Skip: res.Resume})
			if err != nil || !res2.Found || string(res2.Secret) != secret {
				t.Fatalf("resumed at %d: found=%v %q err=%v", res.Resume, res2.Found, res2.Secret, err)
			}
			if uint64(at) < res.Resume {
				t.Errorf("line %d is before the resume point %d, yet the first run did not find it: a gap", at+1, res.Resume)
			}
		})
	}
}

// TestCountsExact checks that the candidates a Result reports are the
// candidates there are, for every attack and number of threads.
func TestCountsExact(t *testing.T) {
	dir := t.TempDir()
	words := writeFile(t, dir, "words.txt", makeWordlist(5000, nil))
	second := writeFile(t, dir, "second.txt", "a\nb\n\nc\n")
	rules := writeFile(t, dir, "r.rule", ":\nu\n$1 $2\n<5 $x\n")
	m := "?d?d?d?d?d"
	tests := []struct {
		name string
		plan Plan
		want uint64 // candidates of the last attack
	}{
		{"mask", Plan{Mask: m}, 100000},
		{"mask skip", Plan{Mask: m, Skip: 12345}, 100000 - 12345},
		{"mask incremental skip", Plan{Mask: m, Increment: true, MinLen: 2, Skip: 999}, 111100 - 999},
		{"wordlist", Plan{Wordlist: words}, 5000},
		{"wordlist skip", Plan{Wordlist: words, SkipLines: 1234}, 5000 - 1234},
		// <5 rejects every line of makeWordlist: 3 rules a line.
		{"rules", Plan{Wordlist: words, Rules: []string{rules}}, 3 * 5000},
		{"hybrid", Plan{Wordlist: words, Mask: "?d?d", SkipLines: 100}, 100 * 4900},
		{"combinator", Plan{Wordlist: words, Wordlist2: second}, 3 * 5000},
	}
	for _, tt := range tests {
		for _, threads := range []int{1, 2, 3} {
			t.Run(fmt.Sprintf("%s/threads=%d", tt.name, threads), func(t *testing.T) {
				p := tt.plan
				var hashed atomic.Uint64
				batchHook = func(n int) { hashed.Add(uint64(n)) }
				defer func() { batchHook = nil }()
				res := runPlan(t, "HS256", []byte("not-in-any-of-them"), threads, &p)
				if res.Found {
					t.Fatal("found")
				}
				last := res.Attacks[len(res.Attacks)-1]
				if last.Candidates != tt.want {
					t.Errorf("%s attack tried %d, want %d", last.Attack, last.Candidates, tt.want)
				}
				if !last.Complete {
					t.Errorf("incomplete: %+v", last)
				}
				var sum uint64
				for _, a := range res.Attacks {
					sum += a.Candidates
				}
				if res.Candidates != sum+1 || hashed.Load() != sum {
					t.Errorf("candidates = %d, attacks %d + the empty secret, hashed %d", res.Candidates, sum, hashed.Load())
				}
			})
		}
	}
}

// TestCountsExactWhenFound checks the count when a secret stops the
// workers early: what was hashed, no more, no less.
func TestCountsExactWhenFound(t *testing.T) {
	for _, threads := range []int{1, 2, 3} {
		t.Run(fmt.Sprint(threads), func(t *testing.T) {
			var hashed atomic.Uint64
			batchHook = func(n int) { hashed.Add(uint64(n)) }
			defer func() { batchHook = nil }()
			res := runPlan(t, "HS256", []byte("73311"), threads, &Plan{Mask: "?d?d?d?d?d", Skip: 1000})
			if !res.Found {
				t.Fatal("not found")
			}
			if res.Candidates != hashed.Load()+1 {
				t.Errorf("candidates = %d, hashed %d + the empty secret", res.Candidates, hashed.Load())
			}
		})
	}
}

func TestPlanErrors(t *testing.T) {
	dir := t.TempDir()
	words := writeFile(t, dir, "words.txt", "a\n")
	bad := writeFile(t, dir, "bad.rule", ":\n# a comment\nc\nh\n")
	tests := []struct {
		name  string
		plan  Plan
		field string
		want  string
	}{
		{"max-len past the mask", Plan{Mask: "?d?d", Increment: true, MaxLen: 3}, "MaxLen", "audit: MaxLen 3 is longer than the mask's 2 positions"},
		{"skip past the end", Plan{Mask: "?d", Skip: 11}, "Skip", "audit: Skip 11 is past the end: the masks have 10 candidates"},
		{"rules without a wordlist", Plan{BuiltinRules: true}, "Rules", "apply to the lines of a wordlist"},
		{"rules with a mask", Plan{Wordlist: words, BuiltinRules: true, Mask: "?d"}, "Rules", "not with a second wordlist or a mask"},
		{"second list alone", Plan{Wordlist2: words}, "Wordlist2", "needs a first wordlist"},
		{"prepend alone", Plan{Wordlist: words, Prepend: true}, "Prepend", "needs a wordlist and a mask"},
		{"bad charset", Plan{Increment: true, Charset: "?x"}, "Charset", "unknown placeholder"},
		{"bad mask", Plan{Mask: "?"}, "Mask", "lone '?'"},
		{"hybrid too big", Plan{Wordlist: words, Mask: "?b?b?b?b?b?b"}, "Mask", "more than a hybrid attack takes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.plan.Check()
			var pe *PlanError
			if !errors.As(err, &pe) || pe.Field != tt.field || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Check() = %v, want a PlanError for %s containing %q", err, tt.field, tt.want)
			}
		})
	}
	p := Plan{Wordlist: words, Rules: []string{bad}}
	err := p.Check()
	var re *RuleError
	if !errors.As(err, &re) || re.File != bad || re.Line != 4 || re.Func != "h" {
		t.Fatalf("Check() = %v, want a RuleError for line 4, function h", err)
	}
	if want := `bad.rule, line 4: rule "h": unsupported function 'h'`; !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), "audit: ") {
		t.Errorf("error %q does not say %q", err, want)
	}
}

func TestRuleChainProduct(t *testing.T) {
	dir := t.TempDir()
	words := writeFile(t, dir, "words.txt", makeWordlist(50, map[int]string{20: "winter"}))
	a := writeFile(t, dir, "a.rule", ":\nc\nu\n")
	b := writeFile(t, dir, "b.rule", ":\n$!\n$1 $2\n")
	res := runPlan(t, "HS256", []byte("Winter12"), 2, &Plan{Wordlist: words, Rules: []string{a, b}})
	if !res.Found || res.Source.Rule != "c $1 $2" || res.Source.Line != 21 {
		t.Fatalf("found=%v source=%+v", res.Found, res.Source)
	}
	if got := res.Source.String(); got != "wordlist "+words+", line 21, rule: c $1 $2" {
		t.Errorf("source = %s", got)
	}
}

func TestPotfile(t *testing.T) {
	dir := t.TempDir()
	pot := filepath.Join(dir, "jwt.pot")
	secret := []byte("s3cr\x00t:with:colons")
	tok := parse(t, sign(t, "HS256", secret, nil))
	c, err := NewCracker(tok, Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	words := writeFile(t, dir, "w.txt", "a\n"+string(secret)+"\n")
	res, err := c.RunPlan(context.Background(), &Plan{Wordlist: words, Potfile: pot})
	if err != nil || !res.Found || res.Source.Attack != KindWordlist {
		t.Fatalf("first run: %v %+v", err, res)
	}
	fi, err := os.Stat(pot)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("potfile: %v, mode %v", err, fi.Mode())
	}
	b, _ := os.ReadFile(pot)
	if want := strings.Split(tok.Raw, ".")[2] + ":$HEX[" + fmt.Sprintf("%x", secret) + "]\n"; string(b) != want {
		t.Errorf("potfile holds %q, want %q", b, want)
	}
	// The second run finds it there, without trying anything.
	res, err = c.RunPlan(context.Background(), &Plan{Mask: "?d", Potfile: pot})
	if err != nil || !res.Found || res.Source.Attack != KindPotfile || string(res.Secret) != string(secret) || len(res.Attacks) != 0 {
		t.Fatalf("second run: %v %+v", err, res)
	}
	// ShowOnly tries nothing for a token that is not there.
	other, _ := NewCracker(parse(t, sign(t, "HS256", []byte("1"), nil)), Options{Threads: 1})
	res, err = other.RunPlan(context.Background(), &Plan{Mask: "?d", Potfile: pot, ShowOnly: true})
	if err != nil || res.Found || len(res.Attacks) != 0 {
		t.Fatalf("show: %v %+v", err, res)
	}
	// An entry that does not sign the token is not believed.
	if err := os.WriteFile(pot, []byte(strings.Split(tok.Raw, ".")[2]+":wrong\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(pot, 0o644); err != nil {
		t.Fatal(err)
	}
	p := &Plan{Potfile: pot, ShowOnly: true}
	if res, err = c.RunPlan(context.Background(), p); err != nil || res.Found {
		t.Fatalf("a wrong entry: %v %+v", err, res)
	}
	if !p.PotfileTightened() {
		t.Error("a 0644 potfile was not tightened")
	}
	if fi, _ := os.Stat(pot); fi.Mode().Perm() != 0o600 {
		t.Errorf("potfile mode %v after Check", fi.Mode())
	}
}

func TestPotfileRefused(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("needs git")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	writeFile(t, dir, "tracked.pot", "")
	git("add", "tracked.pot")
	git("commit", "-qm", "x")
	writeFile(t, dir, ".gitignore", "ignored.pot\n")
	for _, tt := range []struct {
		name                string
		tracked, notIgnored bool
	}{
		{"tracked.pot", true, false},
		{"plain.pot", false, true},
		{"ignored.pot", false, false},
	} {
		_, err := OpenPotfile(filepath.Join(dir, tt.name))
		var pe *PotfileError
		switch {
		case !tt.tracked && !tt.notIgnored:
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
		case !errors.As(err, &pe) || pe.Tracked != tt.tracked || pe.NotIgnored != tt.notIgnored:
			t.Errorf("%s: %v, want refused (tracked %v, not ignored %v)", tt.name, err, tt.tracked, tt.notIgnored)
		}
	}
	if err := os.Symlink(filepath.Join(dir, "ignored.pot"), filepath.Join(dir, "link.pot")); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenPotfile(filepath.Join(dir, "link.pot")); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("a symlinked potfile: %v", err)
	}
}

func TestMaxThreads(t *testing.T) {
	tok := parse(t, sign(t, "HS256", []byte("x"), nil))
	if _, err := NewCracker(tok, Options{Threads: MaxThreads() + 1}); err == nil || !strings.HasPrefix(err.Error(), "audit: ") {
		t.Errorf("NewCracker with %d threads: %v", MaxThreads()+1, err)
	}
	if _, err := NewCracker(tok, Options{Threads: MaxThreads()}); err != nil {
		t.Error(err)
	}
}

// TestPlanValidate checks the parts that do not go together, before
// anything is read: the files named here do not exist.
func TestPlanValidate(t *testing.T) {
	tests := []struct {
		name string
		plan Plan
		want error
	}{
		{"rules without a wordlist", Plan{Rules: []string{"nope.rule"}}, ErrRulesNeedWordlist},
		{"rules with a mask", Plan{Wordlist: "nope", BuiltinRules: true, Mask: "?d"}, ErrRulesAlone},
		{"rules with a second list", Plan{Wordlist: "nope", BuiltinRules: true, Wordlist2: "nope2"}, ErrRulesAlone},
		{"second list alone", Plan{Wordlist2: "nope"}, ErrWordlist2NeedsFirst},
		{"second list with a mask", Plan{Wordlist: "nope", Wordlist2: "nope2", Increment: true}, ErrWordlist2WithMask},
		{"prepend without a mask", Plan{Wordlist: "nope", Prepend: true}, ErrPrependNeedsBoth},
		{"prepend without a wordlist", Plan{Mask: "?d", Prepend: true}, ErrPrependNeedsBoth},
		{"a charset without increments", Plan{Charset: "?d"}, ErrCharsetAlone},
		{"a charset and a mask", Plan{Increment: true, Mask: "?d", Charset: "?l"}, ErrMaskAndCharset},
		{"custom charsets alone", Plan{Wordlist: "nope", Custom: [4]string{2: "abc"}}, ErrCustomAlone},
		{"show without a potfile", Plan{ShowOnly: true}, ErrShowNeedsPotfile},
		{"increments over a charset", Plan{Increment: true, Charset: "?d", Custom: [4]string{"ab"}}, nil},
		{"show with a potfile", Plan{ShowOnly: true, Potfile: "pot"}, nil},
		{"rules on the project's lists", Plan{BuiltinRules: true, MoreWordlists: []string{"nope"}}, nil},
		{"a hybrid attack", Plan{Wordlist: "nope", Mask: "?d", Prepend: true}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.plan.Validate()
			var pe *PlanError
			switch {
			case tt.want == nil && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tt.want != nil && (!errors.As(err, &pe) || !errors.Is(err, tt.want)):
				t.Errorf("Validate() = %v, want a PlanError for %v", err, tt.want)
			case tt.want != nil && err.Error() != tt.want.Error():
				t.Errorf("Validate() says %q, want %q", err, tt.want)
			}
		})
	}
}

// TestRunPlanRemembers checks that a secret found in one token is tried
// first on the next.
func TestRunPlanRemembers(t *testing.T) {
	dir := t.TempDir()
	words := writeFile(t, dir, "words.txt", "alpha\nbravo-charlie-47\n")
	p := &Plan{Wordlist: words}
	runPlan(t, "HS256", []byte("bravo-charlie-47"), 1, p)
	if len(p.Secrets) != 1 || string(p.Secrets[0]) != "bravo-charlie-47" {
		t.Fatalf("Secrets = %q after a find, want the secret found", p.Secrets)
	}
	res := runPlan(t, "HS384", []byte("bravo-charlie-47"), 1, p)
	if !res.Found || res.Source.Attack != KindSecrets {
		t.Errorf("the second token's secret came from %v, want the secrets found before", res.Source)
	}
	if runPlan(t, "HS256", []byte("bravo-charlie-47"), 1, p); len(p.Secrets) != 1 {
		t.Errorf("Secrets = %q: a secret found again is kept once", p.Secrets)
	}
}
