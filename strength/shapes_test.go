package strength

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// TestShapes: the reproductions in testdata/shapes.tsv of each shape of
// long human-made secret (keyboard mashing, phrases in several languages,
// pattern-following generator output, keys invented to look random,
// encodings of text with a newline, a
// published secret) get their verdict, and random keys from real
// generators stay strong.
func TestShapes(t *testing.T) {
	f, err := os.Open("testdata/shapes.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	perShape := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) < 3 {
			t.Fatalf("line %q: want shape, verdict, secret", line)
		}
		shape, want, secret := fields[0], fields[1], fields[2]
		perShape[shape]++
		if len(secret) < MinLength {
			t.Errorf("%s: %q is shorter than %d characters", shape, secret, MinLength)
		}
		r, err := Check([]byte(secret))
		if err != nil {
			t.Errorf("%s: %q: %v", shape, secret, err)
			continue
		}
		if r.Verdict.String() != want {
			t.Errorf("%s: %q: %s, want %s (%v)", shape, secret, r.Summary(), want, kinds(r))
		}
		if want == "weak" && len(r.Findings) == 0 {
			t.Errorf("%s: %q: weak without a finding", shape, secret)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, shape := range []string{"mash", "phrase", "generator", "invented", "encoding", "published", "random"} {
		if perShape[shape] == 0 {
			t.Errorf("no %s in testdata/shapes.tsv", shape)
		}
	}
}
