package audit

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
)

var (
	updateRules = flag.Bool("update-rules", false, "rewrite testdata/rules/*.golden from hashcat's output")
	hashcatAll  = flag.Bool("hashcat-all", false, "compare every test rule with the installed hashcat, not one in eight")
)

// The rule engine is held to hashcat 6.2.6 byte for byte: for every line of
// the test rule files, the candidates it makes from testdata/rules/words.txt
// must equal what "hashcat --stdout -a 0 -j RULE words.txt" prints (kept in
// the .golden files, and compared live when hashcat is installed).
// -j is used rather than -r, whose --stdout output 6.2.6 mangles (hashcat
// issues 3537 and 3596).

const ruleWords = "testdata/rules/words.txt"

func loadRuleFile(t *testing.T, name string) *RuleSet {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := ParseRules(f, filepath.Base(name))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func testWords(t *testing.T) [][]byte {
	t.Helper()
	b, err := os.ReadFile(ruleWords)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Split(bytes.TrimSuffix(b, []byte("\n")), []byte("\n"))
}

// engineOutput is what the engine makes of every word with one rule, one
// candidate a line, as hashcat --stdout writes them.
func engineOutput(r *Rule, words [][]byte) []byte {
	var out []byte
	var st ruleState
	for _, w := range words {
		if st.load(w) && st.apply(r) {
			out = append(append(out, st.buf[:st.n]...), '\n')
		}
	}
	return out
}

// hashcatOutput runs hashcat with one rule; session keeps parallel runs
// apart.
//
// hashcat keeps state between runs (dictionary statistics, sessions) under
// home; a fresh one per test keeps an earlier run's state from changing
// what it prints.
func hashcatOutput(hashcat, home, rule, session string) ([]byte, error) {
	words, err := filepath.Abs(ruleWords)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(hashcat, "--stdout", "-a", "0", "-j", rule, "--quiet",
		"--potfile-disable", "--logfile-disable", "--session", session, words)
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_DATA_HOME="+home, "XDG_CACHE_HOME="+home, "XDG_CONFIG_HOME="+home)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("hashcat -j %q: %v: %s", rule, err, stderr.Bytes())
	}
	return out, nil
}

// ruleSection writes one rule's output as quoted lines under its quoted rule:
// candidates hold any byte.
func ruleSection(rule string, out []byte) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "rule %s\n", strconv.Quote(rule))
	for _, c := range bytes.SplitAfter(out, []byte("\n")) {
		if len(c) > 0 {
			fmt.Fprintf(&sb, "%s\n", strconv.Quote(string(bytes.TrimSuffix(c, []byte("\n")))))
		}
	}
	return sb.String()
}

// forEachRule runs f on every rule of s, on all CPUs: each call to
// hashcat takes about a second.
func forEachRule(s *RuleSet, f func(i int, r *Rule)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for w := range runtime.NumCPU() {
		_ = w
		wg.Go(func() {
			for i := range next {
				f(i, &s.Rules[i])
			}
		})
	}
	for i := range s.Rules {
		next <- i
	}
	close(next)
	wg.Wait()
}

func ruleFiles(t *testing.T) []string {
	files, err := filepath.Glob("testdata/rules/*.rule")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test rule files: %v", err)
	}
	return files
}

func TestRulesMatchHashcatGolden(t *testing.T) {
	words := testWords(t)
	for _, file := range ruleFiles(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			s := loadRuleFile(t, file)
			goldenFile := strings.TrimSuffix(file, ".rule") + ".golden"
			if *updateRules {
				hashcat, err := exec.LookPath("hashcat")
				if err != nil {
					t.Fatal("-update-rules needs hashcat on PATH")
				}
				home := t.TempDir()
				parts := make([]string, len(s.Rules))
				var mu sync.Mutex
				var errs []error
				forEachRule(s, func(i int, r *Rule) {
					out, err := hashcatOutput(hashcat, home, r.Text, fmt.Sprintf("jwtkey-golden-%d", i))
					mu.Lock()
					defer mu.Unlock()
					if err != nil {
						errs = append(errs, err)
					}
					parts[i] = ruleSection(r.Text, out)
				})
				if err := errors.Join(errs...); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(goldenFile, []byte(strings.Join(parts, "")), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(goldenFile)
			if err != nil {
				t.Fatal(err)
			}
			sections := splitGolden(string(want))
			if len(sections) != len(s.Rules) {
				t.Fatalf("%s has %d rules, %s %d: run go test -run TestRulesMatchHashcatGolden -update-rules", goldenFile, len(sections), file, len(s.Rules))
			}
			for i := range s.Rules {
				r := &s.Rules[i]
				if got := ruleSection(r.Text, engineOutput(r, words)); got != sections[i] {
					t.Errorf("line %d, rule %q: %s", r.Line, r.Text, firstDiff(got, sections[i]))
				}
			}
		})
	}
}

// splitGolden cuts a golden file into its rules' sections.
func splitGolden(s string) []string {
	var out []string
	for _, line := range strings.SplitAfter(s, "\n") {
		if strings.HasPrefix(line, "rule ") {
			out = append(out, "")
		}
		if len(out) > 0 {
			out[len(out)-1] += line
		}
	}
	return out
}

// firstDiff describes the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("output line %d: got %s, hashcat %s", i, gl, wl)
		}
	}
	return "equal"
}

// TestRulesMatchLiveHashcat compares with the hashcat on PATH, when there
// is one: the golden files could be stale, the installed hashcat cannot.
// Each rule costs a hashcat start, a second or more of CPU, so by default
// one rule in eight is compared (every one with -hashcat-all; the golden
// test covers every one always).
func TestRulesMatchLiveHashcat(t *testing.T) {
	hashcat, err := exec.LookPath("hashcat")
	if err != nil {
		t.Skip("hashcat is not installed")
	}
	if testing.Short() {
		t.Skip("runs hashcat once per rule")
	}
	if v, err := exec.Command(hashcat, "--version").Output(); err != nil || strings.TrimSpace(string(v)) != "v6.2.6" {
		t.Skipf("the engine follows hashcat v6.2.6, this is %q", strings.TrimSpace(string(v)))
	}
	home := t.TempDir()
	words := testWords(t)
	for _, file := range ruleFiles(t) {
		s := loadRuleFile(t, file)
		forEachRule(s, func(i int, r *Rule) {
			if !*hashcatAll && i%8 != 0 {
				return
			}
			want, err := hashcatOutput(hashcat, home, r.Text, fmt.Sprintf("jwtkey-test-%d", i))
			if err != nil {
				t.Error(err)
				return
			}
			if got := engineOutput(r, words); !bytes.Equal(got, want) {
				t.Errorf("%s line %d, rule %q:\n got %q\nwant %q", filepath.Base(file), r.Line, r.Text, got, want)
			}
		})
	}
}

// TestRuleRunnerMatchesEngine checks the runner's shortcuts (rules kept
// after each set, appending rules written without running) against
// running each chain of rules whole on the engine that matches hashcat.
func TestRuleRunnerMatchesEngine(t *testing.T) {
	words := testWords(t)
	funcs := loadRuleFile(t, "testdata/rules/functions.rule")
	for _, chain := range [][]*RuleSet{BuiltinRules(), {funcs}, {funcs, BuiltinRules()[1]}} {
		rr := newRuleRunner(newRuleChain(chain))
		c := newRuleChain(chain)
		for _, w := range words {
			var got []string
			rr.each(w, collect(func(s string) { got = append(got, s) }))
			var want []string
			for k := range c.total {
				var st ruleState
				ok := st.load(w)
				for _, r := range c.rules(k) {
					ok = ok && st.apply(r)
				}
				if ok && st.n > 0 {
					want = append(want, string(st.buf[:st.n]))
				}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("word %q, %d rule sets: the runner makes %d candidates, the engine %d (or other ones)", w, len(chain), len(got), len(want))
			}
		}
	}
}
