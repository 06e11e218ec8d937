package main

import (
	"github.com/spf13/cobra"
)

// rootCmd builds the command tree. Verbs are added by the functions named
// after them, one file each.
func (a *app) rootCmd() *cobra.Command {
	var opts generateOptions
	root := &cobra.Command{
		Use:           "jwtkey",
		Short:         "Make and keep JWT signing keys that cannot be guessed",
		Long:          manual("root"),
		Example:       manual("generate.examples"),
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
