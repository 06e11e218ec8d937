package strength

import (
	"encoding/base64"
	"strings"
	"testing"
)

func TestUnwrap(t *testing.T) {
	key := base64.StdEncoding.EncodeToString([]byte(strings.Repeat("\x8f\x01\xfe", 22))[:64])
	wrapped := key[:64] + "\n" + key[64:] + "\n" // openssl rand -base64 64
	tests := []struct {
		name string
		in   string
		want string
		ok   bool
	}{
		{"openssl base64 64", wrapped, key, true},
		{"CRLF", key[:64] + "\r\n" + key[64:] + "\r\n", key, true},
		{"base64 at 76", key[:76] + "\n" + key[76:], key, true},
		{"xxd -p at 60", strings.Repeat("6d", 30) + "\n" + strings.Repeat("6d", 30) + "\n" + "0a\n", strings.Repeat("6d", 60) + "0a", true},
		{"base64url", strings.Repeat("a-_B", 8) + "\n" + "xyz", strings.Repeat("a-_B", 8) + "xyz", true},
		{"one line", key + "\n", key + "\n", false},
		{"uneven lines", key[:60] + "\n" + key[60:70] + "\n" + key[70:], key[:60] + "\n" + key[60:70] + "\n" + key[70:], false},
		{"last line longer", key[:20] + "\n" + key[20:], key[:20] + "\n" + key[20:], false},
		{"short lines", "abcd\nefgh\nij", "abcd\nefgh\nij", false},
		{"text", "my secret is\nlong and wraps", "my secret is\nlong and wraps", false},
		{"padding inside", strings.Repeat("A", 16) + "=\n" + strings.Repeat("A", 17), strings.Repeat("A", 16) + "=\n" + strings.Repeat("A", 17), false},
		{"empty line", key[:64] + "\n\n" + key[64:], key[:64] + "\n\n" + key[64:], false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Unwrap([]byte(tc.in))
			if string(got) != tc.want || ok != tc.ok {
				t.Errorf("Unwrap(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func FuzzUnwrap(f *testing.F) {
	for _, s := range []string{"abc\ndef", strings.Repeat("A", 64) + "\n" + strings.Repeat("B", 24) + "\n", "\n", "\r\n\r\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		got, ok := Unwrap(in)
		if !ok {
			if string(got) != string(in) {
				t.Fatalf("changed the input without joining: %q → %q", in, got)
			}
			return
		}
		if strings.ContainsAny(string(got), "\r\n") {
			t.Fatalf("joined key %q holds a line break", got)
		}
		if strings.ReplaceAll(strings.ReplaceAll(string(in), "\r", ""), "\n", "") != string(got) {
			t.Fatalf("joined %q is not the input's lines: %q", got, in)
		}
	})
}
