package audit

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// referenceLines is the obvious, slow split that lineReader must match.
func referenceLines(data []byte) []string {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(data) == 0 {
		return nil
	}
	lines := strings.Split(string(data), "\n")
	if strings.HasSuffix(string(data), "\n") {
		lines = lines[:len(lines)-1]
	}
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// readAll reads every line with lineReader through chunks of the given
// size, checking line numbers as it goes.
func readAll(t *testing.T, r io.Reader, size int) ([]string, error) {
	t.Helper()
	lr := newLineReader(r)
	var got []string
	for {
		c := newChunk(size)
		err := lr.fill(c)
		if errors.Is(err, io.EOF) {
			return got, nil
		}
		if err != nil {
			return got, err
		}
		if c.first != uint64(len(got)+1) {
			t.Fatalf("chunk starts at line %d, want %d", c.first, len(got)+1)
		}
		for i := range c.starts {
			got = append(got, string(c.line(i)))
		}
	}
}

func TestLineReader(t *testing.T) {
	long := strings.Repeat("k", 5000)
	tests := []struct {
		name string
		in   string
	}{
		{"empty", ""},
		{"one line no newline", "secret"},
		{"one line", "secret\n"},
		{"crlf", "a\r\nb\r\n"},
		{"mixed", "a\nb\r\nc"},
		{"spaces kept", "  lead\ntrail  \n\t tab \r\n"},
		{"empty lines", "\n\na\n\n"},
		{"lone cr kept inside", "a\rb\n"},
		{"bom", "\xef\xbb\xbfsecret\nnext\n"},
		{"bom only at start", "a\n\xef\xbb\xbfb\n"},
		{"long line", "a\n" + long + "\nb\n"},
		{"long last line", "a\n" + long},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := referenceLines([]byte(tt.in))
			for _, size := range []int{1, 7, 64, chunkSize} {
				for _, r := range []io.Reader{strings.NewReader(tt.in), iotest.OneByteReader(strings.NewReader(tt.in)), iotest.DataErrReader(strings.NewReader(tt.in))} {
					got, err := readAll(t, r, size)
					if err != nil {
						t.Fatal(err)
					}
					if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
						t.Fatalf("size %d: lines = %q, want %q", size, got, want)
					}
				}
			}
		})
	}
}

func TestLineTooLong(t *testing.T) {
	in := "ok\n" + strings.Repeat("x", MaxLineLen+2) + "\n"
	_, err := readAll(t, strings.NewReader(in), 1024)
	if err == nil || !strings.Contains(err.Error(), "audit: line 2 is longer than") {
		t.Fatalf("error = %v", err)
	}
}

func FuzzWordlist(f *testing.F) {
	f.Add([]byte("a\nb\r\nc"), uint8(3))
	f.Add([]byte("\xef\xbb\xbf  x \r\n\n\r\r\n"), uint8(1))
	f.Add([]byte(strings.Repeat("long", 100)+"\nz"), uint8(10))
	f.Fuzz(func(t *testing.T, data []byte, size uint8) {
		got, err := readAll(t, iotest.HalfReader(bytes.NewReader(data)), int(size)+1)
		if err != nil {
			t.Fatal(err)
		}
		want := referenceLines(data)
		if len(got) != len(want) {
			t.Fatalf("%d lines, want %d: %q vs %q", len(got), len(want), got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("line %d = %q, want %q", i+1, got[i], want[i])
			}
		}
	})
}

func TestDecodeBase64(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"c2VjcmV0", "secret", true},
		{"c2VjcmV0MQ==", "secret1", true},
		{"c2VjcmV0MQ", "secret1", true},
		{"-_-_", "\xfb\xff\xbf", true},
		{"+/+/", "\xfb\xff\xbf", true},
		{"+/-_", "", false}, // mixed alphabets
		{"c2VjcmV0MQ=", "", false},
		{"c2VjcmV0M===", "", false},
		{"a", "", false},
		{"a=", "", false},
		{"not base64!", "", false},
		{"has space", "", false},
	} {
		got, ok := decodeBase64(make([]byte, 0, len(tt.in)), []byte(tt.in))
		if ok != tt.ok || string(got) != tt.want {
			t.Errorf("decodeBase64(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRules(t *testing.T) {
	var m mutator
	m.load([]byte("My Key"))
	want := map[int]string{
		formAsIs: "My Key", formLower: "my key", formUpper: "MY KEY", formCapital: "My key",
		formToggle: "mY kEY", formLeet: "My K3y", formLeetSymbols: "My K3y",
		formSepUnderscore: "My_Key", formSepDash: "My-Key", formSepDot: "My.Key", formSepNone: "MyKey",
	}
	for f := range numForms {
		w := want[f]
		if f == formLeetSymbols { // same as formLeet for this word: left out
			w = ""
		}
		if string(m.forms[f]) != w {
			t.Errorf("form %s = %q, want %q", baseForms[f], m.forms[f], w)
		}
	}
	m.load([]byte("nosep"))
	if m.forms[formSepDash] != nil || m.forms[formCapital] == nil {
		t.Errorf("forms of a word without separators: %q", m.forms)
	}
	if got := ruleName(formCapital*len(tails) + 0); got != "capitalized" {
		t.Errorf("ruleName = %q", got)
	}
	if rulesPerWord < 1000 || rulesPerWord > 3000 {
		t.Errorf("rulesPerWord = %d", rulesPerWord)
	}
}

func TestShellQuote(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", "''"},
		{"secret", "secret"},
		{"a-b_c.d/e:f@g%h+i=j,k", "a-b_c.d/e:f@g%h+i=j,k"},
		{"with space", "'with space'"},
		{"it's", `'it'\''s'`},
		{"$HOME", "'$HOME'"},
		{"héllo", "'héllo'"},
		{"a\nb", `$'a\x0ab'`},
		{"\xff\x00'\\", `$'\xff\x00\'\\'`},
	} {
		if got := ShellQuote([]byte(tt.in)); got != tt.want {
			t.Errorf("ShellQuote(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// FuzzDecodeBase64 checks the one-pass decoder against the standard
// library's four decoders: whatever one of them decodes to something, it
// decodes the same; whatever it decodes, one of them agrees.
func FuzzDecodeBase64(f *testing.F) {
	for _, s := range []string{"c2VjcmV0", "c2VjcmV0MQ==", "-_-_", "+/+/", "+/-_", "YQ=", "Y===", "a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "\r\n") {
			return // the standard decoders skip line breaks; words never hold them
		}
		var want []string
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
			if b, err := enc.DecodeString(s); err == nil && len(b) > 0 {
				want = append(want, string(b))
			}
		}
		got, ok := decodeBase64(make([]byte, 0, len(s)), []byte(s))
		switch {
		case ok && !slices.Contains(want, string(got)):
			t.Fatalf("decodeBase64(%q) = %q, the standard decoders give %q", s, got, want)
		case !ok && len(want) > 0:
			t.Fatalf("decodeBase64(%q) failed, the standard decoders give %q", s, want)
		}
	})
}
