package scan

import (
	"context"
	"fmt"
	"testing"
)

// TestShapes scans minimal reproductions of each shape real code
// hard-codes JWT secrets in (testdata/shapes, one directory a language):
// every labelled secret must be found at its line, and nothing reported
// on a line labelled as a look-alike or on a line not labelled at all.
func TestShapes(t *testing.T) {
	labels := readLabels(t, "testdata/shapes.labels")
	res, err := Scan(context.Background(), "testdata/shapes", Options{NoGit: true, Judge: stubJudge})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range res.Findings {
		got[fmt.Sprintf("%s:%d", f.File, f.Line)] = f.RuleID
	}
	want := map[string]bool{}
	pos := 0
	for _, l := range labels {
		want[l.at()] = l.pos
		if !l.pos {
			continue
		}
		pos++
		if _, ok := got[l.at()]; !ok {
			t.Errorf("missed the %s shape at %s", l.rule, l.at())
		}
	}
	for at, rule := range got {
		if p, ok := want[at]; !ok || !p {
			t.Errorf("false positive at %s (%s)", at, rule)
		}
	}
	if pos < 15 {
		t.Errorf("only %d reproductions", pos)
	}
}
