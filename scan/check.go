package scan

// The report of "jwtkey check": secrets judged one by one, each with where
// it came from (an argument, standard input, an environment variable, a
// .env file's variable), those found in lists of leaked secrets, and
// those used in more than one environment. A .env file is read as
// EnvSecrets reads it, so that check, doctor and scan agree on a file.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/internal/display"
	"github.com/jwtkey/jwtkey/strength"
)

// Checked is one secret judged on its own, and where it came from.
type Checked struct {
	Source string // how reports name it: "stdin", "$NAME", ".env:3 JWT_SECRET"
	File   string // the .env file it was read from, or ""
	Name   string // its variable, or ""
	Secret []byte
	Result strength.Result
}

// SharedUse is one secret found in more than one place.
type SharedUse struct {
	Sources []string `json:"sources"`
	Message string   `json:"message"`
}

// Verdicts is the judgement of a few secrets, as "jwtkey check" reports it.
type Verdicts struct {
	Secrets []Checked
	Shared  []SharedUse // the same secret in two environments
}

// Judge judges each secret with strength.Check and finds those shared
// between environments (dotenv.Shared decides, as for doctor and scan).
func Judge(secrets []Checked) (*Verdicts, error) {
	for i := range secrets {
		r, err := strength.Check(secrets[i].Secret)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", secrets[i].Source, err)
		}
		secrets[i].Result = r
	}
	return &Verdicts{Secrets: secrets, Shared: sharedSecrets(secrets)}, nil
}

func sharedSecrets(secrets []Checked) []SharedUse {
	uses := make([]dotenv.Use, len(secrets))
	for i, s := range secrets {
		uses[i] = dotenv.Use{Place: s.Source, File: s.File, Name: s.Name, Value: string(s.Secret)}
	}
	var out []SharedUse
	for _, g := range dotenv.Shared(uses) {
		srcs := make([]string, len(g))
		for i, u := range g {
			srcs[i] = u.Place
		}
		out = append(out, SharedUse{Sources: srcs,
			Message: fmt.Sprintf("the same secret is used in %s: give each environment its own key, so one leak does not open the others", joinAnd(srcs))})
	}
	return out
}

func joinAnd(s []string) string {
	if len(s) == 2 {
		return s[0] + " and " + s[1]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// MarkLeaked reads a list of leaked secrets, one a line, once, and makes
// Compromised each secret found in it, naming the list (name) and line.
func (v *Verdicts) MarkLeaked(r io.Reader, name string) error {
	secrets := make([][]byte, len(v.Secrets))
	for i, s := range v.Secrets {
		secrets[i] = s.Secret
	}
	lines, err := strength.FindInWordlist(r, secrets...)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for i, line := range lines {
		if res := &v.Secrets[i].Result; line > 0 && res.Verdict != strength.Compromised {
			res.MarkLeaked(fmt.Sprintf("%s (line %d)", name, line))
		}
	}
	return nil
}

// Worst is the verdict of the whole: the worst secret's, and weak at best
// when a secret is shared.
func (v *Verdicts) Worst() strength.Verdict {
	worst := strength.Strong
	for _, s := range v.Secrets {
		worst = max(worst, s.Result.Verdict)
	}
	if len(v.Shared) > 0 && worst == strength.Strong {
		worst = strength.Weak
	}
	return worst
}

// WriteText writes each secret's verdict, findings and fix, then the
// shared secrets.
func (v *Verdicts) WriteText(w io.Writer) error {
	var b bytes.Buffer
	for _, s := range v.Secrets {
		r := s.Result
		fmt.Fprintf(&b, "%s: %s\n", s.Source, r.Summary())
		for _, f := range r.Findings {
			fmt.Fprintf(&b, "  - %s: %s\n", f.Kind, f.Message)
		}
		if r.Fix != "" {
			fmt.Fprintf(&b, "  fix: %s\n", r.Fix)
		}
	}
	for _, s := range v.Shared {
		fmt.Fprintf(&b, "shared: %s\n", s.Message)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// WriteJSON writes the verdicts as one indented object:
// {"verdict":…,"secrets":[{"source":…, strength.Result's fields}],"shared":[…]}.
func (v *Verdicts) WriteJSON(w io.Writer) error {
	secrets := []json.RawMessage{}
	for _, s := range v.Secrets {
		b, err := json.Marshal(s.Result)
		if err != nil {
			return err
		}
		src, _ := json.Marshal(s.Source)
		secrets = append(secrets, append(append([]byte(`{"source":`), src...), append([]byte(","), b[1:]...)...))
	}
	shared := v.Shared
	if shared == nil {
		shared = []SharedUse{}
	}
	out, err := json.MarshalIndent(struct {
		Verdict strength.Verdict  `json:"verdict"`
		Secrets []json.RawMessage `json:"secrets"`
		Shared  []SharedUse       `json:"shared"`
	}{v.Worst(), secrets, shared}, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(out, '\n'))
	return err
}

// NoSecretsError is EnvFileSecrets' error for a file with no secret to
// judge.
type NoSecretsError struct{ File string }

func (e *NoSecretsError) Error() string {
	return fmt.Sprintf("scan: %s has no secret-looking variables to check", e.File)
}

// UnsetError reports a variable asked for that a .env file (File), or
// the environment (File ""), does not set.
type UnsetError struct{ Name, File string }

func (e *UnsetError) Error() string {
	if e.File == "" {
		return fmt.Sprintf("scan: environment variable %s is not set", e.Name)
	}
	return fmt.Sprintf("scan: %s is not set in %s", e.Name, e.File)
}

// EnvFileSecrets reads the secrets of a .env file (data, named file) to
// judge: the variables keys names, or when there are none every secret
// EnvSecrets finds (secretNames as there) that has a value to judge.
// skipped says, a line each, which secrets were passed over or read
// ambiguously, and why; the lines name no value.
func EnvFileSecrets(data []byte, file string, keys, secretNames []string) (secrets []Checked, skipped []string, err error) {
	f, err := dotenv.Parse(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", file, err)
	}
	if len(keys) > 0 {
		seen := map[string]bool{}
		for _, k := range keys {
			if seen[k] {
				continue
			}
			seen[k] = true
			v, ok := f.Lookup(k)
			if !ok {
				return nil, nil, &UnsetError{Name: k, File: file}
			}
			line := 0
			for _, x := range f.Vars() {
				if x.Name == k {
					line = x.Line
				}
			}
			secrets = append(secrets, Checked{Source: fmt.Sprintf("%s:%d %s", file, line, k), File: file, Name: k, Secret: []byte(v)})
		}
		return secrets, nil, nil
	}
	for _, v := range EnvSecrets(f, secretNames...) {
		src := fmt.Sprintf("%s:%d %s", file, v.Line, v.Name)
		if v.Skip {
			// doctor and scan pass over it too: no value to judge.
			skipped = append(skipped, src+": skipped: a reference, a path or a flag, not a secret value")
			continue
		}
		if v.Ambiguous {
			skipped = append(skipped, fmt.Sprintf("%s: unparseable: dotenv readers disagree on the value (%s read %d characters); judging the shortest reading", src, v.Readers, len(v.Value)))
		}
		if strings.HasPrefix(strings.TrimSpace(v.Value), "-----BEGIN") {
			skipped = append(skipped, src+": skipped: a PEM key, not an HMAC secret")
			continue
		}
		if _, err := strength.Check([]byte(v.Value)); err != nil {
			skipped = append(skipped, fmt.Sprintf("%s: skipped: %s", src, err))
			continue
		}
		secrets = append(secrets, Checked{Source: src, File: file, Name: v.Name, Secret: []byte(v.Value)})
	}
	if len(secrets) == 0 {
		return nil, skipped, &NoSecretsError{File: file}
	}
	return secrets, skipped, nil
}

// ErrSecretTooLong is ReadSecret's error for input longer than
// strength.MaxLength: not one secret.
var ErrSecretTooLong = fmt.Errorf("scan: more than %d bytes: that is not one secret", strength.MaxLength)

// ReadSecret reads one secret from a stream (a pipe, a file) that name
// names, less one final line end, without reading much past
// strength.MaxLength: a huge stream is refused without being read.
func ReadSecret(r io.Reader, name string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, strength.MaxLength+3))
	if err != nil {
		return nil, fmt.Errorf("reading the secret from %s: %w", name, err)
	}
	if bytes.HasSuffix(b, []byte("\r\n")) {
		b = b[:len(b)-2]
	} else {
		b = bytes.TrimSuffix(b, []byte("\n"))
	}
	if len(b) > strength.MaxLength {
		return nil, ErrSecretTooLong
	}
	return b, nil
}

// Given returns the Checked of a secret given whole: an argument,
// standard input, an environment variable. A key that a tool printed over
// several lines (openssl rand -base64 64 wraps at 64 characters) is
// joined as strength.Unwrap joins it, with a note: pasted as printed,
// the line breaks are part of the secret. The notes are for a person:
// what reading passed over or changed, and what to do about it.
func Given(source, name string, secret []byte) (Checked, []display.Note) {
	c := Checked{Source: source, Name: name, Secret: secret}
	joined, ok := strength.Unwrap(secret)
	if !ok {
		return c, nil
	}
	c.Secret = joined
	return c, []display.Note{
		display.Warningf("%s: the key is printed over %d lines; judged as one. Pasted as printed, the line breaks are part of the secret",
			source, bytes.Count(bytes.TrimRight(secret, "\r\n"), []byte("\n"))+1),
		display.Hintf("print it on one line: openssl rand -base64 64 | tr -d '\\n' (or openssl rand -base64 -A 64)"),
	}
}

// MaxEnvFile bounds what Sources.Read reads of a .env file: one is small,
// and anything bigger is the wrong file.
const MaxEnvFile = 1 << 20

// TooLargeError reports a .env file over MaxEnvFile.
type TooLargeError struct{ Name string }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("scan: %s is larger than %d KiB: not a .env file", e.Name, MaxEnvFile>>10)
}

// Sources say where "jwtkey check" reads the secrets it judges, besides
// one given whole: environment variables and .env files; and the lists
// of leaked secrets it looks them up in.
type Sources struct {
	EnvVars     []string
	Files       []string // "-" reads Stdin
	Keys        []string // with Files: only these variables, as EnvFileSecrets takes them
	SecretNames []string // the project's own names of signing keys, as EnvSecrets takes them
	Wordlists   []string // lists of leaked secrets, for MarkLeaked; "-" reads Stdin
	Stdin       io.Reader

	LookupEnv func(string) (string, bool) // os.LookupEnv when nil
}

// Read reads the secrets of the environment variables (each as Given
// takes it), then of the files (as EnvFileSecrets reads them), and
// returns them with the notes on what it passed over, joined or read
// ambiguously, in order. The notes made before an error come with it.
func (s Sources) Read() ([]Checked, []display.Note, error) {
	lookup := s.LookupEnv
	if lookup == nil {
		lookup = os.LookupEnv
	}
	var out []Checked
	var notes []display.Note
	for _, name := range s.EnvVars {
		v, ok := lookup(name)
		if !ok {
			return nil, notes, &UnsetError{Name: name}
		}
		c, n := Given("$"+name, name, []byte(v))
		out, notes = append(out, c), append(notes, n...)
	}
	for _, file := range s.Files {
		data, err := s.readEnvFile(file)
		if err != nil {
			return nil, notes, err
		}
		if file == "-" {
			file = StdinName
		}
		got, skipped, err := EnvFileSecrets(data, file, s.Keys, s.SecretNames)
		for _, line := range skipped {
			notes = append(notes, display.Warningf("%s", line))
		}
		if err != nil {
			return nil, notes, err
		}
		out = append(out, got...)
	}
	return out, notes, nil
}

// readEnvFile reads a file, or Stdin for "-", up to MaxEnvFile.
func (s Sources) readEnvFile(file string) ([]byte, error) {
	r, name := s.Stdin, "standard input"
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r, name = f, file
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxEnvFile+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(data) > MaxEnvFile {
		return nil, &TooLargeError{Name: name}
	}
	return data, nil
}

// The ways Sources can ask too much of standard input: Validate returns
// one of these.
var (
	ErrStdinTwice  = errors.New("scan: standard input can be read once")
	ErrStdinShared = errors.New("scan: standard input cannot hold both the secrets and a wordlist")
)

// Validate refuses, reading nothing, two readers of Stdin: a file, a
// wordlist, or the secret itself when secretOnStdin.
func (s Sources) Validate(secretOnStdin bool) error {
	files, lists := count(s.Files, "-"), count(s.Wordlists, "-")
	switch {
	case files > 1 || lists > 1:
		return ErrStdinTwice
	case lists > 0 && (secretOnStdin || files > 0):
		return ErrStdinShared
	}
	return nil
}

func count(list []string, s string) (n int) {
	for _, x := range list {
		if x == s {
			n++
		}
	}
	return n
}

// MarkLeaked looks the secrets of v up in each wordlist, reading each
// once (see Verdicts.MarkLeaked).
func (s Sources) MarkLeaked(v *Verdicts) error {
	for _, name := range s.Wordlists {
		if err := s.markLeaked(v, name); err != nil {
			return err
		}
	}
	return nil
}

func (s Sources) markLeaked(v *Verdicts, name string) error {
	if name == "-" {
		return v.MarkLeaked(s.Stdin, "standard input")
	}
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return v.MarkLeaked(f, name)
}
