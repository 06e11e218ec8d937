package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/keygen"
	"github.com/jwtkey/jwtkey/store"
)

const envLong = `Env puts a new signing key into a dotenv file: JWT_SECRET=<64 hex
characters> in .env by default. The key is never printed unless --print.

Files (FILE, or --env):
  FILE              the dotenv file; default .env
  --env NAME        .env.NAME in --dir: development, production, test,
                    staging, local, production.local… Repeat it, or give a
                    comma-separated list, to provision several environments
                    at once: each gets its own key. Every file is checked
                    before any is written.

What is written (--name, --for, --alg, --bytes, --encoding):
  The variable is JWT_SECRET, or the one the framework of --for reads. The
  key is 32 random bytes (HS256) in hex, or what --for says; --alg HS384 or
  HS512 asks for 48 or 64 bytes; -e base64 or base64url changes the text.
  Presets (jwtkey env --for NAME):
    node     JWT_SECRET       32 bytes, hex; the string is the key
    spring   JWT_SECRET       32 bytes, base64; jjwt decodes it
    authjs   AUTH_SECRET      32 bytes, base64
    django   SIGNING_KEY      32 bytes, hex
    rails    SECRET_KEY_BASE  64 bytes, hex
    laravel  JWT_SECRET       32 bytes, hex
    go       JWT_SECRET       32 bytes, hex; []byte(secret) is the key

How the file is changed:
  A new file is created with mode 0600. In an existing file only the line
  of that variable changes, or one line is added; comments, blank lines,
  order, quoting, "export ", CRLF line endings and a missing final newline
  stay as they were. A variable that already has a value is refused: use
  "jwtkey rotate" to keep the old key for an overlap, or --force to replace
  it. The write is atomic (temporary file, fsync, rename) and keeps the
  file's mode. A FILE that is a symbolic link is written through: the file
  it points to is replaced, the link stays.

Git (when the file is in a git work tree; git itself is asked):
  tracked by git    refused: the key in it is in the history; untrack the
                    file and treat its key as exposed
  not ignored       a pattern for it ("/.env") is added to the work tree's
                    .gitignore first, and reported; --no-gitignore skips
                    that, with a warning
  no git installed  a warning that the checks were skipped

Security considerations:
  --print sends the key to standard output as well; a terminal keeps it
  in its scroll-back. A key that was ever committed, pasted or shared is
  exposed: replace it (jwtkey rotate), do not reuse it.

Exit status: 0 the key was written; 2 a refusal, usage or I/O error (every
file is then left as it was).`

const envExamples = `  jwtkey env                          # JWT_SECRET into .env
  jwtkey env --env development,production,test
  jwtkey env --for spring .env.local
  jwtkey env --for rails --env production
  jwtkey env --name API_JWT_SECRET --alg HS512 config/.env`

const rotateLong = `Rotate replaces a key while the old one keeps working for a while.

For a dotenv file (FILE, default .env, or --env NAME): the current value of
the variable moves to NAME_PREVIOUS (--previous to choose another name),
on the line after it, and a new key takes its place. An older previous
value, from a rotation never retired, is overwritten, with a warning.

For a key set (--jwks FILE): a new key with a new kid goes first in the
set, the others stay. The new key is for --alg, or for the "alg" of the
set's first key. The set must hold private keys or secrets.

Then, in this order:
  1. deploy: sign with the new key; accept the new and the previous one
  2. wait for the longest lifetime of a token signed with the old key
     (the longest "exp", refresh tokens included)
  3. jwtkey retire: remove the old key

Security considerations:
  Rotating because a key leaked is different: the leaked key must stop
  being accepted at once, not after an overlap. Rotate, then retire
  straight away, and accept that tokens signed with it stop working.
  The new key is written like "jwtkey env" writes one: atomically, mode
  0600 for new files, never printed unless --print.

Exit status: 0 rotated; 2 a refusal, usage or I/O error (the file is then
left as it was).`

const rotateExamples = `  jwtkey rotate                       # .env: JWT_SECRET -> JWT_SECRET_PREVIOUS
  jwtkey rotate --env production --for rails
  jwtkey rotate --jwks keys.json      # add a key, keep the old ones
  jwtkey retire --env production      # later: drop the previous key`

const retireLong = `Retire removes the old key after a rotation, once no token signed with
it can still be valid.

For a dotenv file (FILE, default .env, or --env NAME) it removes
NAME_PREVIOUS (or --previous). For a key set (--jwks FILE) it removes the
keys given with --kid, or all but the first (the newest) without --kid; the
last key is never removed.

Security considerations:
  Until retire runs, tokens signed with the old key are still accepted:
  whoever holds it can still forge them. Retire once the longest token
  lifetime has passed, and at once if the old key leaked.

Exit status: 0 retired; 2 nothing to retire, a usage or I/O error.`

type storeOptions struct {
	envs        []string
	dir         string
	name        string
	previous    string
	preset      string
	alg         string
	bytes       int
	encoding    string
	force       bool
	print       bool
	noGitignore bool
	jwks        string
	kids        []string
}

func (o *storeOptions) registerTarget(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringSliceVar(&o.envs, "env", nil, "environment: write .env.NAME in --dir (repeatable, or comma-separated)")
	f.StringVar(&o.dir, "dir", ".", "directory of the --env files")
	f.StringVar(&o.name, "name", "", "variable name (default JWT_SECRET, or the --for preset's)")
	f.StringVar(&o.preset, "for", "", "framework preset: "+strings.Join(store.PresetNames(), "|"))
	f.BoolVar(&o.noGitignore, "no-gitignore", false, "do not add the file to .gitignore when git does not ignore it")
	cmd.RegisterFlagCompletionFunc("for", cobra.FixedCompletions(store.PresetNames(), cobra.ShellCompDirectiveNoFileComp))
}

func (o *storeOptions) registerKey(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVarP(&o.alg, "alg", "a", "", "HMAC algorithm the key is for: HS256|HS384|HS512 (sets the size)")
	f.IntVar(&o.bytes, "bytes", 0, "key size in random bytes (at least 32)")
	f.StringVarP(&o.encoding, "encoding", "e", "", "hex|base64|base64url (default hex, or the --for preset's)")
}

func (a *app) storeCommands() []*cobra.Command {
	return []*cobra.Command{a.envCmd(), a.rotateCmd(), a.retireCmd(), a.doctorCmd()}
}

func (a *app) envCmd() *cobra.Command {
	var o storeOptions
	cmd := &cobra.Command{
		Use:     "env [FILE]",
		Short:   "Write a new key into a .env file, safely",
		Long:    envLong,
		Example: envExamples,
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.env(cmd, &o, args)
		},
	}
	o.registerTarget(cmd)
	o.registerKey(cmd)
	f := cmd.Flags()
	f.BoolVar(&o.force, "force", false, "replace a value the variable already has")
	f.BoolVar(&o.print, "print", false, "also print the key to standard output")
	return cmd
}

func (a *app) rotateCmd() *cobra.Command {
	var o storeOptions
	cmd := &cobra.Command{
		Use:     "rotate [FILE]",
		Short:   "Replace a key, keeping the old one for an overlap",
		Long:    rotateLong,
		Example: rotateExamples,
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.rotate(cmd, &o, args)
		},
	}
	o.registerTarget(cmd)
	o.registerKey(cmd)
	f := cmd.Flags()
	f.StringVar(&o.previous, "previous", "", "variable for the old key (default NAME_PREVIOUS)")
	f.BoolVar(&o.print, "print", false, "also print the new key to standard output")
	f.StringVar(&o.jwks, "jwks", "", "rotate this JSON Web Key Set file instead of a dotenv file")
	return cmd
}

func (a *app) retireCmd() *cobra.Command {
	var o storeOptions
	cmd := &cobra.Command{
		Use:     "retire [FILE]",
		Short:   "Remove the old key after a rotation",
		Long:    retireLong,
		Example: rotateExamples,
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.retire(cmd, &o, args)
		},
	}
	o.registerTarget(cmd)
	f := cmd.Flags()
	f.StringVar(&o.previous, "previous", "", "variable holding the old key (default NAME_PREVIOUS)")
	f.StringVar(&o.jwks, "jwks", "", "retire keys from this JSON Web Key Set file instead")
	f.StringSliceVar(&o.kids, "kid", nil, "with --jwks: key IDs to remove (default all but the first)")
	return cmd
}

// files returns the dotenv files a verb works on: FILE, the --env files,
// or .env.
func (o *storeOptions) files(args []string) ([]string, error) {
	if len(o.envs) > 0 {
		if len(args) > 0 {
			return nil, usageErrorf("give FILE or --env, not both")
		}
		var files []string
		for _, env := range o.envs {
			f, err := store.EnvFile(o.dir, strings.TrimSpace(env))
			if err != nil {
				return nil, &cliError{code: exitError, err: err}
			}
			files = append(files, f)
		}
		return files, nil
	}
	if len(args) == 1 {
		return args, nil
	}
	return []string{filepath.Join(o.dir, ".env")}, nil
}

// options turns the flags into store.Options.
func (o *storeOptions) options(cmd *cobra.Command) (store.Options, error) {
	so := store.Options{Name: o.name, Previous: o.previous, Force: o.force, NoGitignore: o.noGitignore}
	if o.preset != "" {
		p, err := store.LookupPreset(o.preset)
		if err != nil {
			return so, withHint(usageErrorf("unknown framework %q", o.preset), "choose one of %s", strings.Join(store.PresetNames(), ", "))
		}
		so.Preset = &p
	}
	if o.name != "" && !dotenv.ValidName(o.name) {
		return so, withHint(usageErrorf("%q is not a valid variable name", o.name), "use letters, digits and underscores, not starting with a digit, e.g. JWT_SECRET")
	}
	if o.previous != "" && !dotenv.ValidName(o.previous) {
		return so, withHint(usageErrorf("%q is not a valid variable name", o.previous), "use letters, digits and underscores, not starting with a digit")
	}
	flags := cmd.Flags()
	if flags.Lookup("alg") == nil {
		return so, nil
	}
	if flags.Changed("alg") && flags.Changed("bytes") {
		return so, usageErrorf("--alg and --bytes both set the size: give one")
	}
	if o.alg != "" {
		alg, err := keygen.ParseAlgorithm(o.alg)
		if err != nil || !alg.IsHMAC() {
			if o.jwks == "" {
				return so, withHint(usageErrorf("a .env key is an HMAC secret: --alg %s does not apply", o.alg), "use HS256, HS384 or HS512; key pairs go in a key set (--jwks) or a PEM file (jwtkey generate)")
			}
		} else {
			so.Size = max(alg.HashSize(), presetSize(so.Preset))
		}
	}
	if o.bytes != 0 {
		if o.bytes < 32 || o.bytes > keygen.MaxHMACSize {
			return so, usageErrorf("--bytes must be between 32 and %d, not %d", keygen.MaxHMACSize, o.bytes)
		}
		so.Size = o.bytes
	}
	if o.encoding != "" {
		enc, err := keygen.ParseEncoding(o.encoding)
		if err != nil || (enc != keygen.Hex && enc != keygen.Base64 && enc != keygen.Base64URL) {
			return so, withHint(usageErrorf("a .env value cannot hold a %q key", o.encoding), "use -e hex, base64 or base64url")
		}
		so.Encoding = enc
	}
	return so, nil
}

func presetSize(p *store.Preset) int {
	if p == nil {
		return store.DefaultPreset.Size
	}
	return p.Size
}

func (a *app) env(cmd *cobra.Command, o *storeOptions, args []string) error {
	files, err := o.files(args)
	if err != nil {
		return err
	}
	so, err := o.options(cmd)
	if err != nil {
		return err
	}
	results, err := store.WriteAll(files, so)
	for _, r := range results {
		a.reportGit(r.File, r.Git)
		switch {
		case r.Created:
			a.infof("wrote %s to %s (new file, mode 0600)", r.Name, r.File)
		case r.Replaced:
			a.infof("replaced %s in %s", r.Name, r.File)
		default:
			a.infof("wrote %s to %s", r.Name, r.File)
		}
		a.warnMode(r.File, r.Mode)
		if o.print {
			fmt.Fprintln(a.stdout, r.Key)
		}
	}
	if err != nil {
		return a.storeError(err, so)
	}
	if so.Preset != nil {
		a.hintf("%s: %s", so.Preset.Framework, so.Preset.Reads)
	}
	return nil
}

func (a *app) rotate(cmd *cobra.Command, o *storeOptions, args []string) error {
	if o.jwks != "" {
		return a.rotateJWKS(cmd, o, args)
	}
	files, err := o.files(args)
	if err != nil {
		return err
	}
	so, err := o.options(cmd)
	if err != nil {
		return err
	}
	for _, f := range files {
		r, err := store.Rotate(f, so)
		if err != nil {
			return a.storeError(err, so)
		}
		a.reportGit(r.File, r.Git)
		a.infof("rotated %s in %s: the old key is now %s", r.Name, r.File, r.Previous)
		if r.DroppedPrevious {
			a.warningf("the earlier %s in %s was overwritten: tokens signed with it no longer verify", r.Previous, r.File)
		}
		a.warnMode(r.File, r.Mode)
		if o.print {
			fmt.Fprintln(a.stdout, r.Key)
		}
	}
	name, prev := varNames(so)
	a.infof("next steps:")
	a.infof("  1. deploy: sign with %s; accept tokens signed with %s or %s", name, name, prev)
	a.infof("  2. wait for the longest lifetime of a token signed with the old key (refresh tokens included)")
	a.infof("  3. remove the old key: %s", strings.TrimSpace("jwtkey retire "+retireArgs(o, args)))
	return nil
}

// varNames returns the current and previous variable names so will use.
func varNames(so store.Options) (name, previous string) {
	name, previous = so.Name, so.Previous
	if name == "" {
		name = store.DefaultPreset.Var
		if so.Preset != nil {
			name = so.Preset.Var
		}
	}
	if previous == "" {
		previous = name + "_PREVIOUS"
	}
	return name, previous
}

func retireArgs(o *storeOptions, args []string) string {
	var s []string
	for _, e := range o.envs {
		s = append(s, "--env "+e)
	}
	if o.dir != "." && len(o.envs) > 0 {
		s = append(s, "--dir "+o.dir)
	}
	s = append(s, args...)
	if o.name != "" {
		s = append(s, "--name "+o.name)
	}
	if o.preset != "" {
		s = append(s, "--for "+o.preset)
	}
	if o.previous != "" {
		s = append(s, "--previous "+o.previous)
	}
	return strings.Join(s, " ")
}

func (a *app) rotateJWKS(cmd *cobra.Command, o *storeOptions, args []string) error {
	if len(args) > 0 || len(o.envs) > 0 || o.name != "" || o.preset != "" || o.previous != "" || o.encoding != "" || o.bytes != 0 {
		return usageErrorf("--jwks rotates a key set: FILE, --env, --name, --for, --previous, --encoding and --bytes do not apply")
	}
	if o.print {
		return usageErrorf("--print does not apply to --jwks: the keys are in the set")
	}
	var alg keygen.Algorithm
	if o.alg != "" {
		var err error
		if alg, err = keygen.ParseAlgorithm(o.alg); err != nil {
			return withHint(usageErrorf("unknown algorithm %q", o.alg), "choose one of %s", strings.Join(algNames(), ", "))
		}
	}
	r, err := store.RotateJWKS(o.jwks, alg, o.noGitignore)
	if err != nil {
		return a.storeError(err, store.Options{})
	}
	a.reportGit(r.File, r.Git)
	a.infof("added %s key %s to %s; %d older kept: %s", r.Alg, r.KID, r.File, len(r.Kept)-1, strings.Join(r.Kept[1:], ", "))
	a.infof("next steps:")
	a.infof("  1. deploy the set: sign with the first key (kid %s); publish the public keys of all", r.KID)
	a.infof("  2. wait for the longest lifetime of a token signed with an older key (refresh tokens included)")
	a.infof("  3. remove the older keys: jwtkey retire --jwks %s", r.File)
	return nil
}

func (a *app) retire(cmd *cobra.Command, o *storeOptions, args []string) error {
	if o.jwks != "" {
		if len(args) > 0 || len(o.envs) > 0 || o.name != "" || o.preset != "" || o.previous != "" {
			return usageErrorf("--jwks retires keys from a key set: FILE, --env, --name, --for and --previous do not apply")
		}
		r, err := store.RetireJWKS(o.jwks, o.kids, o.noGitignore)
		if err != nil {
			return a.storeError(err, store.Options{})
		}
		a.reportGit(r.File, r.Git)
		a.infof("removed %s from %s; kept %s", strings.Join(r.Removed, ", "), r.File, strings.Join(r.Kept, ", "))
		return nil
	}
	if len(o.kids) > 0 {
		return usageErrorf("--kid only applies with --jwks")
	}
	files, err := o.files(args)
	if err != nil {
		return err
	}
	so, err := o.options(cmd)
	if err != nil {
		return err
	}
	for _, f := range files {
		r, err := store.Retire(f, so)
		if err != nil {
			return a.storeError(err, so)
		}
		a.reportGit(r.File, r.Git)
		a.infof("removed %s from %s", r.Previous, r.File)
	}
	return nil
}

// reportGit says what the git check did or why it could not.
func (a *app) reportGit(file string, g store.GitStatus) {
	switch {
	case errors.Is(g.Skipped, store.ErrNoGit):
		a.warningf("git is not installed: the git checks for %s (tracked? ignored?) were skipped", file)
	case g.Skipped != nil:
		a.warningf("the git checks for %s were skipped: %s", file, g.Skipped)
	case g.Pattern != "":
		a.infof("added %q to %s so that git ignores %s", g.Pattern, displayPath(g.IgnoreFile), file)
	case g.NotIgnored:
		a.warningf("git does not ignore %s: \"git add .\" would commit the key", file)
	}
}

// displayPath shows an absolute path relative to the working directory
// when it is below it.
func displayPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if real, err := filepath.EvalSymlinks(wd); err == nil {
		wd = real
	}
	if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return p
}

func (a *app) warnMode(file string, mode fs.FileMode) {
	if mode&0o077 != 0 {
		a.warningf("%s has mode %#o, so other users can read the key: chmod 600 %s", file, mode, file)
	}
}

// storeError turns a store error into an exit status 2 error with a hint
// for the refusals a person can act on.
func (a *app) storeError(err error, so store.Options) error {
	fail := &cliError{code: exitError, err: err}
	var te *store.TrackedError
	switch {
	case errors.As(err, &te):
		fail.err = fmt.Errorf("%s is tracked by git: refusing to write a key into it", te.File)
		return withHint(withHint(fail,
			"untrack it and keep it out: git rm --cached %s; add it to .gitignore; commit", te.File),
			"treat every key that was in it as exposed: it is in the repository's history; after untracking, replace it (jwtkey env --force, or jwtkey rotate) and revoke tokens signed with it")
	case errors.Is(err, store.ErrValueSet):
		_, prev := varNames(so)
		return withHint(fail, "to replace it, run 'jwtkey rotate' (keeps the old key as %s for an overlap) or add --force", prev)
	case errors.Is(err, store.ErrReadOnly):
		return withHint(fail, "the file was left alone; make it writable (chmod u+w) if it should change")
	case errors.Is(err, dotenv.ErrNotText):
		return withHint(fail, "a .env file is text: is this the right file?")
	case errors.Is(err, dotenv.ErrInvalidName):
		return withHint(fail, "use letters, digits and underscores, not starting with a digit, e.g. JWT_SECRET")
	case errors.Is(err, dotenv.ErrUnreadable):
		return withHint(fail, "the file was left alone")
	case errors.Is(err, store.ErrNothingToRotate):
		return withHint(fail, "'jwtkey env' writes a first key; 'jwtkey retire' only follows a rotation")
	}
	return fail
}
