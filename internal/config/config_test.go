package config

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Config
		wantErr string
	}{
		{name: "empty", in: ""},
		{
			name: "every section",
			in: `[key]
preset = "rails"
environments = ["development", "production"]
[scan]
exclude = ["testdata/**"]
secret_names = ["APP_SIGNER"]
[check]
wordlists = ["leaked.txt"]
[audit]
wordlists = ["rockyou.txt"]
`,
			want: Config{
				Key:   Key{Preset: "rails", Environments: []string{"development", "production"}},
				Scan:  Scan{Exclude: []string{"testdata/**"}, SecretNames: []string{"APP_SIGNER"}},
				Check: Check{Wordlists: []string{"leaked.txt"}},
				Audit: Audit{Wordlists: []string{"rockyou.txt"}},
			},
		},
		{name: "unknown key", in: "[key]\npreset = \"go\"\nprest = \"go\"\n", wantErr: "config: line 3: unknown key key.prest"},
		{name: "unknown table", in: "\n[keys]\nname = \"X\"\n", wantErr: "config: line 2: unknown key keys"},
		{name: "bad toml", in: "[key]\nname = \n", wantErr: "config: line 2: "},
		{name: "wrong type", in: "[key]\nenvironments = \"production\"\n", wantErr: "config: line 2: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse([]byte(tt.in))
			if tt.wantErr != "" {
				var ce *Error
				if err == nil || !strings.HasPrefix(err.Error(), tt.wantErr) || !errors.As(err, &ce) {
					t.Fatalf("Parse error = %v, want prefix %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("Parse = %+v, want %+v", *got, tt.want)
			}
		})
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	c := &Config{Key: Key{Preset: "authjs", Environments: []string{"production"}}, Scan: Scan{Baseline: "b.json"}}
	b, err := c.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(b)
	if err != nil {
		t.Fatalf("%v in\n%s", err, b)
	}
	if !reflect.DeepEqual(got, c) {
		t.Errorf("round trip = %+v, want %+v\n%s", got, c, b)
	}
}

func TestFindAndRead(t *testing.T) {
	dir := t.TempDir()
	if p, err := Find(dir); err != nil || p != "" {
		t.Fatalf("Find in an empty dir = %q, %v", p, err)
	}
	write := func(p, s string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, Name), "[key]\ndir = \"config\"\n[check]\nwordlists = [\"w.txt\", \"/abs.txt\"]\n")
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if c.Path != filepath.Join(dir, Name) || c.Key.Dir != filepath.Join(dir, "config") {
		t.Errorf("Load = %+v", c)
	}
	if c.Check.Wordlists[0] != filepath.Join(dir, "w.txt") || c.Check.Wordlists[1] != "/abs.txt" {
		t.Errorf("wordlists = %q", c.Check.Wordlists)
	}
	write(filepath.Join(dir, Name), "bogus = 1\n")
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), Name+":1: unknown key bogus") {
		t.Errorf("Load of a bad file: %v", err)
	}
}

func TestFindAtGitTop(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	top := t.TempDir()
	if out, err := exec.Command("git", "init", "-q", top).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	sub := filepath.Join(top, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(top, Name), []byte("[key]\npreset = \"go\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(sub)
	if err != nil {
		t.Fatal(err)
	}
	if c.Key.Preset != "go" {
		t.Errorf("Load from a subdirectory = %+v", c)
	}
	// The current directory's own file wins over the top's.
	if err := os.WriteFile(filepath.Join(sub, Name), []byte("[key]\npreset = \"rails\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if c, err := Load(sub); err != nil || c.Key.Preset != "rails" {
		t.Errorf("Load with a local file = %+v, %v", c, err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("[key]\npreset = \"go\"\n"))
	f.Add([]byte("[scan]\nexclude = [1, 2]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data)
		if err == nil && c == nil {
			t.Fatal("nil config without an error")
		}
	})
}

// The settings Marshal shows as comments are real: uncommented, they parse.
func TestMarshalHints(t *testing.T) {
	b, err := (&Config{}).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	_, hints, ok := strings.Cut(string(b), "# More settings:\n")
	if !ok {
		t.Fatalf("no hints in\n%s", b)
	}
	var lines []string
	for _, l := range strings.Split(hints, "\n") {
		lines = append(lines, strings.TrimPrefix(l, "# "))
	}
	c, err := Parse([]byte(strings.Join(lines, "\n")))
	if err != nil {
		t.Fatalf("%v in\n%s", err, strings.Join(lines, "\n"))
	}
	if c.Key.Preset == "" || len(c.Scan.Exclude) == 0 || len(c.Check.Wordlists) == 0 || len(c.Audit.Wordlists) == 0 {
		t.Errorf("hints miss a section: %+v", c)
	}
	// A section that is set is not repeated as a hint.
	b, _ = (&Config{Key: Key{Preset: "rails"}}).Marshal()
	if strings.Contains(string(b), "# [key]") {
		t.Errorf("[key] is set and hinted:\n%s", b)
	}
}

func TestCheckFiles(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "words.txt")
	if err := os.WriteFile(list, []byte("secret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c := &Config{Path: filepath.Join(dir, Name)}
	for _, tt := range []struct {
		names []string
		want  string // in the error; "" for none
	}{
		{nil, ""},
		{[]string{list}, ""},
		{[]string{list, filepath.Join(dir, "gone.txt")}, "gone.txt (in "},
		{[]string{dir}, "a directory, not a file"},
	} {
		err := c.CheckFiles(tt.names)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%v: %v", tt.names, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%v: error %v, want one containing %q", tt.names, err, tt.want)
		}
	}
	if got := (&Config{}).Where(); got != Name {
		t.Errorf("Where() with no file = %q, want %q", got, Name)
	}
}
