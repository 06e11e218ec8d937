package main

import (
	"github.com/spf13/cobra"

	"github.com/jwtkey/jwtkey/internal/buildinfo"
)

func (a *app) versionCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "version",
		Short:   "Print the version, VCS revision and Go release of this binary",
		Long:    manual("version"),
		Example: manual("version.examples"),
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return buildinfo.Read().Write(cmd.OutOrStdout(), asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the version as a JSON object")
	return cmd
}

// addVersion gives root a "version" verb and a --version flag that prints
// the same (as JSON with --json) instead of a key.
func (a *app) addVersion(root *cobra.Command) {
	var show bool
	root.Flags().BoolVar(&show, "version", false, "print the version (as with \"jwtkey version\") and exit")
	generate := root.RunE
	root.RunE = func(cmd *cobra.Command, args []string) error {
		if !show {
			return generate(cmd, args)
		}
		asJSON, _ := cmd.Flags().GetBool("json")
		return buildinfo.Read().Write(cmd.OutOrStdout(), asJSON)
	}
	root.AddCommand(a.versionCmd())
}
