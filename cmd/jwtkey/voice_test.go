package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// snake is the style of every key jwtkey's --json output has.
var snake = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// jsonKeys checks the keys of v at every depth, but those of maps keyed
// by data (variable names) and of JWKs (RFC 7517 names them).
func jsonKeys(t *testing.T, verb string, v any, path string) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if path != ".verdicts" && !snake.MatchString(k) {
				t.Errorf("%s --json: key %s%s is not snake_case", verb, path, k)
			}
			if k != "verdicts" && k != "key" && k != "public" {
				jsonKeys(t, verb, e, "."+k)
			}
		}
	case []any:
		for _, e := range x {
			jsonKeys(t, verb, e, path)
		}
	}
}

// TestJSONEveryVerb runs every verb that reports something with --json:
// standard output is JSON (one object, or an array of findings for scan,
// or one object a line for generate and audit), every key snake_case,
// and no info line on standard error.
func TestJSONEveryVerb(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	t.Setenv("JWT_SECRET", "changeme")
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	tok := "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
	for _, tc := range []struct {
		args  []string
		lines bool // one object a line
		array bool
	}{
		{args: []string{"init", "--json"}},
		{args: []string{"env", "--json", "--force", "--print"}},
		{args: []string{"rotate", "--json"}},
		{args: []string{"retire", "--json"}},
		{args: []string{"generate", "--json", "-n", "2"}, lines: true},
		{args: []string{"generate", "-e", "jwks", "-o", "keys.json"}},
		{args: []string{"rotate", "--jwks", "keys.json", "--json"}},
		{args: []string{"retire", "--jwks", "keys.json", "--json"}},
		{args: []string{"check", "--json", "--env-var", "JWT_SECRET"}},
		{args: []string{"doctor", "--json"}},
		{args: []string{"scan", "--json"}, array: true},
		{args: []string{"version", "--json"}},
		{args: []string{"audit", "--json", tok}, lines: true},
	} {
		var out, errb bytes.Buffer
		code := run(&app{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}, tc.args)
		if code > 1 {
			t.Fatalf("jwtkey %v: exit %d\n%s", tc.args, code, errb.String())
		}
		if !slices.Contains(tc.args, "--json") {
			continue
		}
		for _, l := range strings.Split(errb.String(), "\n") {
			if strings.HasPrefix(l, "jwtkey: ") && !strings.HasPrefix(l, "jwtkey: warning: ") {
				t.Errorf("jwtkey %v --json: an info line on stderr: %q", tc.args, l)
			}
		}
		docs := [][]byte{out.Bytes()}
		if tc.lines {
			docs = bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n"))
		}
		for _, d := range docs {
			var v any
			if err := json.Unmarshal(d, &v); err != nil {
				t.Fatalf("jwtkey %v: %v\n%s", tc.args, err, out.String())
			}
			_, isArray := v.([]any)
			if _, isObject := v.(map[string]any); !isObject && !(tc.array && isArray) {
				t.Errorf("jwtkey %v: stdout is %T, not one object", tc.args, v)
			}
			jsonKeys(t, tc.args[0], v, "")
		}
	}
}

// auditWordlists gives audit the [audit] wordlists of .jwtkey.toml,
// checked up front; a missing one is an error that names the settings
// file.
func TestAuditWordlists(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	os.WriteFile(".jwtkey.toml", []byte("[audit]\nwordlists = [\"words.txt\"]\n"), 0o644)
	os.WriteFile("words.txt", []byte("one\ntwo\n"), 0o644)
	a := &app{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
	names, err := a.auditWordlists()
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 1 || filepath.Base(names[0]) != "words.txt" {
		t.Fatalf("wordlists %q, want words.txt", names)
	}

	os.WriteFile(".jwtkey.toml", []byte("[audit]\nwordlists = [\"gone.txt\"]\n"), 0o644)
	a = &app{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
	if _, err := a.auditWordlists(); err == nil || err.Error() != "wordlist gone.txt (in .jwtkey.toml): no such file or directory" {
		t.Errorf("missing wordlist: %v", err)
	}
}
