package display

import "testing"

func TestShell(t *testing.T) {
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
		{"right\u202eleft", `$'right\xe2\x80\xaeleft'`}, // a bidi override is not printable
	} {
		if got := Shell(tt.in); got != tt.want {
			t.Errorf("Shell(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestCommand(t *testing.T) {
	tests := []struct {
		argv []string
		want string
	}{
		{[]string{"hashcat", "-m", "16500", "jwt.hashcat", "my words.txt"}, "hashcat -m 16500 jwt.hashcat 'my words.txt'"},
		{[]string{"john", "--format=HMAC-SHA256", "--mask=?a?a $x", "jwt.john"}, "john --format=HMAC-SHA256 --mask='?a?a $x' jwt.john"},
		{[]string{"--we ird=x"}, "'--we ird=x'"},
	}
	for _, tt := range tests {
		if got := Command(tt.argv); got != tt.want {
			t.Errorf("Command(%q) = %s, want %s", tt.argv, got, tt.want)
		}
	}
}
