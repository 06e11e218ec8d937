package display

import (
	"os"
	"path/filepath"
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

func TestNotes(t *testing.T) {
	tests := []struct {
		got  Note
		want Note
	}{
		{Infof("wrote %s to %s", "A", ".env"), Note{Info, "wrote A to .env"}},
		{Warningf("%d files", 2), Note{Warning, "2 files"}},
		{Hintf("run %q", "x"), Note{Hint, `run "x"`}},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %+v, want %+v", tt.got, tt.want)
		}
	}
}

func TestPath(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	real, err := filepath.EvalSymlinks(wd)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{filepath.Join(real, "a", ".env"), filepath.Join("a", ".env")},
		{real, "."},
		{filepath.Dir(real), filepath.Dir(real)}, // above: as it is
		{"relative/.env", "relative/.env"},       // not absolute: as it is
		{"", ""},
	}
	for _, tt := range tests {
		if got := Path(tt.in); got != tt.want {
			t.Errorf("Path(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
