package dotenv

import (
	"strings"
	"testing"
)

func TestAnalyze(t *testing.T) {
	hex := strings.Repeat("ab", 32)
	for _, tc := range []struct {
		name, line string
		// want is each dialect's reading, in the order of Dialects.
		want      [5]string
		ambiguous bool
	}{
		{"plain", "K=" + hex, [5]string{hex, hex, hex, hex, hex}, false},
		{"hash without space", "K=ab#" + hex, [5]string{"ab", "ab#" + hex, "ab#" + hex, "ab", "ab"}, true},
		{"comment", "K=abc # note", [5]string{"abc", "abc", "abc", "abc", "abc"}, false},
		{"single quotes", "K='a#b$c'", [5]string{"a#b$c", "a#b$c", "a#b$c", "a#b$c", "a#b$c"}, false},
		{"dollar", "K=pa$word", [5]string{"pa$word", "pa$word", "pa", "pa", "pa"}, true},
		{"braces", "K=${A:-x}y", [5]string{"${A:-x}y", "xy", "xy", "xy", "xy"}, true},
		{"double quoted tab", `K="a\tb"`, [5]string{`a\tb`, "a\tb", "atb", "atb", "atb"}, true},
		{"double quoted newline", `K="a\nb"`, [5]string{"a\nb", "a\nb", "a\nb", `a\nb`, "a\nb"}, true},
		{"backticks", "K=`abc`", [5]string{"abc", "`abc`", "`abc`", "`abc`", "`abc`"}, true},
		{"export and spaces", "export K = value ", [5]string{"value", "value", "value", "value", "value"}, false},
		{"empty", "K=", [5]string{"", "", "", "", ""}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse([]byte(tc.line + "\n"))
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Vars()) != 1 {
				t.Fatalf("vars = %v", f.Vars())
			}
			a := f.Analyze(f.Vars()[0])
			for i, r := range a.Readings {
				if r.Value != tc.want[i] {
					t.Errorf("%s reads %q, want %q", r.Dialect, r.Value, tc.want[i])
				}
			}
			if a.Ambiguous != tc.ambiguous {
				t.Errorf("ambiguous = %v, want %v", a.Ambiguous, tc.ambiguous)
			}
			short := tc.want[0]
			for _, w := range tc.want {
				if len(w) < len(short) {
					short = w
				}
			}
			if a.Shortest != short {
				t.Errorf("shortest = %q, want %q", a.Shortest, short)
			}
		})
	}
}

func TestAnalyzeMultiline(t *testing.T) {
	f, err := Parse([]byte("K=\"line one\nline two\"\nL=x\n"))
	if err != nil {
		t.Fatal(err)
	}
	a := f.Analyze(f.Vars()[0])
	if a.Ambiguous || a.Shortest != "line one\nline two" {
		t.Errorf("analysis = %+v", a)
	}
	if got := f.Analyze(Var{Name: "NOPE", Value: "v"}); got.Shortest != "v" || got.Ambiguous {
		t.Errorf("foreign var: %+v", got)
	}
}

func FuzzAnalyze(f *testing.F) {
	f.Add([]byte("K=ab#cd\nexport L='x'\nM=\"a\\nb\" # c\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse(data)
		if err != nil {
			return
		}
		for _, v := range file.Vars() {
			a := file.Analyze(v)
			if len(a.Readings) != len(Dialects) {
				t.Fatalf("%d readings", len(a.Readings))
			}
			for _, r := range a.Readings {
				if len(r.Value) < len(a.Shortest) {
					t.Fatalf("%s reads %q, shorter than the shortest %q", r.Dialect, r.Value, a.Shortest)
				}
			}
		}
	})
}
