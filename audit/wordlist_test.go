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

// TestBuiltinRules checks what the built-in rules make of a word: the
// forms that change it, each with every tail.
func TestBuiltinRules(t *testing.T) {
	sets := BuiltinRules()
	if n := BuiltinRuleCount(); n != len(sets[0].Rules)*len(sets[1].Rules) || n < 1000 || n > 3000 {
		t.Errorf("BuiltinRuleCount = %d", n)
	}
	rr := newRuleRunner(newRuleChain(sets))
	got := map[string]bool{}
	rr.each([]byte("My Key"), collect(func(c string) { got[c] = true }))
	for _, want := range []string{"My Key", "my key", "MY KEY", "My key", "My K3y", "My_Key", "My-Key", "My.Key", "MyKey",
		"My Key1", "my key123", "MY KEY!", "My_Key2024", "MyKey_1999", "My K3y@2030"} {
		if !got[want] {
			t.Errorf("the built-in rules do not make %q of \"My Key\"", want)
		}
	}
	// Forms equal to the word are left out: an all-lower word has no
	// lower-case form, a word without separators no separator forms.
	n := 0
	rr.each([]byte("nosep"), collect(func(string) { n++ }))
	if want := 5 * len(sets[1].Rules); n != want { // as is, upper, capitalized, both l33t (o0 s5, o0 s$)
		t.Errorf("candidates of \"nosep\" = %d, want %d", n, want)
	}
}

// collect is a ruleEmitter that passes each candidate to f.
type collect func(string)

func (f collect) emitRule(_ uint64, a, b []byte) bool { f(string(a) + string(b)); return true }
func (f collect) emitAppends(_ uint64, word []byte, _ *[maxBlock]byte, rules []Rule) bool {
	for i := range rules {
		if tail, ok := rules[i].appendTail(len(word)); ok && len(word)+len(tail) > 0 {
			f(string(word) + string(tail))
		}
	}
	return true
}

func TestWorthDecoding(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"c2VjcmV0", false},         // 6 bytes: too short to be a key
		{"passwordpassword", false}, // one class of characters: a word
		{"PASSWORDPASSWORD", false},
		{"1234567890123456", false},
		{"c2VjcmV0LWtleQ==", true}, // 10 bytes, both cases
		{"hello-world-key", false}, // a passphrase: no upper case
		{"michael19871987", false}, // a password: lower case and digits
		{"AAECAwQFBgcICQoL", true},
		{"aGVsbG8gd29ybGQ", true}, // unpadded
	} {
		if got := worthDecoding([]byte(tt.in)); got != tt.want {
			t.Errorf("worthDecoding(%q) = %v, want %v", tt.in, got, tt.want)
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
