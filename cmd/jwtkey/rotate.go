package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jwtkey/jwtkey/store"
)

const rotateLong = `Rotate replaces a key while the old one keeps working for a while.

For a dotenv file (FILE, default .env, or --env NAME): the current value of
the variable moves to NAME_PREVIOUS (--previous to choose another name),
on the line after it and in its style ("export ", quoting), and a new key
takes its place. An older previous value, from a rotation never retired,
is overwritten, with a warning. A file that assigns either name on two
lines is refused. Several --env files rotate all or nothing.

For a key set (--jwks FILE): a new key with a new kid goes first in the
set, the others stay. The new key is for --alg, or for the "alg" of the
set's first key. The set must hold private keys or secrets, each at least
the minimum size for its algorithm (32 bytes for HS256, RSA 2048 bits);
--insecure rotates a set holding a shorter one anyway.

The [key] settings of .jwtkey.toml apply as for "jwtkey env", so that a
project set up with "jwtkey init --for rails" rotates and retires its
SECRET_KEY_BASE with no flags; --jwks ignores them. --json prints what
was done as one object, as "jwtkey env --json" does, with the new kid and
the set's kids for --jwks; the key only with --print.

Then, in this order:
  1. deploy: sign with the new key; accept the new and the previous one
  2. wait for the longest lifetime of a token signed with the old key
     (the longest "exp", refresh tokens included)
  3. jwtkey retire: remove the old key

Security considerations:
  Rotating because a key leaked is different: the leaked key must stop
  being accepted at once, not after an overlap. Rotate, then retire
  straight away, and accept that tokens signed with it stop working.
  The new key is written like "jwtkey env" writes one: atomically, under
  a lock, mode 0600 (a readable file is tightened unless --keep-mode),
  git checked through symbolic links, never printed unless --print.

Exit status: 0 rotated; 2 a refusal, usage or I/O error (the files are then
left as they were, unless the error names files that changed).`

const rotateExamples = `  jwtkey rotate                       # .env: JWT_SECRET -> JWT_SECRET_PREVIOUS
  jwtkey rotate --env production --for rails
  jwtkey rotate --jwks keys.json      # add a key, keep the old ones
  jwtkey retire --env production      # later: drop the previous key`

const retireLong = `Retire removes the old key after a rotation, once no token signed with
it can still be valid.

For a dotenv file (FILE, default .env, or --env NAME) it removes every line
assigning NAME_PREVIOUS (or --previous); a file that assigns NAME on two
lines is refused, since the other line may hold an old key. For a key set
(--jwks FILE) it removes the keys given with --kid, or all but the first
(the newest) without --kid; the last key is never removed. Files are
written as "jwtkey env" writes them: locked, atomically, all or nothing.
The [key] settings of .jwtkey.toml apply as for "jwtkey rotate"; --json
prints what was done as one object.

Security considerations:
  Until retire runs, tokens signed with the old key are still accepted:
  whoever holds it can still forge them. Retire once the longest token
  lifetime has passed, and at once if the old key leaked.

Exit status: 0 retired; 2 nothing to retire, a usage or I/O error.`

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
	f.BoolVar(&o.insecure, "insecure", false, "with --jwks: rotate a set holding a key below the minimum size")
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
	rep := storeReport{Verb: "rotate"}
	for _, r := range results {
		a.reportGit(r.File, r.Git)
		a.infof("rotated %s in %s: the old key is now %s", r.Name, r.File, r.Previous)
		if r.DroppedPrevious {
			a.warningf("the earlier %s in %s was overwritten: tokens signed with it no longer verify", r.Previous, r.File)
		}
		a.reportMode(r.File, r.OldMode, r.Mode, r.Tightened())
		rep.Files = append(rep.Files, dotenvReport(r, o.print))
		if o.print && !o.json {
			fmt.Fprintln(a.stdout, r.Key)
		}
	}
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
	rep := storeReport{Verb: "retire"}
	for _, r := range results {
		a.reportGit(r.File, r.Git)
		a.infof("removed %s from %s", r.Previous, r.File)
		a.reportMode(r.File, r.OldMode, r.Mode, r.Tightened())
		rep.Files = append(rep.Files, dotenvReport(r, false))
	}
	if o.json {
		return a.writeJSON(rep)
	}
	return nil
}
