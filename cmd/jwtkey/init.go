package main

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jwtkey/jwtkey/internal/config"
	"github.com/jwtkey/jwtkey/store"
)

func (a *app) initCmd() *cobra.Command {
	cmd, o := a.storeVerb("init", "Set a project up: .jwtkey.toml, keys in .env files, .gitignore", "init.examples", a.init)
	cmd.Args = cobra.NoArgs
	f := cmd.Flags()
	f.Lookup("env").Usage = "environment: a key in .env.NAME in --dir (repeatable, or comma-separated); kept in .jwtkey.toml"
	f.StringVarP(&o.alg, "alg", "a", "", "algorithm the keys are for: HS256|HS384|HS512 (sets the size)")
	f.StringVarP(&o.encoding, "encoding", "e", "", "hex|base64|base64url (default hex, or the --for preset's)")
	f.BoolVar(&o.Force, "force", false, "replace an existing .jwtkey.toml (keys are never replaced)")
	f.BoolVar(&o.print, "print", false, "also print the new keys to standard output")
	return cmd
}

func (a *app) init(cmd *cobra.Command, o *storeOptions, _ []string) error {
	so, err := o.options(cmd)
	if err != nil {
		return err
	}
	files, err := o.files(nil)
	if err != nil {
		return err
	}
	c := &config.Config{Key: config.Key{Name: o.name, Alg: strings.ToUpper(o.alg), Encoding: o.encoding, Environments: o.envs}}
	if so.Preset != nil {
		c.Key.Preset = so.Preset.Name
	}
	if cmd.Flags().Changed("dir") {
		c.Key.Dir = filepath.ToSlash(o.dir)
	}
	data, err := c.Marshal()
	if err != nil {
		return err
	}
	if o.json {
		a.quiet = true
	}
	r, err := store.Init(store.InitOptions{Options: so, Files: files, Config: config.Name, ConfigData: data})
	if errors.Is(err, fs.ErrExist) {
		return withHint(&cliError{code: exitError, err: fmt.Errorf("%s already exists: nothing was written", config.Name)},
			"edit it, or run 'jwtkey init --force' to replace it (keys already in .env files are kept)")
	}
	if err != nil {
		return a.storeError(err, so)
	}
	return a.reportStore(o, r.Report(o.print), r.NextSteps(so))
}
