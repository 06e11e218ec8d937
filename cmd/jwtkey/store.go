package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jwtkey/jwtkey/preset"
	"github.com/jwtkey/jwtkey/store"
)

type storeOptions struct {
	// The flags that are store options as they are: --force, --bytes,
	// --no-gitignore, --keep-mode, --insecure, --lock-timeout.
	store.Options

	// The flags that the settings file can give too (applyConfig).
	envs     []string
	dir      string
	name     string
	previous string
	preset   string
	alg      string
	encoding string

	print bool
	jwks  string
	kids  []string
	json  bool

	fromConfig map[string]string // flag → the settings file it came from
}

func (o *storeOptions) registerTarget(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringSliceVar(&o.envs, "env", nil, "environment: write .env.NAME in --dir (repeatable, or comma-separated; replaces the settings' list)")
	f.StringVar(&o.dir, "dir", ".", "directory of the --env files")
	f.StringVar(&o.name, "name", "", "variable name (default JWT_SECRET, or the --for preset's)")
	f.StringVar(&o.preset, "for", "", "framework preset: "+strings.Join(preset.Names(), "|"))
	f.BoolVar(&o.NoGitignore, "no-gitignore", false, "do not add the file to .gitignore when git does not ignore it")
	f.BoolVar(&o.KeepMode, "keep-mode", false, "keep a group- or world-readable file's mode instead of tightening it")
	f.DurationVar(&o.LockTimeout, "lock-timeout", store.DefaultLockTimeout, "how long to wait for another process writing the same file")
	f.BoolVar(&o.json, "json", false, "print what was done as a JSON object (the key only with --print)")
	cmd.RegisterFlagCompletionFunc("for", cobra.FixedCompletions(preset.Names(), cobra.ShellCompDirectiveNoFileComp))
}

func (o *storeOptions) registerKey(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVarP(&o.alg, "alg", "a", "", "algorithm the key is for: HS256|HS384|HS512 (sets the size); with --jwks any")
	f.IntVar(&o.Size, "bytes", 0, "key size in random bytes (at least 32)")
	f.StringVarP(&o.encoding, "encoding", "e", "", "hex|base64|base64url (default hex, or the --for preset's)")
}

func (a *app) storeCommands() []*cobra.Command {
	return []*cobra.Command{a.initCmd(), a.envCmd(), a.rotateCmd(), a.retireCmd(), a.doctorCmd()}
}

// storeVerb makes the command of a store verb: its manual and examples,
// an optional FILE, the target flags every store verb takes, and run.
func (a *app) storeVerb(use, short, examples string, run func(*cobra.Command, *storeOptions, []string) error) (*cobra.Command, *storeOptions) {
	o := &storeOptions{}
	cmd := &cobra.Command{
		Use:     use,
		Short:   short,
		Long:    manual(strings.Fields(use)[0]),
		Example: manual(examples),
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return run(cmd, o, args)
		},
	}
	o.registerTarget(cmd)
	return cmd, o
}

func (a *app) envCmd() *cobra.Command {
	cmd, o := a.storeVerb("env [FILE]", "Write a new key into a .env file, safely", "env.examples", a.env)
	o.registerKey(cmd)
	f := cmd.Flags()
	f.BoolVar(&o.Force, "force", false, "replace a value the variable already has")
	f.BoolVar(&o.print, "print", false, "also print the key to standard output")
	return cmd
}

// files returns the dotenv files a verb works on: FILE, the --env files,
// or .env.
func (o *storeOptions) files(args []string) ([]string, error) {
	switch {
	case len(o.envs) > 0 && len(args) > 0:
		return nil, usageErrorf("give FILE or --env, not both")
	case len(args) == 1:
		return args, nil
	}
	files, err := store.EnvFiles(o.dir, o.envs)
	if err != nil {
		return nil, &cliError{code: exitError, err: fmt.Errorf("%w%s", err, o.from("env"))}
	}
	return files, nil
}

// options turns the flags into store.Options. It only parses: the store
// checks names, sizes and encodings, once.
func (o *storeOptions) options(cmd *cobra.Command) (store.Options, error) {
	if o.LockTimeout <= 0 {
		return store.Options{}, usageErrorf("--lock-timeout must be positive, not %v", o.LockTimeout)
	}
	if cmd.Flags().Changed("alg") && cmd.Flags().Changed("bytes") {
		return store.Options{}, usageErrorf("--alg and --bytes both set the size: give one")
	}
	so := o.Options
	so.Name, so.Previous = o.name, o.previous
	so, err := store.Settings{Preset: o.preset, Alg: o.alg, Encoding: o.encoding}.Apply(so)
	var ue *store.UnknownError
	if errors.As(err, &ue) {
		flag := map[string]string{"framework": "for", "algorithm": "alg", "encoding": "encoding"}[ue.What]
		return so, withHint(usageErrorf("unknown %s %q%s", ue.What, ue.Value, o.from(flag)), "choose one of %s", strings.Join(ue.Choices, ", "))
	}
	return so, err
}

// from names where a flag's value came from when the settings gave it:
// " (in .jwtkey.toml)", or "".
func (o *storeOptions) from(flag string) string {
	if f := o.fromConfig[flag]; f != "" {
		return " (in " + f + ")"
	}
	return ""
}

// prepare applies the project's settings and the report flags, and
// returns the store options and, for a dotenv verb, the files.
func (a *app) prepare(cmd *cobra.Command, o *storeOptions, args []string) (store.Options, []string, error) {
	if o.jwks == "" {
		c, err := a.projectConfig(".")
		if err != nil {
			return store.Options{}, nil, err
		}
		o.applyConfig(cmd, c, args)
	}
	if o.json {
		a.quiet = true // the report holds what the info lines say
	}
	so, err := o.options(cmd)
	if err != nil || o.jwks != "" {
		return so, nil, err
	}
	files, err := o.files(args)
	return so, files, err
}

func (a *app) env(cmd *cobra.Command, o *storeOptions, args []string) error {
	so, files, err := a.prepare(cmd, o, args)
	if err != nil {
		return err
	}
	results, err := store.WriteAll(files, so)
	if err != nil {
		return a.storeError(err, so)
	}
	return a.reportStore(o, store.DotenvReport("env", results, o.print), so.ReadsHint())
}
