package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/scan"
	"github.com/jwtkey/jwtkey/strength"
)

// maxEnvFile bounds what --file reads: a .env file is small, and anything
// bigger is the wrong file.
const maxEnvFile = 1 << 20

type checkOptions struct {
	envVars   []string
	files     []string
	keys      []string
	wordlists []string
	json      bool
}

// checked is one secret with where it came from.
type checked struct {
	source string
	file   string // the .env file it was read from, or ""
	name   string // the variable, or ""
	secret []byte
	result strength.Result
}

func (a *app) checkCommands() []*cobra.Command {
	var o checkOptions
	cmd := &cobra.Command{
		Use:     "check [SECRET]",
		Short:   "Judge whether a secret can be guessed, and say why",
		Long:    manual("check"),
		Example: manual("check.examples"),
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.check(&o, args)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.envVars, "env-var", nil, "check the secret in this environment variable (repeatable)")
	f.StringArrayVar(&o.files, "file", nil, "check the secret-looking variables of this .env file (repeatable; - for standard input)")
	f.StringArrayVar(&o.keys, "key", nil, "with --file: check only this variable (repeatable)")
	f.StringArrayVar(&o.wordlists, "wordlist", nil, "a file of known leaked secrets, one a line (repeatable; added to [check] wordlists)")
	f.BoolVar(&o.json, "json", false, "print the verdicts as JSON")
	return []*cobra.Command{cmd}
}

func (a *app) check(o *checkOptions, args []string) error {
	if len(o.keys) > 0 && len(o.files) == 0 {
		return withHint(usageErrorf("--key names a variable in a .env file: give the file with --file"), "for an environment variable use --env-var NAME")
	}
	if len(args) > 0 && (len(o.envVars) > 0 || len(o.files) > 0) {
		return usageErrorf("give the secret as an argument, or with --env-var or --file, not both")
	}
	if err := o.checkStdin(args); err != nil {
		return err
	}
	c, err := a.projectConfig(".")
	if err != nil {
		return err
	}
	wordlists, err := a.checkWordlists(o.wordlists)
	if err != nil {
		return err
	}
	var items []checked
	switch {
	case len(args) > 0 && args[0] != "-":
		a.warningf("a secret given as an argument lands in shell history and the process list; pipe it on stdin instead")
		items = append(items, checked{source: "argument", secret: a.unwrap("argument", []byte(args[0]))})
	case len(o.envVars) > 0 || len(o.files) > 0:
		for _, name := range o.envVars {
			v, ok := os.LookupEnv(name)
			if !ok {
				return usageErrorf("environment variable %s is not set", name)
			}
			items = append(items, checked{source: "$" + name, name: name, secret: a.unwrap("$"+name, []byte(v))})
		}
		for _, file := range o.files {
			got, err := a.secretsInFile(file, o.keys, c.Scan.SecretNames)
			if err != nil {
				return err
			}
			items = append(items, got...)
		}
	default:
		secret, err := a.readSecret()
		if err != nil {
			return err
		}
		items = append(items, checked{source: "stdin", secret: a.unwrap("stdin", secret)})
	}

	for i := range items {
		r, err := strength.Check(items[i].secret)
		if err != nil {
			return &cliError{code: exitError, err: fmt.Errorf("%s: %w", items[i].source, err)}
		}
		items[i].result = r
	}
	if err := a.markLeaked(items, wordlists); err != nil {
		return err
	}
	shared := sharedSecrets(items)

	if o.json {
		if err := a.printCheckJSON(items, shared); err != nil {
			return err
		}
	} else {
		a.printCheck(items, shared)
	}
	if len(shared) > 0 {
		return errFinding
	}
	for _, it := range items {
		if it.result.Verdict != strength.Strong {
			return errFinding
		}
	}
	return nil
}

// readSecret reads one secret from stdin: without echo from a terminal,
// else at most a little more than strength.MaxLength bytes, so a huge
// stream is refused without being read.
func (a *app) readSecret() ([]byte, error) {
	if f, ok := a.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		a.promptf("secret (not shown as you type):")
		b, err := term.ReadPassword(int(f.Fd()))
		if err != nil {
			return nil, &cliError{code: exitError, err: fmt.Errorf("reading the secret: %w", err)}
		}
		return b, nil
	}
	b, err := io.ReadAll(io.LimitReader(a.stdin, strength.MaxLength+3))
	if err != nil {
		return nil, &cliError{code: exitError, err: fmt.Errorf("reading the secret from stdin: %w", err)}
	}
	b = trimNewline(b)
	if len(b) > strength.MaxLength {
		return nil, withHint(usageErrorf("stdin holds more than %d bytes: that is not one secret", strength.MaxLength),
			"HMAC hashes keys longer than its block size, so longer secrets add nothing")
	}
	return b, nil
}

// unwrap joins a key printed over several lines (openssl rand -base64 64
// wraps at 64 characters) and says that as printed it holds line breaks.
func (a *app) unwrap(source string, secret []byte) []byte {
	joined, ok := strength.Unwrap(secret)
	if !ok {
		return secret
	}
	a.warningf("%s: the key is printed over %d lines; judged as one. Pasted as printed, the line breaks are part of the secret",
		source, bytes.Count(bytes.TrimRight(secret, "\r\n"), []byte("\n"))+1)
	a.hintf("print it on one line: openssl rand -base64 64 | tr -d '\\n' (or openssl rand -base64 -A 64)")
	return joined
}

func trimNewline(b []byte) []byte {
	if bytes.HasSuffix(b, []byte("\r\n")) {
		return b[:len(b)-2]
	}
	return bytes.TrimSuffix(b, []byte("\n"))
}

func (a *app) secretsInFile(file string, keys []string, secretNames []string) ([]checked, error) {
	data, err := a.readSmallFile(file, maxEnvFile)
	if err != nil {
		return nil, err
	}
	if file == "-" {
		file = scan.StdinName
	}
	f, err := dotenv.Parse(data)
	if err != nil {
		return nil, &cliError{code: exitError, err: fmt.Errorf("%s: %w", file, err)}
	}
	vars := f.Vars()
	var out []checked
	if len(keys) > 0 {
		seen := map[string]bool{}
		for _, k := range keys {
			if seen[k] {
				continue
			}
			seen[k] = true
			v, ok := f.Lookup(k)
			if !ok {
				return nil, withHint(usageErrorf("%s is not set in %s", k, file), "check the name, or drop --key to check every secret-looking variable")
			}
			line := 0
			for _, x := range vars {
				if x.Name == k {
					line = x.Line
				}
			}
			out = append(out, checked{source: fmt.Sprintf("%s:%d %s", file, line, k), file: file, name: k, secret: []byte(v)})
		}
		return out, nil
	}
	for _, v := range scan.EnvSecrets(f, secretNames...) {
		src := fmt.Sprintf("%s:%d %s", file, v.Line, v.Name)
		if v.Skip {
			// doctor and scan pass over it too: no value to judge.
			a.warningf("%s: skipped: a reference, a path or a flag, not a secret value", src)
			continue
		}
		if v.Ambiguous {
			a.warningf("%s: unparseable: dotenv readers disagree on the value (%s read %d characters); judging the shortest reading", src, v.Readers, len(v.Value))
		}
		if strings.HasPrefix(strings.TrimSpace(v.Value), "-----BEGIN") {
			a.warningf("%s: skipped: a PEM key, not an HMAC secret", src)
			continue
		}
		if _, err := strength.Check([]byte(v.Value)); err != nil {
			a.warningf("%s: skipped: %s", src, err)
			continue
		}
		out = append(out, checked{source: src, file: file, name: v.Name, secret: []byte(v.Value)})
	}
	if len(out) == 0 {
		return nil, withHint(usageErrorf("%s has no secret-looking variables to check", file), "name the variable with --key NAME")
	}
	return out, nil
}

func (a *app) readSmallFile(name string, limit int64) ([]byte, error) {
	var r io.Reader = a.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, &cliError{code: exitError, err: err}
		}
		defer f.Close()
		r = f
	} else {
		name = "standard input"
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, &cliError{code: exitError, err: fmt.Errorf("reading %s: %w", name, err)}
	}
	if int64(len(data)) > limit {
		return nil, usageErrorf("%s is larger than %d KiB: not a .env file", name, limit>>10)
	}
	return data, nil
}

// checkStdin refuses two readers of standard input: the secret (no
// argument, or -), a --file -, and a --wordlist -.
func (o *checkOptions) checkStdin(args []string) error {
	secret := len(o.envVars) == 0 && len(o.files) == 0 && (len(args) == 0 || args[0] == "-")
	readers := 0
	for _, f := range o.files {
		if f == "-" {
			readers++
		}
	}
	lists := 0
	for _, w := range o.wordlists {
		if w == "-" {
			lists++
		}
	}
	switch {
	case readers > 1 || lists > 1:
		return usageErrorf("standard input can be read once: give - once")
	case lists > 0 && (secret || readers > 0):
		return withHint(usageErrorf("standard input cannot hold both the secrets and the wordlist"),
			"give the secret with --env-var NAME or --file FILE, or the wordlist as a file")
	}
	return nil
}

// markLeaked streams each wordlist once and marks the secrets found in it.
func (a *app) markLeaked(items []checked, wordlists []string) error {
	secrets := make([][]byte, len(items))
	for i, it := range items {
		secrets[i] = it.secret
	}
	for _, wl := range wordlists {
		var r io.Reader = a.stdin
		closeWL := func() {}
		if wl != "-" {
			f, err := os.Open(wl)
			if err != nil {
				return &cliError{code: exitError, err: err}
			}
			r, closeWL = f, func() { f.Close() }
		} else {
			wl = "standard input"
		}
		lines, err := strength.FindInWordlist(r, secrets...)
		closeWL()
		if err != nil {
			return &cliError{code: exitError, err: fmt.Errorf("%s: %w", wl, err)}
		}
		for i, line := range lines {
			if line > 0 && items[i].result.Verdict != strength.Compromised {
				items[i].result.MarkLeaked(fmt.Sprintf("%s (line %d)", wl, line))
			}
		}
	}
	return nil
}
