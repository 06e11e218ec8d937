package main

import (
	"github.com/spf13/cobra"
)

const rootLong = `jwtkey gives every application a JWT signing key that cannot be guessed,
and keeps it that way.

Run with no verb, jwtkey prints one new 256-bit HS256 key as 64 hex
characters, like "openssl rand -hex 32". Every generate flag works here too.
"jwtkey init" sets a project up: .jwtkey.toml, keys in its .env files and
the .gitignore lines that keep them out of git.

Every verb speaks alike: results on standard output (with --json, as
JSON with snake_case keys, and nothing else there), "jwtkey: …" lines
about what was done on standard error (-q drops them), and "jwtkey:
warning:", "jwtkey: hint:" and "jwtkey: error:" lines, which -q keeps.
"-" is standard input wherever a verb reads input.

Exit status:
  0  all fine: a key was made, a secret is strong, nothing was found
  1  a finding: a weak or published secret, a leaked key, a cracked token
  2  a usage or I/O error`

// rootCmd builds the command tree. Verbs are added by the functions named
// after them, one file each.
func (a *app) rootCmd() *cobra.Command {
	var opts generateOptions
	root := &cobra.Command{
		Use:           "jwtkey",
		Short:         "Make and keep JWT signing keys that cannot be guessed",
		Long:          rootLong,
		Example:       generateExamples,
		Args:          cobra.NoArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.generate(cmd, &opts)
		},
	}
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return withHint(usageErrorf("%v", err), "run 'jwtkey help' for the flags")
	})
	root.PersistentFlags().BoolVarP(&a.quiet, "quiet", "q", false, "print no info lines (\"jwtkey: …\"); results, warnings, hints and errors stay")
	opts.register(root)
	a.addVersion(root)
	root.AddCommand(a.generateCmd())
	for _, verbs := range [][]*cobra.Command{
		a.checkCommands(),
		a.storeCommands(),
		a.auditCommands(),
		a.scanCommands(),
		a.serveCommands(),
	} {
		root.AddCommand(verbs...)
	}
	return root
}
