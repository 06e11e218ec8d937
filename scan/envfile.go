package scan

import (
	"fmt"
	"strings"

	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/internal/secretname"
)

// How a dotenv file's secrets are read, for scan, for Inspect and for
// "jwtkey check --file" alike, so that they never disagree: every variable
// the classifier calls a secret, its last assignment only, the shortest of
// the values the common dotenv readers would read, and what the readers
// disagree on.

// EnvSecret is one secret variable of a dotenv file.
type EnvSecret struct {
	dotenv.Var        // the value is the reading judged: the shortest
	Ambiguous  bool   // the dotenv readers read different values
	Readers    string // with Ambiguous: who reads the judged value
	Skip       bool   // a reference, a path or nothing: not a value to judge
	written    int    // the length of the value as package dotenv reads it
}

// EnvSecrets returns the secrets of a parsed dotenv file, in file order:
// each variable whose name holds a secret (secretNames are the project's
// own signing key names, as Options.SecretNames gives them to Scan), at
// its last assignment, valued at its shortest reading.
func EnvSecrets(f *dotenv.File, secretNames ...string) []EnvSecret {
	secrets, _ := envSecrets(f, secretname.New(secretNames...))
	return secrets
}

// envProblem is an assignment of a secret that no reader agrees on.
type envProblem struct {
	Name   string
	Line   int
	Reason string
}

// envSecrets reads the secrets of a parsed dotenv file, as names
// classifies them.
func envSecrets(f *dotenv.File, names *secretname.Classifier) ([]EnvSecret, []envProblem) {
	var probs []envProblem
	for _, p := range f.Problems() {
		if names.Of(p.Name) != secretname.None {
			probs = append(probs, envProblem{Name: p.Name, Line: p.Line, Reason: p.Reason})
		}
	}
	vars := f.Vars()
	last := make(map[string]int, len(vars))
	for i, v := range vars {
		last[v.Name] = i
	}
	var out []EnvSecret
	for i, v := range vars {
		if names.Of(v.Name) == secretname.None || last[v.Name] != i {
			continue // not a secret, or an assignment a later one overrides
		}
		s := EnvSecret{Var: v, written: len(v.Value)}
		ref, _ := classify(v.Value)
		s.Skip = ref || v.Value != "" && notASecret(v.Value)
		if a := f.Analyze(v); a.Ambiguous {
			s.Ambiguous, s.Value = true, a.Shortest
			var names []string
			for _, d := range a.ShortestBy() {
				names = append(names, d.String())
			}
			s.Readers = strings.Join(names, ", ")
		}
		out = append(out, s)
	}
	return out, probs
}

// ambiguity words what the readers disagree on, without the value.
func (s EnvSecret) ambiguity() string {
	return fmt.Sprintf("dotenv readers disagree on the value of %s: %s read %d characters, judged here", s.Name, s.Readers, len(s.Value))
}

// dotenvSecrets is the dotenv extractor: each secret variable with a
// value, and each one the readers disagree on or cannot read.
func (t *text) dotenvSecrets(r *Rule, out []match) []match {
	f := t.dotenvFile()
	if f == nil {
		// Not text to package dotenv (invalid UTF-8): line by line.
		return t.assignments(r, out)
	}
	secrets, probs := envSecrets(f, t.names)
	lines := t.lineIdx()
	un := ruleByID(RuleUnparseable)
	for _, s := range secrets {
		if s.Skip || s.Value == "" || t.template && isPlaceholder(s.Value) {
			continue
		}
		// The whole value is masked in reports, not just the reading judged.
		start, end := t.valueSpan(lines, s.Line, max(len(s.Value), s.written))
		out = append(out, match{rule: r, key: s.Name, value: s.Value, start: start, end: end})
		if s.Ambiguous {
			out = append(out, match{rule: un, key: s.Name, value: s.Value, start: start, end: end, via: s.ambiguity()})
		}
	}
	for _, p := range probs {
		ls, _ := lines.bounds(t.s, p.Line)
		out = append(out, match{rule: un, key: p.Name, start: ls, end: ls, via: fmt.Sprintf("line %d cannot be parsed: %s", p.Line, p.Reason)})
	}
	return out
}

// valueSpan finds where a value sits on its line: after the "=" and an
// opening quote. Escapes can make the text longer than the value; the
// span is then cut at the line's end.
func (t *text) valueSpan(lines lineIndex, line int, n int) (int, int) {
	ls, le := lines.bounds(t.s, line)
	l := t.s[ls:le]
	i := strings.IndexByte(l, '=')
	if i < 0 {
		return ls, ls
	}
	i = skipSpace(l, i+1)
	if i < len(l) && (l[i] == '"' || l[i] == '\'' || l[i] == '`') {
		i++
	}
	return ls + i, min(le, ls+i+n)
}
