package scan

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jwtkey/jwtkey/internal/display"
	"github.com/jwtkey/jwtkey/strength"
)

func TestSharedSecrets(t *testing.T) {
	items := []Checked{
		{Source: ".env:1 A", File: ".env", Name: "A", Secret: []byte("x")},
		{Source: ".env.prod:1 A", File: ".env.prod", Name: "A", Secret: []byte("y")},
		{Source: ".env.stage:1 A", File: ".env.stage", Name: "A", Secret: []byte("x")},
		{Source: "$B", Name: "B", Secret: []byte("x")},
	}
	got := sharedSecrets(items)
	if len(got) != 1 || len(got[0].Sources) != 3 || got[0].Sources[1] != ".env.stage:1 A" {
		t.Fatalf("got %+v", got)
	}
	if !strings.Contains(got[0].Message, ".env:1 A, .env.stage:1 A and $B") {
		t.Errorf("message %q", got[0].Message)
	}
	if sharedSecrets(items[:2]) != nil {
		t.Error("distinct secrets reported as shared")
	}
}

func TestEnvFileSecrets(t *testing.T) {
	const env = "JWT_SECRET=changeme\n" +
		"APP_NAME=demo\n" +
		"AUTH_SECRET=${OTHER}\n" +
		"SIGNING_KEY=\"-----BEGIN PRIVATE KEY-----\"\n" +
		"SESSION_SECRET=\"tab\\there-and-more\"\n" +
		"API_SECRET=\"\"\n" +
		"JWT_SECRET=s3cr3t-again\n"
	tests := []struct {
		name    string
		keys    []string
		want    []string // sources
		skipped []string // what each skipped line starts with
		wantErr error
	}{
		{"every secret", nil, []string{".env:5 SESSION_SECRET", ".env:7 JWT_SECRET"},
			[]string{".env:3 AUTH_SECRET: skipped: a reference", ".env:4 SIGNING_KEY: skipped: a PEM key", ".env:5 SESSION_SECRET: unparseable", ".env:6 API_SECRET: skipped: "}, nil},
		{"the keys asked for, once each", []string{"APP_NAME", "JWT_SECRET", "APP_NAME"}, []string{".env:2 APP_NAME", ".env:7 JWT_SECRET"}, nil, nil},
		{"a key not set", []string{"NOPE"}, nil, nil, &UnsetError{Name: "NOPE", File: ".env"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, skipped, err := EnvFileSecrets([]byte(env), ".env", tt.keys, nil)
			if tt.wantErr != nil {
				var ue *UnsetError
				if !errors.As(err, &ue) || *ue != *tt.wantErr.(*UnsetError) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var srcs []string
			for _, s := range got {
				srcs = append(srcs, s.Source)
				if s.File != ".env" || !strings.HasSuffix(s.Source, " "+s.Name) {
					t.Errorf("%s: file %q name %q", s.Source, s.File, s.Name)
				}
			}
			if strings.Join(srcs, "|") != strings.Join(tt.want, "|") {
				t.Errorf("sources %q, want %q", srcs, tt.want)
			}
			if len(skipped) != len(tt.skipped) {
				t.Fatalf("skipped %q, want %d lines", skipped, len(tt.skipped))
			}
			for i, s := range skipped {
				if !strings.HasPrefix(s, tt.skipped[i]) || strings.Contains(s, "changeme") {
					t.Errorf("skipped line %q, want it to start %q", s, tt.skipped[i])
				}
			}
		})
	}
	var none *NoSecretsError
	if _, skipped, err := EnvFileSecrets([]byte("APP=1\nAUTH_SECRET=$X\n"), "x.env", nil, nil); !errors.As(err, &none) || none.File != "x.env" || len(skipped) != 1 {
		t.Errorf("a file without secrets: %v, skipped %q", err, skipped)
	}
	if _, _, err := EnvFileSecrets([]byte("A=\xff\n"), "bad.env", nil, nil); err == nil || !strings.HasPrefix(err.Error(), "bad.env: ") {
		t.Errorf("a file that is not text: %v", err)
	}
}

func TestReadSecret(t *testing.T) {
	long := strings.Repeat("a", strength.MaxLength)
	tests := []struct {
		in, want string
		wantErr  error
	}{
		{"s3cret\n", "s3cret", nil},
		{"s3cret\r\n", "s3cret", nil},
		{"two\n\n", "two\n", nil},
		{"", "", nil},
		{long + "\r\n", long, nil},
		{long + "a", "", ErrSecretTooLong},
		{long + "\n\n", "", ErrSecretTooLong},
	}
	for _, tt := range tests {
		got, err := ReadSecret(strings.NewReader(tt.in), "stdin")
		if !errors.Is(err, tt.wantErr) || string(got) != tt.want {
			t.Errorf("ReadSecret(%.20q…) = %.20q, %v; want %.20q, %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestJudgeVerdicts(t *testing.T) {
	strong := []byte(rand.Text() + rand.Text())
	v, err := Judge([]Checked{
		{Source: ".env:1 JWT_SECRET", File: ".env", Name: "JWT_SECRET", Secret: strong},
		{Source: ".env.prod:1 JWT_SECRET", File: ".env.prod", Name: "JWT_SECRET", Secret: strong},
		{Source: "stdin", Secret: []byte("hunter2")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if v.Secrets[0].Result.Verdict != strength.Strong || v.Secrets[2].Result.Verdict == strength.Strong || len(v.Shared) != 1 {
		t.Fatalf("verdicts %v %v, shared %v", v.Secrets[0].Result.Verdict, v.Secrets[2].Result.Verdict, v.Shared)
	}
	if err := v.MarkLeaked(strings.NewReader("nothing\nhunter2\n"), "leaks.txt"); err != nil {
		t.Fatal(err)
	}
	if v.Secrets[2].Result.Verdict != strength.Compromised || v.Worst() != strength.Compromised {
		t.Errorf("after MarkLeaked: %v, worst %v", v.Secrets[2].Result.Verdict, v.Worst())
	}
	var text bytes.Buffer
	if err := v.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\n.env.prod:1 JWT_SECRET: strong: ", "\nstdin: compromised: ", "leaks.txt (line 2)", "\nshared: the same secret is used in .env:1 JWT_SECRET and .env.prod:1 JWT_SECRET: "} {
		if !strings.Contains("\n"+text.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, text.String())
		}
	}
	var out bytes.Buffer
	if err := v.WriteJSON(&out); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Verdict string
		Secrets []struct{ Source, Verdict string }
		Shared  []SharedUse
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("%v:\n%s", err, out.String())
	}
	if got.Verdict != "compromised" || len(got.Secrets) != 3 || got.Secrets[2].Source != "stdin" || got.Secrets[2].Verdict != "compromised" || len(got.Shared) != 1 {
		t.Errorf("JSON report %+v", got)
	}

	// Shared strong secrets are weak as a whole; none shared is [] in JSON.
	if w := (&Verdicts{Secrets: v.Secrets[:2], Shared: v.Shared}).Worst(); w != strength.Weak {
		t.Errorf("worst of shared strong secrets = %v, want weak", w)
	}
	out.Reset()
	(&Verdicts{Secrets: v.Secrets[:1]}).WriteJSON(&out)
	if !strings.Contains(out.String(), `"shared": []`) || !strings.Contains(out.String(), `"verdict": "strong"`) {
		t.Errorf("JSON of one strong secret:\n%s", out.String())
	}
	if _, err := Judge([]Checked{{Source: "$EMPTY"}}); err == nil || !strings.HasPrefix(err.Error(), "$EMPTY: ") {
		t.Errorf("Judge of an empty secret: %v", err)
	}
}

func TestGiven(t *testing.T) {
	c, n := Given("$K", "K", []byte("s3cret"))
	if n != nil || string(c.Secret) != "s3cret" || c.Source != "$K" || c.Name != "K" {
		t.Errorf("a secret on one line: %+v, %+v", c, n)
	}
	wrapped := strings.Repeat("QUJD", 16) + "\n" + strings.Repeat("REVG", 4) + "\n"
	c, n = Given("stdin", "", []byte(wrapped))
	if len(n) != 2 || strings.Contains(string(c.Secret), "\n") || len(c.Secret) != 80 {
		t.Fatalf("a wrapped key: %q, %+v", c.Secret, n)
	}
	if n[0].Level != display.Warning || !strings.HasPrefix(n[0].Text, "stdin: the key is printed over 2 lines") ||
		n[1].Level != display.Hint || !strings.Contains(n[1].Text, "openssl rand -base64 -A 64") {
		t.Errorf("notes %+v", n)
	}
}

// failReader fails every read.
type failReader struct{}

func (failReader) Read([]byte) (int, error) { return 0, errors.New("broken pipe") }

func TestReadSecretError(t *testing.T) {
	if _, err := ReadSecret(failReader{}, "stdin"); err == nil || err.Error() != "reading the secret from stdin: broken pipe" {
		t.Errorf("a failed read: %v", err)
	}
}

func TestSourcesRead(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	env := write(".env", "JWT_SECRET=changeme\nAUTH_SECRET=${X}\n")
	big := write("big.env", "A="+strings.Repeat("a", MaxEnvFile)+"\n")
	vars := map[string]string{"ONE": "s3cret", "WRAPPED": strings.Repeat("QUJD", 16) + "\n" + "REVG\n"}
	lookup := func(k string) (string, bool) { v, ok := vars[k]; return v, ok }
	tests := []struct {
		name    string
		src     Sources
		want    []string // sources
		notes   int      // warnings and hints
		wantErr string
	}{
		{"variables, then files", Sources{EnvVars: []string{"WRAPPED", "ONE"}, Files: []string{env}}, []string{"$WRAPPED", "$ONE", env + ":1 JWT_SECRET"}, 3, ""}, // the joined key's warning and hint, the reference passed over
		{"standard input", Sources{Files: []string{"-"}, Stdin: strings.NewReader("SESSION_SECRET=abc\n")}, []string{"(stdin):1 SESSION_SECRET"}, 0, ""},
		{"a variable not set", Sources{EnvVars: []string{"WRAPPED", "NOPE"}}, nil, 2, "scan: environment variable NOPE is not set"},
		{"a missing file", Sources{Files: []string{filepath.Join(dir, "none")}}, nil, 0, "no such file"},
		{"a file too large", Sources{Files: []string{big}}, nil, 0, "larger than 1024 KiB"},
		{"standard input too large", Sources{Files: []string{"-"}, Stdin: strings.NewReader(strings.Repeat("a", MaxEnvFile+1))}, nil, 0, "scan: standard input is larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.src.LookupEnv = lookup
			got, notes, err := tt.src.Read()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			var srcs []string
			for _, c := range got {
				srcs = append(srcs, c.Source)
			}
			if strings.Join(srcs, "|") != strings.Join(tt.want, "|") || len(notes) != tt.notes {
				t.Errorf("read %q with %d notes %+v, want %q with %d", srcs, len(notes), notes, tt.want, tt.notes)
			}
		})
	}
	var big2 *TooLargeError
	if _, _, err := (Sources{Files: []string{big}}).Read(); !errors.As(err, &big2) || big2.Name != big {
		t.Errorf("a file too large: %v, want a *TooLargeError naming it", err)
	}
}

func TestSourcesValidate(t *testing.T) {
	tests := []struct {
		name   string
		src    Sources
		secret bool // the secret itself is read from standard input
		want   error
	}{
		{"the secret alone", Sources{}, true, nil},
		{"a file and a wordlist", Sources{Files: []string{".env"}, Wordlists: []string{"-"}}, false, nil},
		{"two files from stdin", Sources{Files: []string{"-", "-"}}, false, ErrStdinTwice},
		{"two wordlists from stdin", Sources{Wordlists: []string{"-", "w", "-"}}, false, ErrStdinTwice},
		{"the secret and a wordlist", Sources{Wordlists: []string{"-"}}, true, ErrStdinShared},
		{"a file and a wordlist from stdin", Sources{Files: []string{"-"}, Wordlists: []string{"-"}}, false, ErrStdinShared},
	}
	for _, tt := range tests {
		if err := tt.src.Validate(tt.secret); err != tt.want {
			t.Errorf("%s: Validate = %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestSourcesMarkLeaked(t *testing.T) {
	list := filepath.Join(t.TempDir(), "leaks.txt")
	if err := os.WriteFile(list, []byte("x\nhunter2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	v, err := Judge([]Checked{{Source: "a", Secret: []byte("hunter2")}, {Source: "b", Secret: []byte("correct-horse")}})
	if err != nil {
		t.Fatal(err)
	}
	src := Sources{Wordlists: []string{list, "-"}, Stdin: strings.NewReader("correct-horse\n")}
	if err := src.MarkLeaked(v); err != nil {
		t.Fatal(err)
	}
	for i, where := range []string{list + " (line 2)", "standard input (line 1)"} {
		r := v.Secrets[i].Result
		if r.Verdict != strength.Compromised || len(r.Findings) == 0 || !strings.Contains(r.Findings[0].Message, where) {
			t.Errorf("secret %d: %v %+v, want compromised by %s", i, r.Verdict, r.Findings, where)
		}
	}
	if err := (Sources{Wordlists: []string{list + ".none"}}).MarkLeaked(v); err == nil {
		t.Error("a missing wordlist: no error")
	}
}
