package dotenv

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jwtkey/jwtkey/internal/golden"
)

// edit is one change applied to a corpus file.
type edit struct {
	op, name, value, after string
}

func (e edit) apply(f *File) error {
	switch e.op {
	case "set":
		return f.Set(e.name, e.value)
	case "after":
		return f.SetAfter(e.name, e.value, e.after)
	case "delete":
		ok, err := f.Delete(e.name)
		if err == nil && !ok {
			err = errors.New("nothing deleted")
		}
		return err
	}
	panic("unknown op " + e.op)
}

// TestGolden edits each awkward file in testdata/corpus and compares the
// result with testdata/golden. Independently of the golden file, it checks
// that the output differs from the input only in the lines of the one
// assignment edited (or one added line).
func TestGolden(t *testing.T) {
	const key = "4f9c0e2a7b1d36c85e0f9a2b4c6d8e1f3a5b7c9d0e2f4a6b8c0d2e4f6a8b0c2d" // TESTING KEY
	tests := []struct {
		file string
		edit edit
	}{
		{"basic.env", edit{op: "set", name: "JWT_SECRET", value: key}},
		{"export-double.env", edit{op: "set", name: "JWT_SECRET", value: key}},
		{"crlf.env", edit{op: "set", name: "JWT_SECRET", value: key}},
		{"crlf-append.env", edit{op: "set", name: "JWT_SECRET", value: key}},
		{"no-final-newline.env", edit{op: "set", name: "JWT_SECRET", value: key}},
		{"no-final-newline-replace.env", edit{op: "set", name: "JWT_SECRET", value: key}},
		{"single-comment.env", edit{op: "set", name: "JWT_SECRET", value: key}},
		{"spaces.env", edit{op: "set", name: "JWT_SECRET", value: key}},
		{"multiline.env", edit{op: "set", name: "JWT_SECRET", value: key}},
		{"unparseable.env", edit{op: "set", name: "JWT_SECRET", value: key}},
		{"duplicates.env", edit{op: "set", name: "JWT_SECRET", value: key}},
		{"bom.env", edit{op: "set", name: "JWT_SECRET", value: key}},
		{"empty.env", edit{op: "set", name: "JWT_SECRET", value: key}},
		{"only-comments.env", edit{op: "set", name: "JWT_SECRET", value: key}},
		{"unicode.env", edit{op: "set", name: "JWT_SECRET", value: key}},
		{"empty-value-comment.env", edit{op: "set", name: "JWT_SECRET", value: key}},
		{"backtick.env", edit{op: "set", name: "JWT_SECRET", value: key}},
		{"rotate.env", edit{op: "after", name: "JWT_SECRET_PREVIOUS", value: "current", after: "JWT_SECRET"}},
		{"retire.env", edit{op: "delete", name: "JWT_SECRET_PREVIOUS"}},
		{"retire-last.env", edit{op: "delete", name: "JWT_SECRET_PREVIOUS"}},
		{"trailing-space.env", edit{op: "set", name: "JWT_SECRET", value: key}},
		{"mixed-endings.env", edit{op: "set", name: "JWT_SECRET", value: key}},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.file] = true
		t.Run(tt.file, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join("testdata/corpus", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			f, err := Parse(in)
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Bytes(); !bytes.Equal(got, in) {
				t.Fatalf("Parse then Bytes changed the file:\n got %q\nwant %q", got, in)
			}
			before := f.Vars()
			if err := tt.edit.apply(f); err != nil {
				t.Fatal(err)
			}
			out := f.Bytes()
			golden.Check(t, filepath.Join("testdata/golden", tt.file), out)
			checkLocal(t, in, out, tt.edit)
			checkVars(t, before, out, tt.edit)
		})
	}
	entries, _ := os.ReadDir("testdata/corpus")
	for _, e := range entries {
		if !seen[e.Name()] {
			t.Errorf("testdata/corpus/%s has no test case", e.Name())
		}
	}
}

// lineOffsets returns the byte offset at which each line of f starts, and
// the length of the data as a last element.
func lineOffsets(f *File) []int {
	off := 0
	if f.bom {
		off = len(bom)
	}
	var offs []int
	for _, l := range f.lines {
		offs = append(offs, off)
		off += len(l.text) + len(l.eol)
	}
	return append(offs, off)
}

// checkLocal checks, by byte offsets worked out from the input alone, that
// out is in with only the edited assignment replaced, one line added or the
// assignment's lines removed. The one other change allowed is the line
// ending a last line gains (or loses) so that the file keeps its
// no-final-newline style.
func checkLocal(t *testing.T, in, out []byte, e edit) {
	t.Helper()
	f, err := Parse(in)
	if err != nil {
		t.Fatal(err)
	}
	offs := lineOffsets(f)
	i := f.index(e.name)
	s := string(in)
	var head, mid, tail string
	switch {
	case e.op == "delete":
		head, tail = s[:offs[f.entries[i].first]], s[offs[f.entries[i].last+1]:]
		if last := f.lines[len(f.lines)-1].eol; tail == "" && !complete(last) && head != "" {
			head = strings.TrimSuffix(strings.TrimSuffix(head, "\n"), "\r") + last
		}
		if got := string(out); got != head+tail {
			t.Errorf("delete: got %q, want %q", got, head+tail)
		}
		return
	case i >= 0:
		head, tail = s[:offs[f.entries[i].first]], s[offs[f.entries[i].last+1]:]
	default:
		at := len(f.lines)
		if j := f.index(e.after); e.after != "" && j >= 0 {
			at = f.entries[j].last + 1
		}
		head, tail = s[:offs[at]], s[offs[at]:]
		if last := len(f.lines) - 1; tail == "" && last >= 0 && !complete(f.lines[last].eol) {
			// The old last line gains an ending.
			if f.lines[last].eol == "\r" {
				head += "\n"
			} else {
				head += f.newline()
			}
		}
	}
	got := string(out)
	if !strings.HasPrefix(got, head) || !strings.HasSuffix(got[len(head):], tail) {
		t.Fatalf("bytes outside the edited line changed:\n got %q\nwant %q + one line + %q", got, head, tail)
	}
	mid = got[len(head) : len(got)-len(tail)]
	if n := strings.Count(mid, "\n"); n > 1 || !strings.Contains(mid, e.name) || n == 0 && tail != "" {
		t.Errorf("the changed region %q is not one line assigning %s", mid, e.name)
	}
}

// checkVars checks that every other assignment reads back the same, in the
// same order, and that the edited one has its new value.
func checkVars(t *testing.T, before []Var, out []byte, e edit) {
	t.Helper()
	f, err := Parse(out)
	if err != nil {
		t.Fatalf("output does not parse: %v", err)
	}
	var want, got []string
	for _, v := range before {
		if v.Name != e.name {
			want = append(want, v.Name+"="+v.Value)
		}
	}
	for _, v := range f.Vars() {
		if v.Name != e.name {
			got = append(got, v.Name+"="+v.Value)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("other assignments changed:\n got %q\nwant %q", got, want)
	}
	v, ok := f.Lookup(e.name)
	switch {
	case e.op == "delete" && ok:
		t.Errorf("%s still assigned after delete", e.name)
	case e.op != "delete" && (!ok || v != e.value):
		t.Errorf("Lookup(%s) = %q, %v; want %q", e.name, v, ok, e.value)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     []Var
		problems []int // lines
		wantErr  error
	}{
		{"plain", "A=1\nB=two words\n", []Var{{"A", "1", 1}, {"B", "two words", 2}}, nil, nil},
		{"comment needs space", "A=x#y\nB=x #y\n", []Var{{"A", "x#y", 1}, {"B", "x", 2}}, nil, nil},
		{"empty with comment", "A= # c\nB=\n", []Var{{"A", "", 1}, {"B", "", 2}}, nil, nil},
		{"export", "export A=1\nexport\tB='2'\nexported=3\n", []Var{{"A", "1", 1}, {"B", "2", 2}, {"exported", "3", 3}}, nil, nil},
		{"double escapes", `A="a\nb\t\"c\" \$d \\ \q"` + "\n", []Var{{"A", "a\nb\t\"c\" $d \\ \\q", 1}}, nil, nil},
		{"single literal", `A='a\nb $c'` + "\n", []Var{{"A", `a\nb $c`, 1}}, nil, nil},
		{"multi-line", "A=\"x\ny\"\nB=1\n", []Var{{"A", "x\ny", 1}, {"B", "1", 3}}, nil, nil},
		{"crlf multi-line", "A='x\r\ny'\r\nB=1\r\n", []Var{{"A", "x\ny", 1}, {"B", "1", 3}}, nil, nil},
		{"unclosed quote", "A=\"open\nB=1\n", []Var{{"B", "1", 2}}, []int{1}, nil},
		{"text after quote", "A='x'y\nB=1\n", []Var{{"B", "1", 2}}, []int{1}, nil},
		{"not assignments", "hello\n=x\n9A=1\n", nil, nil, nil},
		{"dots and dashes", "a.b-c=1\n", []Var{{"a.b-c", "1", 1}}, nil, nil},
		{"bom", "\uFEFFA=1", []Var{{"A", "1", 1}}, nil, nil},
		{"NUL", "A=1\x00\n", nil, nil, ErrNotText},
		{"latin-1", "A=caf\xe9\n", nil, nil, ErrNotText},
		{"png", "\x89PNG\r\n\x1a\n\x00\x00", nil, nil, ErrNotText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.in))
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Parse error = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if !slices.Equal(f.Vars(), tt.want) {
				t.Errorf("Vars = %+v, want %+v", f.Vars(), tt.want)
			}
			var lines []int
			for _, p := range f.Problems() {
				lines = append(lines, p.Line)
			}
			if !slices.Equal(lines, tt.problems) {
				t.Errorf("problem lines = %v, want %v", lines, tt.problems)
			}
		})
	}
}

func TestSetErrors(t *testing.T) {
	tests := []struct {
		name, in, key, value string
		wantErr              error
	}{
		{"invalid name", "A=1\n", "JWT-SECRET", "x", ErrInvalidName},
		{"leading digit", "A=1\n", "1KEY", "x", ErrInvalidName},
		{"empty name", "A=1\n", "", "x", ErrInvalidName},
		{"space in name", "A=1\n", "JWT SECRET", "x", ErrInvalidName},
		{"unreadable line for name", "JWT_SECRET=\"open\nB=1\n", "JWT_SECRET", "x", ErrUnreadable},
		{"append after unclosed quote", "OTHER='open\nB=1\n", "JWT_SECRET", "x", ErrUnreadable},
		{"carriage return in value", "", "A", "x\ry", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			err = f.Set(tt.key, tt.value)
			if err == nil {
				t.Fatal("Set succeeded, want an error")
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error = %v, want %v", err, tt.wantErr)
			}
			if !strings.HasPrefix(err.Error(), "dotenv: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
			if got := string(f.Bytes()); got != tt.in {
				t.Errorf("a failed Set changed the file to %q", got)
			}
		})
	}
}

func TestQuoting(t *testing.T) {
	tests := []struct {
		old, value, want string
	}{
		{"A=x\n", "abc+/=", "A=abc+/=\n"},
		{"A=x\n", "two words", "A='two words'\n"},
		{"A=x\n", "it's", "A=\"it's\"\n"},
		{"A=x\n", "a#b", "A='a#b'\n"},
		{"A=x\n", "$HOME", "A='$HOME'\n"},
		{"A=x\n", "l1\nl2", "A=\"l1\\nl2\"\n"},
		{"A=\"x\"\n", "plain", "A=\"plain\"\n"},
		{"A='x'\n", "it's", "A=\"it's\"\n"},
		{"A='x'# c\n", "it's", "A=\"it's\"# c\n"},
		{"A='x'# c\n", "", "A=''# c\n"},
		{"A=`x`\n", "y", "A=`y`\n"},
		{"A=\"x\"#c\n", "$y", "A=\"\\$y\"#c\n"},
	}
	for _, tt := range tests {
		f, err := Parse([]byte(tt.old))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Set("A", tt.value); err != nil {
			t.Fatal(err)
		}
		if got := string(f.Bytes()); got != tt.want {
			t.Errorf("Set(A, %q) on %q = %q, want %q", tt.value, tt.old, got, tt.want)
		}
		g, _ := Parse(f.Bytes())
		if v, _ := g.Lookup("A"); v != tt.value {
			t.Errorf("Set(A, %q) on %q reads back as %q", tt.value, tt.old, v)
		}
	}
}
