package main

// The project's settings (.jwtkey.toml) as each verb takes them: a flag
// the user gave wins over the file, the file over jwtkey's defaults.

import (
	"errors"
	"os"

	"github.com/spf13/cobra"

	"github.com/jwtkey/jwtkey/internal/config"
	"github.com/jwtkey/jwtkey/internal/display"
)

// projectConfig returns the settings that apply in dir: its own
// .jwtkey.toml, or the one at the top of its git work tree, or none. A
// mistake in the file is an error (exit status 2), on one line with the
// file and line.
func (a *app) projectConfig(dir string) (*config.Config, error) {
	if a.cfg != nil && a.cfgAt == dir {
		return a.cfg, nil
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return &config.Config{}, nil // the verb says what is wrong with dir
	}
	c, err := config.Load(dir)
	if err != nil {
		var ce *config.Error
		if errors.As(err, &ce) {
			ce.File = display.Path(ce.File)
		}
		return nil, &cliError{code: exitError, err: err}
	}
	a.cfg, a.cfgAt = c, dir
	return c, nil
}

// applyConfig fills in, from the [key] settings, the dotenv flags the
// user did not give. A FILE argument replaces the environments; --bytes
// replaces the algorithm, since both set the size.
func (o *storeOptions) applyConfig(cmd *cobra.Command, c *config.Config, args []string) {
	changed := cmd.Flags().Changed
	o.fromConfig = map[string]string{}
	set := func(flag string, dst *string, v string) {
		if v != "" && !changed(flag) && cmd.Flags().Lookup(flag) != nil {
			*dst = v
			o.fromConfig[flag] = c.Where()
		}
	}
	k := c.Key
	set("for", &o.preset, k.Preset)
	set("name", &o.name, k.Name)
	set("previous", &o.previous, k.Previous)
	set("encoding", &o.encoding, k.Encoding)
	set("dir", &o.dir, display.Path(k.Dir))
	if !changed("bytes") {
		set("alg", &o.alg, k.Alg)
	}
	if len(k.Environments) > 0 && !changed("env") && len(args) == 0 && cmd.Flags().Lookup("env") != nil {
		o.envs = k.Environments
		o.fromConfig["env"] = c.Where()
	}
}

// checkWordlists returns the wordlists check reads: --wordlist's, then
// the [check] ones.
func (a *app) checkWordlists(flags []string) ([]string, error) {
	c, err := a.projectConfig(".")
	if err == nil {
		err = c.CheckFiles(c.Check.Wordlists)
	}
	if err != nil {
		return nil, &cliError{code: exitError, err: err}
	}
	for _, name := range c.Check.Wordlists {
		flags = append(flags, display.Path(name))
	}
	return flags, nil
}

// auditWordlists returns the [audit] wordlists of the project's settings,
// tried after everything the flags ask for (audit.Plan.MoreWordlists).
// Each file is checked now, so a missing one fails before any work.
func (a *app) auditWordlists() ([]string, error) {
	c, err := a.projectConfig(".")
	if err == nil {
		err = c.CheckFiles(c.Audit.Wordlists)
	}
	if err != nil {
		return nil, &cliError{code: exitError, err: err}
	}
	return c.Audit.Wordlists, nil
}
