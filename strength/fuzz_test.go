package strength

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzCheck(f *testing.F) {
	for _, s := range []string{"secret", "mysecretkey", "asdfghjklasdfghjkl", "550e8400-e29b-41d4-a716-446655440000",
		"c2VjcmV0", "736563726574", "2024-01-15", "1700000000", "P@ssw0rd!", "aaaaaaaa", "abcabcabc", "\x00", "\xff",
		"a3f8c2d1e7b9044f2c68a5d3e1f7b290c4a8e6d2f0b1c3a5e7d9f2b4c6a8e0d3", "base64:", "日本語のパスワード",
		`\xda\x96+\xccN\xadB3\xbf\x8d\x11>\xdd\x0fhn\xc3`, `\xda\x96\x1\x`, `\x41\x42\x43\x44\x45\x46\x47\x48\n`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, secret []byte) {
		r, err := Check(secret)
		if err != nil {
			if r.Verdict != Strong || r.Findings != nil {
				t.Fatalf("error %v with a result %+v", err, r)
			}
			return
		}
		if !utf8.Valid(secret) || len(secret) > MaxLength || len(bytes.TrimSpace(secret)) == 0 {
			t.Fatalf("accepted input Check should refuse: %q", secret)
		}
		if math.IsNaN(r.Bits) || math.IsInf(r.Bits, 0) || r.Bits < 0 {
			t.Fatalf("bits %v", r.Bits)
		}
		if r.Verdict == Strong && (len(r.Findings) > 0 || len(r.GoodFor) == 0 || r.Bits < 256) {
			t.Fatalf("inconsistent strong result %+v", r)
		}
		if r.Verdict != Strong && (len(r.Findings) == 0 || len(r.GoodFor) > 0 || r.Fix == "") {
			t.Fatalf("inconsistent %s result %+v", r.Verdict, r)
		}
		quoted := fmt.Sprintf("%q", secret)
		for _, fd := range r.Findings {
			if fd.Start < 0 || fd.End > len(secret) || fd.Start > fd.End {
				t.Fatalf("finding %+v outside the %d-byte secret", fd, len(secret))
			}
			if len(secret) > 1 && strings.Contains(fd.Message, quoted) {
				t.Fatalf("finding quotes the whole secret: %s", fd.Message)
			}
		}
	})
}

// referenceWordlist is ScanWordlist's rule written the obvious way.
func referenceWordlist(data []byte) []string {
	var out []string
	lines := strings.Split(string(data), "\n")
	for _, l := range lines {
		l = strings.TrimSuffix(l, "\r")
		if l != "" && len(l) <= MaxLength {
			out = append(out, l)
		}
	}
	return out
}

func FuzzScanWordlist(f *testing.F) {
	for _, s := range []string{"a\nb\n", "a\r\nb\r\n", " spaced \n\n\nlast", "\r\n\r", strings.Repeat("x", 70000) + "\nok\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var got []string
		err := ScanWordlist(bytes.NewReader(data), func(_ int, e []byte) bool {
			got = append(got, string(e))
			return true
		})
		if err != nil {
			t.Fatal(err)
		}
		want := referenceWordlist(data)
		if strings.Join(got, "\n") != strings.Join(want, "\n") || len(got) != len(want) {
			t.Fatalf("got %q, want %q", got, want)
		}
	})
}
