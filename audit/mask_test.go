package audit

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestParseMask(t *testing.T) {
	custom, err := ParseCustomCharsets([4]string{"abc", "?d?u", "", "x?l"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		mask     string
		wantLen  int
		wantKeys uint64
		wantErr  string
	}{
		{mask: "?l?l?d?d", wantLen: 4, wantKeys: 26 * 26 * 10 * 10},
		{mask: "?a", wantLen: 1, wantKeys: 95},
		{mask: "?s", wantLen: 1, wantKeys: 33},
		{mask: "?h?H", wantLen: 2, wantKeys: 256},
		{mask: "?b", wantLen: 1, wantKeys: 256},
		{mask: "?u", wantLen: 1, wantKeys: 26},
		{mask: "abc", wantLen: 3, wantKeys: 1},
		{mask: "??", wantLen: 1, wantKeys: 1},
		{mask: "?1?2", wantLen: 2, wantKeys: 3 * 36},
		{mask: "?4", wantLen: 1, wantKeys: 26}, // x is in ?l already
		{mask: "", wantErr: "empty mask"},
		{mask: "?", wantErr: "lone '?'"},
		{mask: "ab?", wantErr: "lone '?'"},
		{mask: "?x", wantErr: "unknown placeholder ?x"},
		{mask: "?3", wantErr: "custom charset 3 is not defined"},
		{mask: "?0", wantErr: "unknown placeholder ?0"},
		{mask: strings.Repeat("a", MaxMaskLen+1), wantErr: "more than 256"},
	}
	for _, tt := range tests {
		t.Run(tt.mask, func(t *testing.T) {
			m, err := ParseMask(tt.mask, custom)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "audit: ") {
					t.Fatalf("ParseMask error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			n, ok := m.Keyspace()
			if m.Len() != tt.wantLen || n != tt.wantKeys || !ok {
				t.Errorf("Len, Keyspace = %d, %d, %v; want %d, %d", m.Len(), n, ok, tt.wantLen, tt.wantKeys)
			}
			if m.String() != tt.mask {
				t.Errorf("String = %q", m.String())
			}
		})
	}
}

func TestParseCustomCharsets(t *testing.T) {
	for _, tt := range []struct {
		specs   [4]string
		wantErr string
	}{
		{[4]string{"?l?d", "", "", "!@"}, ""},
		{[4]string{"a??b"}, ""},
		{[4]string{"", "?1"}, "custom charset 2 refers to a custom charset"},
		{[4]string{"?z"}, "custom charset 1: unknown placeholder"},
		{[4]string{"ab?"}, "custom charset 1: \"ab?\" ends with a lone"},
	} {
		_, err := ParseCustomCharsets(tt.specs)
		if (tt.wantErr == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("ParseCustomCharsets(%q) = %v, want %q", tt.specs, err, tt.wantErr)
		}
	}
	cs, err := ParseCharset("aab?d??", [4][]byte{})
	if err != nil || string(cs) != "ab0123456789?" {
		t.Errorf("ParseCharset = %q, %v", cs, err)
	}
}

func TestKeyspaceOverflow(t *testing.T) {
	m, err := ParseMask(strings.Repeat("?b", 8), [4][]byte{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.Keyspace(); ok {
		t.Fatal("2^64 candidates did not overflow")
	}
	if _, err := Keyspace(m); !errors.Is(err, ErrKeyspaceTooLarge) {
		t.Fatalf("Keyspace error = %v", err)
	}
	m7, _ := ParseMask(strings.Repeat("?b", 7)+"?d", [4][]byte{})
	n, ok := m7.Keyspace()
	if !ok || n != 10<<56 {
		t.Fatalf("Keyspace = %d, %v", n, ok)
	}
	// Two masks that each fit but whose sum does not.
	cs := make([]byte, 200)
	for i := range cs {
		cs[i] = byte(i)
	}
	m200, _ := ParseMask(strings.Repeat("?b", 7)+"?1", [4][]byte{cs})
	if _, err := Keyspace(m200, m200); !errors.Is(err, ErrKeyspaceTooLarge) {
		t.Fatalf("Keyspace of the sum: %v", err)
	}
	big, _ := ParseMask(strings.Repeat("?a", 11), [4][]byte{})
	if _, err := NewCrackerForTest(t).Run(t.Context(), Masks{Masks: []*Mask{big}}); !errors.Is(err, ErrKeyspaceTooLarge) {
		t.Fatalf("Run with a 95^11 mask: %v", err)
	}
}

func NewCrackerForTest(t *testing.T) *Cracker {
	c, err := NewCracker(parse(t, sign(t, "HS256", []byte("x"), nil)), Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMaskPrefix(t *testing.T) {
	m, _ := ParseMask("a?l??b?d", [4][]byte{})
	for n, want := range []string{"", "a", "a?l", "a?l??", "a?l??b", "a?l??b?d"} {
		if n == 0 {
			continue
		}
		if got := m.Prefix(n).String(); got != want {
			t.Errorf("Prefix(%d) = %q, want %q", n, got, want)
		}
	}
	r := RepeatCharset([]byte("abca"), 4)
	if got := r.Prefix(2).String(); got != "2×[abc]" {
		t.Errorf("RepeatCharset prefix = %q", got)
	}
	if n, _ := r.Keyspace(); n != 81 {
		t.Errorf("RepeatCharset keyspace = %d", n)
	}
}

// TestCursorMatchesCandidate walks a whole mask with the in-place cursor
// and checks each candidate against Candidate, and that all are distinct.
func TestCursorMatchesCandidate(t *testing.T) {
	m, _ := ParseMask("?d?1x?1", [4][]byte{[]byte("ab!")})
	n, _ := m.Keyspace()
	c := newCursor(m)
	c.seek(0)
	seen := map[string]bool{}
	buf := make([]byte, m.Len())
	for i := range n {
		m.Candidate(i, buf)
		if !bytes.Equal(buf, c.buf) {
			t.Fatalf("candidate %d: cursor %q, Candidate %q", i, c.buf, buf)
		}
		seen[string(buf)] = true
		c.next()
	}
	if uint64(len(seen)) != n {
		t.Fatalf("%d distinct candidates, want %d", len(seen), n)
	}
	if !bytes.Equal(c.buf, []byte("0axa")) {
		t.Errorf("cursor after the last candidate = %q, want a wrap to the first", c.buf)
	}
}

func FuzzParseMask(f *testing.F) {
	for _, s := range []string{"?l?l?d?d", "??", "?1?2", "a?", "?b?b", "x?sy", "?H?h?a"} {
		f.Add(s, "?l?d")
	}
	f.Fuzz(func(t *testing.T, mask, cs1 string) {
		custom, err := ParseCustomCharsets([4]string{cs1})
		if err != nil {
			return
		}
		m, err := ParseMask(mask, custom)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "audit: ") {
				t.Fatalf("error without prefix: %v", err)
			}
			return
		}
		n, ok := m.Keyspace()
		if !ok {
			return
		}
		if n == 0 || m.Len() == 0 || m.Len() > MaxMaskLen {
			t.Fatalf("mask %q: %d positions, %d candidates", mask, m.Len(), n)
		}
		c := newCursor(m)
		buf := make([]byte, m.Len())
		for _, i := range []uint64{0, 1, n / 2, n - 2, n - 1} {
			if i >= n {
				continue
			}
			c.seek(i)
			m.Candidate(i, buf)
			if !bytes.Equal(c.buf, buf) {
				t.Fatalf("mask %q candidate %d: cursor %q, Candidate %q", mask, i, c.buf, buf)
			}
			if i+1 < n {
				c.next()
				m.Candidate(i+1, buf)
				if !bytes.Equal(c.buf, buf) {
					t.Fatalf("mask %q after %d: next gives %q, want %q", mask, i, c.buf, buf)
				}
			}
		}
	})
}

func ExampleParseMask() {
	m, err := ParseMask("key-?d?d?l", [4][]byte{})
	if err != nil {
		panic(err)
	}
	n, _ := m.Keyspace()
	first := make([]byte, m.Len())
	m.Candidate(0, first)
	last := make([]byte, m.Len())
	m.Candidate(n-1, last)
	fmt.Println(n, string(first), string(last))
	// Output: 2600 key-00a key-99z
}
