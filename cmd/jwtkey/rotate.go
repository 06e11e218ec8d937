package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/jwtkey/jwtkey/internal/display"
	"github.com/jwtkey/jwtkey/store"
)

func (a *app) rotateCmd() *cobra.Command {
	cmd, o := a.storeVerb("rotate [FILE]", "Replace a key, keeping the old one for an overlap", "rotate.examples", a.rotate)
	o.registerKey(cmd)
	f := cmd.Flags()
	f.StringVar(&o.previous, "previous", "", "variable for the old key (default NAME_PREVIOUS)")
	f.BoolVar(&o.print, "print", false, "also print the new key to standard output")
	f.StringVar(&o.jwks, "jwks", "", "rotate this JSON Web Key Set file instead of a dotenv file")
	f.BoolVar(&o.Insecure, "insecure", false, "with --jwks: rotate a set holding a key below the minimum size")
	return cmd
}

func (a *app) retireCmd() *cobra.Command {
	cmd, o := a.storeVerb("retire [FILE]", "Remove the old key after a rotation", "rotate.examples", a.retire)
	f := cmd.Flags()
	f.StringVar(&o.previous, "previous", "", "variable holding the old key (default NAME_PREVIOUS)")
	f.StringVar(&o.jwks, "jwks", "", "retire keys from this JSON Web Key Set file instead")
	f.StringSliceVar(&o.kids, "kid", nil, "with --jwks: key IDs to remove (default all but the first)")
	return cmd
}

func (a *app) rotate(cmd *cobra.Command, o *storeOptions, args []string) error {
	if o.jwks != "" {
		return a.rotateJWKS(cmd, o, args)
	}
	if o.Insecure {
		return usageErrorf("--insecure only applies with --jwks")
	}
	so, files, err := a.prepare(cmd, o, args)
	if err != nil {
		return err
	}
	results, err := store.RotateAll(files, so)
	if err != nil {
		return a.storeError(err, so)
	}
	retire := strings.TrimSpace("jwtkey retire " + retireArgs(cmd.Flags().Changed, o, args))
	return a.reportStore(o, store.DotenvReport("rotate", results, o.print), store.RotateSteps(so, retire))
}

func (a *app) rotateJWKS(cmd *cobra.Command, o *storeOptions, args []string) error {
	if len(args) > 0 || len(o.envs) > 0 || o.name != "" || o.preset != "" || o.previous != "" || o.encoding != "" || o.Size != 0 {
		return usageErrorf("--jwks rotates a key set: FILE, --env, --name, --for, --previous, --encoding and --bytes do not apply")
	}
	if o.print {
		return usageErrorf("--print does not apply to --jwks: the keys are in the set")
	}
	so, _, err := a.prepare(cmd, o, args)
	if err != nil {
		return err
	}
	r, err := store.RotateJWKS(o.jwks, so)
	if err != nil {
		fix := "jwtkey generate -e jwks -o " + display.Shell(o.jwks)
		if o.alg != "" {
			fix = "jwtkey generate --alg " + display.Shell(o.alg) + " -e jwks -o " + display.Shell(o.jwks)
		}
		return a.jwksError(err, so, fix)
	}
	return a.reportStore(o, r.Report("rotate"), r.NextSteps("jwtkey retire --jwks "+r.File))
}

func (a *app) retire(cmd *cobra.Command, o *storeOptions, args []string) error {
	if o.jwks == "" && len(o.kids) > 0 {
		return usageErrorf("--kid only applies with --jwks")
	}
	so, files, err := a.prepare(cmd, o, args)
	if err != nil {
		return err
	}
	if o.jwks == "" {
		results, err := store.RetireAll(files, so)
		if err != nil {
			return a.storeError(err, so)
		}
		return a.reportStore(o, store.DotenvReport("retire", results, false), nil)
	}
	if len(args) > 0 || len(o.envs) > 0 || o.name != "" || o.preset != "" || o.previous != "" {
		return usageErrorf("--jwks retires keys from a key set: FILE, --env, --name, --for and --previous do not apply")
	}
	r, err := store.RetireJWKS(o.jwks, o.kids, so)
	if err != nil {
		return a.jwksError(err, so, "")
	}
	return a.reportStore(o, r.Report("retire"), nil)
}
