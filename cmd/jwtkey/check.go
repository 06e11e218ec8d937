package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/jwtkey/jwtkey/scan"
	"github.com/jwtkey/jwtkey/strength"
)

// checkOptions are check's flags; all but --json say where the secrets
// and the lists of leaked ones come from, and are read into scan.Sources.
type checkOptions struct {
	src  scan.Sources
	json bool
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
	f.StringArrayVar(&o.src.EnvVars, "env-var", nil, "check the secret in this environment variable (repeatable)")
	f.StringArrayVar(&o.src.Files, "file", nil, "check the secret-looking variables of this .env file (repeatable; - for standard input)")
	f.StringArrayVar(&o.src.Keys, "key", nil, "with --file: check only this variable (repeatable)")
	f.StringArrayVar(&o.src.Wordlists, "wordlist", nil, "a file of known leaked secrets, one a line (repeatable; added to [check] wordlists)")
	f.BoolVar(&o.json, "json", false, "print the verdicts as JSON")
	return []*cobra.Command{cmd}
}

func (a *app) check(o *checkOptions, args []string) error {
	src := &o.src
	given := len(src.EnvVars) > 0 || len(src.Files) > 0
	switch err := src.Validate(!given && (len(args) == 0 || args[0] == "-")); {
	case len(src.Keys) > 0 && len(src.Files) == 0:
		return withHint(usageErrorf("--key names a variable in a .env file: give the file with --file"), "for an environment variable use --env-var NAME")
	case len(args) > 0 && given:
		return usageErrorf("give the secret as an argument, or with --env-var or --file, not both")
	case errors.Is(err, scan.ErrStdinTwice):
		return usageErrorf("standard input can be read once: give - once")
	case errors.Is(err, scan.ErrStdinShared):
		return withHint(usageErrorf("standard input cannot hold both the secrets and the wordlist"),
			"give the secret with --env-var NAME or --file FILE, or the wordlist as a file")
	}
	c, err := a.projectConfig(".")
	if err != nil {
		return err
	}
	if src.Wordlists, err = a.checkWordlists(src.Wordlists); err != nil {
		return err
	}
	src.SecretNames, src.Stdin = c.Scan.SecretNames, a.stdin
	var items []scan.Checked
	switch {
	case len(args) > 0 && args[0] != "-":
		a.warningf("a secret given as an argument lands in shell history and the process list; pipe it on stdin instead")
		items = append(items, a.given("argument", []byte(args[0])))
	case given:
		got, notes, err := src.Read()
		a.say(notes)
		if err != nil {
			return sourceError(err)
		}
		items = got
	default:
		secret, err := a.readSecret()
		if err != nil {
			return err
		}
		items = append(items, a.given("stdin", secret))
	}

	v, err := scan.Judge(items)
	if err != nil {
		return err
	}
	if err := src.MarkLeaked(v); err != nil {
		return err
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
	b, err := scan.ReadSecret(a.stdin, "stdin")
	if errors.Is(err, scan.ErrSecretTooLong) {
		return nil, withHint(usageErrorf("stdin holds more than %d bytes: that is not one secret", strength.MaxLength),
			"HMAC hashes keys longer than its block size, so longer secrets add nothing")
	}
	return b, err
}

// given takes a secret given whole, joining a key printed over several
// lines, and says so.
func (a *app) given(source string, secret []byte) scan.Checked {
	c, n := scan.Given(source, "", secret)
	a.say(n)
	return c
}

// sourceError words the errors of reading the secrets to check.
func sourceError(err error) error {
	var unset *scan.UnsetError
	var none *scan.NoSecretsError
	var big *scan.TooLargeError
	switch {
	case errors.As(err, &unset) && unset.File == "":
		return usageErrorf("environment variable %s is not set", unset.Name)
	case errors.As(err, &unset):
		return withHint(usageErrorf("%s is not set in %s", unset.Name, unset.File), "check the name, or drop --key to check every secret-looking variable")
	case errors.As(err, &none):
		return withHint(usageErrorf("%s has no secret-looking variables to check", none.File), "name the variable with --key NAME")
	case errors.As(err, &big):
		return usageErrorf("%s is larger than %d KiB: not a .env file", big.Name, scan.MaxEnvFile>>10)
	}
	return err
}
