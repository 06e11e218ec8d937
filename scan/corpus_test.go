package scan

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jwtkey/jwtkey/audit"
	"github.com/jwtkey/jwtkey/internal/golden"
)

type label struct {
	pos   bool
	file  string
	line  int
	rule  string
	needs string
}

func (l label) at() string { return fmt.Sprintf("%s:%d", l.file, l.line) }

func readLabels(t *testing.T, name string) []label {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var ls []label
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		var l label
		var loc string
		switch {
		case fields[0] == "+" && len(fields) >= 3:
			l.pos, loc, l.rule = true, fields[1], fields[2]
			if len(fields) == 4 {
				l.needs = strings.TrimPrefix(fields[3], "needs=")
			}
		case fields[0] == "-" && (len(fields) == 2 || len(fields) == 3):
			loc = fields[1]
		default:
			t.Fatalf("%s:%d: bad label %q", name, n, sc.Text())
		}
		i := strings.LastIndexByte(loc, ':')
		if _, err := fmt.Sscan(loc[i+1:], &l.line); i < 0 || err != nil {
			t.Fatalf("%s:%d: bad location %q", name, n, loc)
		}
		l.file = loc[:i]
		ls = append(ls, l)
	}
	return ls
}

// auditReady reports whether audit can parse tokens yet (its placeholder
// cannot).
func auditReady() bool {
	_, err := audit.ParseToken(hs256("secret"))
	return err == nil
}

// TestCorpus measures recall and false positives on the labelled corpus:
// every labelled secret found with its rule, nothing reported on a line
// labelled clean, and nothing reported that is not labelled at all.
func TestCorpus(t *testing.T) {
	labels := readLabels(t, "testdata/corpus.labels")
	res, err := Scan(context.Background(), "testdata/corpus", Options{NoGit: true})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{} // "file:line rule"
	for _, f := range res.Findings {
		got[fmt.Sprintf("%s:%d %s", f.File, f.Line, f.RuleID)] = true
	}
	positive := map[string]bool{}
	negative := map[string]bool{}
	var pos, found, neg, fp int
	for _, l := range labels {
		if !l.pos {
			neg++
			negative[l.at()] = true
			continue
		}
		key := l.at() + " " + l.rule
		positive[key] = true
		if l.needs == "audit" && !auditReady() {
			t.Logf("not counted until audit lands: %s", key)
			continue
		}
		pos++
		if got[key] {
			found++
		} else {
			t.Errorf("missed %s", key)
		}
	}
	for _, f := range res.Findings {
		key := fmt.Sprintf("%s:%d %s", f.File, f.Line, f.RuleID)
		switch {
		case negative[fmt.Sprintf("%s:%d", f.File, f.Line)]:
			fp++
			t.Errorf("false positive on a line labelled clean: %s", key)
		case !positive[key]:
			fp++
			t.Errorf("unlabelled finding: %s (%s)", key, f.Message)
		}
	}
	t.Logf("recall %d/%d, false positives %d (on %d lines labelled clean)", found, pos, fp, neg)
	if pos < 25 || neg < 25 {
		t.Errorf("corpus too small: %d positives, %d negatives", pos, neg)
	}
}

// stubJudge rates by length so golden reports do not change when the
// strength estimator is tuned.
func stubJudge(b []byte) (r strengthResult, err error) {
	return stubResult(b), nil
}

func TestGoldenReports(t *testing.T) {
	res, err := Scan(context.Background(), "testdata/corpus", Options{NoGit: true, Judge: stubJudge})
	if err != nil {
		t.Fatal(err)
	}
	// Token findings depend on audit's word list; TestCorpus covers them.
	var fs []Finding
	for _, f := range res.Findings {
		if f.RuleID != RuleToken {
			fs = append(fs, f)
		}
	}
	for _, tc := range []struct {
		name  string
		write func(*strings.Builder) error
	}{
		{"corpus.json", func(b *strings.Builder) error { return WriteJSON(b, fs, false) }},
		{"corpus.sarif", func(b *strings.Builder) error { return WriteSARIF(b, fs, "", false) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "golden", tc.name), []byte(b.String()))
		})
	}
}
