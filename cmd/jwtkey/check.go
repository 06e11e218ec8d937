package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"

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
	var items []scan.Checked
	switch {
	case len(args) > 0 && args[0] != "-":
		a.warningf("a secret given as an argument lands in shell history and the process list; pipe it on stdin instead")
		items = append(items, scan.Checked{Source: "argument", Secret: a.unwrap("argument", []byte(args[0]))})
	case len(o.envVars) > 0 || len(o.files) > 0:
		for _, name := range o.envVars {
			v, ok := os.LookupEnv(name)
			if !ok {
				return usageErrorf("environment variable %s is not set", name)
			}
			items = append(items, scan.Checked{Source: "$" + name, Name: name, Secret: a.unwrap("$"+name, []byte(v))})
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
		items = append(items, scan.Checked{Source: "stdin", Secret: a.unwrap("stdin", secret)})
	}

	v, err := scan.Judge(items)
	if err != nil {
		return err
	}
	for _, wl := range wordlists {
		if err := a.markLeaked(v, wl); err != nil {
			return err
		}
	}
	if o.json {
		if err := v.WriteJSON(a.stdout); err != nil {
			return fmt.Errorf("writing the verdict: %w", err)
		}
	} else {
		v.WriteText(a.stdout)
	}
	if v.Worst() != strength.Strong {
		return errFinding
	}
	return nil
}

// readSecret reads one secret from stdin: without echo from a terminal,
// else as scan.ReadSecret reads a stream.
func (a *app) readSecret() ([]byte, error) {
	if f, ok := a.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		a.promptf("secret (not shown as you type):")
		b, err := term.ReadPassword(int(f.Fd()))
		if err != nil {
			return nil, fmt.Errorf("reading the secret: %w", err)
		}
		return b, nil
	}
	b, err := scan.ReadSecret(a.stdin)
	switch {
	case errors.Is(err, scan.ErrSecretTooLong):
		return nil, withHint(usageErrorf("stdin holds more than %d bytes: that is not one secret", strength.MaxLength),
			"HMAC hashes keys longer than its block size, so longer secrets add nothing")
	case err != nil:
		return nil, fmt.Errorf("reading the secret from stdin: %w", err)
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

// secretsInFile reads the secrets of a .env file (- for standard input)
// to check, and warns about those it passes over.
func (a *app) secretsInFile(file string, keys []string, secretNames []string) ([]scan.Checked, error) {
	data, err := a.readSmallFile(file, maxEnvFile)
	if err != nil {
		return nil, err
	}
	if file == "-" {
		file = scan.StdinName
	}
	out, skipped, err := scan.EnvFileSecrets(data, file, keys, secretNames)
	for _, s := range skipped {
		a.warningf("%s", s)
	}
	var unset *scan.UnsetError
	switch {
	case errors.As(err, &unset):
		return nil, withHint(usageErrorf("%s is not set in %s", unset.Name, file), "check the name, or drop --key to check every secret-looking variable")
	case errors.Is(err, scan.ErrNoEnvSecrets):
		return nil, withHint(usageErrorf("%s has no secret-looking variables to check", file), "name the variable with --key NAME")
	}
	return out, err
}

// readSmallFile reads a file, or standard input for "-", refusing one
// larger than limit.
func (a *app) readSmallFile(file string, limit int64) ([]byte, error) {
	r, name, err := a.open(file)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if int64(len(data)) > limit {
		return nil, usageErrorf("%s is larger than %d KiB: not a .env file", name, limit>>10)
	}
	return data, nil
}

// open opens a file named on the command line, or standard input for
// "-"; name is how messages call it.
func (a *app) open(file string) (r io.ReadCloser, name string, err error) {
	if file == "-" {
		return io.NopCloser(a.stdin), "standard input", nil
	}
	f, err := os.Open(file)
	return f, file, err
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

// markLeaked reads a wordlist (- for standard input) once and marks the
// secrets found in it.
func (a *app) markLeaked(v *scan.Verdicts, wordlist string) error {
	r, name, err := a.open(wordlist)
	if err != nil {
		return err
	}
	defer r.Close()
	return v.MarkLeaked(r, name)
}
