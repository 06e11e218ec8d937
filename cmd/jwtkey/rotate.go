package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/jwtkey/jwtkey/store"
)

func (a *app) rotateCmd() *cobra.Command {
	var o storeOptions
	cmd := &cobra.Command{
		Use:     "rotate [FILE]",
		Short:   "Replace a key, keeping the old one for an overlap",
		Long:    manual("rotate"),
		Example: manual("rotate.examples"),
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
	f.BoolVar(&o.insecure, "insecure", false, "with --jwks: rotate a set holding a key below the minimum size")
	return cmd
}

func (a *app) retireCmd() *cobra.Command {
	var o storeOptions
	cmd := &cobra.Command{
		Use:     "retire [FILE]",
		Short:   "Remove the old key after a rotation",
		Long:    manual("retire"),
		Example: manual("rotate.examples"),
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

func (a *app) rotate(cmd *cobra.Command, o *storeOptions, args []string) error {
	if o.jwks != "" {
		return a.rotateJWKS(cmd, o, args)
	}
	if o.insecure {
		return usageErrorf("--insecure only applies with --jwks")
	}
	so, err := a.prepare(cmd, o, args)
	if err != nil {
		return err
	}
	files, err := o.files(args)
	if err != nil {
		return err
	}
	results, err := store.RotateAll(files, so)
	if err != nil {
		return a.storeError(err, so)
	}
	rep := storeReport{Verb: "rotate", Files: a.reportDotenv(results, o, func(r *store.Result) {
		a.infof("rotated %s in %s: the old key is now %s", r.Name, r.File, r.Previous)
		if r.DroppedPrevious {
			a.warningf("the earlier %s in %s was overwritten: tokens signed with it no longer verify", r.Previous, r.File)
		}
	})}
	if o.json {
		return a.writeJSON(rep)
	}
	a.rotateNextSteps(cmd, so, o, args)
	return nil
}

func (a *app) rotateJWKS(cmd *cobra.Command, o *storeOptions, args []string) error {
	if len(args) > 0 || len(o.envs) > 0 || o.name != "" || o.preset != "" || o.previous != "" || o.encoding != "" || o.bytes != 0 {
		return usageErrorf("--jwks rotates a key set: FILE, --env, --name, --for, --previous, --encoding and --bytes do not apply")
	}
	if o.print {
		return usageErrorf("--print does not apply to --jwks: the keys are in the set")
	}
	so, err := a.prepare(cmd, o, args)
	if err != nil {
		return err
	}
	r, err := store.RotateJWKS(o.jwks, so)
	if err != nil {
		fix := "jwtkey generate -e jwks -o " + shellQuote(o.jwks)
		if o.alg != "" {
			fix = "jwtkey generate --alg " + shellQuote(o.alg) + " -e jwks -o " + shellQuote(o.jwks)
		}
		if me := missingSet(err, fix); me != nil {
			return me
		}
		return a.storeError(err, so)
	}
	a.reportGit(r.File, r.Git)
	a.infof("added %s key %s to %s; %d older kept: %s", r.Alg, r.KID, r.File, len(r.Kept)-1, strings.Join(r.Kept[1:], ", "))
	a.reportMode(r.File, r.OldMode, r.Mode, r.Tightened())
	if o.json {
		return a.writeJSON(storeReport{Verb: "rotate", Files: []fileReport{jwksReport(r)}})
	}
	a.jwksNextSteps(r)
	return nil
}

func (a *app) retire(cmd *cobra.Command, o *storeOptions, args []string) error {
	so, err := a.prepare(cmd, o, args)
	if err != nil {
		return err
	}
	if o.jwks != "" {
		if len(args) > 0 || len(o.envs) > 0 || o.name != "" || o.preset != "" || o.previous != "" {
			return usageErrorf("--jwks retires keys from a key set: FILE, --env, --name, --for and --previous do not apply")
		}
		r, err := store.RetireJWKS(o.jwks, o.kids, so)
		if err != nil {
			if me := missingSet(err, ""); me != nil {
				return me
			}
			return a.storeError(err, so)
		}
		a.reportGit(r.File, r.Git)
		a.infof("removed %s from %s; kept %s", strings.Join(r.Removed, ", "), r.File, strings.Join(r.Kept, ", "))
		a.reportMode(r.File, r.OldMode, r.Mode, r.Tightened())
		if o.json {
			return a.writeJSON(storeReport{Verb: "retire", Files: []fileReport{jwksReport(r)}})
		}
		return nil
	}
	if len(o.kids) > 0 {
		return usageErrorf("--kid only applies with --jwks")
	}
	files, err := o.files(args)
	if err != nil {
		return err
	}
	results, err := store.RetireAll(files, so)
	if err != nil {
		return a.storeError(err, so)
	}
	rep := storeReport{Verb: "retire", Files: a.reportDotenv(results, o, func(r *store.Result) {
		a.infof("removed %s from %s", r.Previous, r.File)
	})}
	if o.json {
		return a.writeJSON(rep)
	}
	return nil
}
