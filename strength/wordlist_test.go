package strength

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

func TestScanWordlist(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []string
		lines   []int
		wantErr bool
	}{
		{"lf", "one\ntwo\n", []string{"one", "two"}, []int{1, 2}, false},
		{"crlf", "one\r\ntwo\r\n", []string{"one", "two"}, []int{1, 2}, false},
		{"no final newline", "one\ntwo", []string{"one", "two"}, []int{1, 2}, false},
		{"spaces kept", " lead\ntrail \n  both  \n", []string{" lead", "trail ", "  both  "}, []int{1, 2, 3}, false},
		{"blank lines skipped", "\n\none\n\r\n", []string{"one"}, []int{3}, false},
		{"only one CR stripped", "a\r\r\n", []string{"a\r"}, []int{1}, false},
		{"long line skipped", strings.Repeat("x", 100000) + "\nshort\n", []string{"short"}, []int{2}, false},
		{"over MaxLength skipped", strings.Repeat("y", MaxLength+1) + "\n" + strings.Repeat("z", MaxLength) + "\n", []string{strings.Repeat("z", MaxLength)}, []int{2}, false},
		{"empty", "", nil, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			var lines []int
			err := ScanWordlist(strings.NewReader(tc.in), func(line int, e []byte) bool {
				got, lines = append(got, string(e)), append(lines, line)
				return true
			})
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v", err)
			}
			if !slices.Equal(got, tc.want) || !slices.Equal(lines, tc.lines) {
				t.Errorf("got %q at %v, want %q at %v", got, lines, tc.want, tc.lines)
			}
		})
	}
}

func TestScanWordlistReadError(t *testing.T) {
	boom := errors.New("boom")
	err := ScanWordlist(iotest.ErrReader(boom), func(int, []byte) bool { return true })
	// The error is the reader's, wrapped with what only strength knows
	// (the line); strength prefixes only the errors it creates.
	if !errors.Is(err, boom) || err.Error() != "reading wordlist line 1: boom" {
		t.Fatalf("err = %v, want the read error wrapped with its line", err)
	}
}

func TestFindInWordlist(t *testing.T) {
	list := "hunter2\r\nsecret\n my key \nsecret\n"
	got, err := FindInWordlist(strings.NewReader(list), []byte("secret"), []byte("nope"), []byte(" my key "), []byte("my key"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{2, 0, 3, 0}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
