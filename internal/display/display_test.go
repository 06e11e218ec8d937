package display

import (
	"testing"
	"time"
)

func TestText(t *testing.T) {
	tests := []struct{ in, text, name string }{
		{"JWT", "JWT", "JWT"},
		{"my file.env", "my file.env", `"my file.env"`},
		{"it's", "it's", `"it's"`},
		{"a\x1b]0;owned\x07", `"a\x1b]0;owned\a"`, `"a\x1b]0;owned\a"`},
		{"two\nlines", `"two\nlines"`, `"two\nlines"`},
		{`back\slash`, `"back\\slash"`, `"back\\slash"`},
		{"\u0085next", `"\u0085next"`, `"\u0085next"`},
		{"bad\xff", `"bad\xff"`, `"bad\xff"`},
		{"Jörg", "Jörg", "Jörg"},
		{"", "", ""},
	}
	for _, tt := range tests {
		if got := Text(tt.in); got != tt.text {
			t.Errorf("Text(%q) = %s, want %s", tt.in, got, tt.text)
		}
		if got := Name(tt.in); got != tt.name {
			t.Errorf("Name(%q) = %s, want %s", tt.in, got, tt.name)
		}
	}
}

func TestDuration(t *testing.T) {
	tests := map[time.Duration]string{
		90 * time.Second:          "1m30s",
		15 * time.Minute:          "15 minutes",
		5 * time.Hour:             "5 hours",
		30 * 24 * time.Hour:       "30 days",
		-30 * 24 * time.Hour:      "30 days",
		10 * 365 * 24 * time.Hour: "10.0 years",
	}
	for d, want := range tests {
		if got := Duration(d); got != want {
			t.Errorf("Duration(%v) = %q, want %q", d, got, want)
		}
	}
}
