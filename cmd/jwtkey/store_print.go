package main

// What env, rotate and retire print: git's part, modes, next steps, and
// the hints that turn a refusal into something to do.

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
	"github.com/jwtkey/jwtkey/preset"
	"github.com/jwtkey/jwtkey/store"
)

// reportGit says what the git check did or why it could not.
func (a *app) reportGit(file string, g store.GitStatus) {
	switch {
	case errors.Is(g.Skipped, store.ErrNoGit):
		a.warningf("git is not installed: the git checks for %s (tracked? ignored?) were skipped", file)
		return
	case g.Skipped != nil:
		a.warningf("the git checks for %s were skipped: %s", file, g.Skipped)
		return
	case g.Pattern != "":
		a.infof("added %q to %s so that git ignores %s", g.Pattern, displayPath(g.IgnoreFile), file)
	case g.NotIgnored:
		a.warningf("git does not ignore %s: \"git add .\" would commit the key", file)
	}
	switch target := displayPath(g.Target); {
	case g.TargetPattern != "":
		a.infof("added %q to %s so that git ignores %s, which %s links to", g.TargetPattern, displayPath(g.IgnoreFile), target, file)
	case g.TargetNotIgnored:
		a.warningf("git does not ignore %s, which %s links to: \"git add .\" would commit the key", target, file)
	}
}

// reportDotenv reports each dotenv file a store verb changed, as they all
// do: git's part, what was done (say), the mode, and with --print the new
// key; it returns their --json reports.
func (a *app) reportDotenv(results []*store.Result, o *storeOptions, say func(*store.Result)) []fileReport {
	var files []fileReport
	for _, r := range results {
		a.reportGit(r.File, r.Git)
		say(r)
		a.reportMode(r.File, r.OldMode, r.Mode, r.Tightened())
		files = append(files, dotenvReport(r, o.print))
		if o.print && !o.json && !r.Kept {
			fmt.Fprintln(a.stdout, r.Key)
		}
	}
	return files
}

// sayWritten says what env or init did to a dotenv file.
func (a *app) sayWritten(r *store.Result) {
	switch {
	case r.Kept:
		a.infof("kept the %s already in %s", r.Name, r.File)
	case r.Created:
		a.infof("wrote %s to %s (new file, mode 0600)", r.Name, r.File)
	case r.Replaced:
		a.infof("replaced %s in %s", r.Name, r.File)
	default:
		a.infof("wrote %s to %s", r.Name, r.File)
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

// reportMode says that a readable file was tightened, or warns that it
// stays readable (--keep-mode).
func (a *app) reportMode(file string, old, mode fs.FileMode, tightened bool) {
	switch {
	case tightened:
		a.infof("changed the mode of %s from %#o to %#o: other users could read the key (--keep-mode keeps a mode)", file, old, mode)
	case mode&0o077 != 0:
		a.warningf("%s has mode %#o, so other users can read the key: chmod 600 %s", file, mode, file)
	}
}

// rotateNextSteps prints what to do after a dotenv rotation.
func (a *app) rotateNextSteps(cmd *cobra.Command, so store.Options, o *storeOptions, args []string) {
	name, prev := so.Names()
	recipe := "per framework: " + preset.Default.Recipe
	if so.Preset != nil {
		recipe = "with " + so.Preset.Framework + ": " + so.Preset.Recipe
	}
	a.infof("next steps:")
	a.infof("  1. deploy: sign with %s; accept tokens signed with %s or %s", name, name, prev)
	a.infof("     how, %s", recipe)
	a.infof("  2. wait for the longest lifetime of a token signed with the old key (refresh tokens included)")
	a.infof("  3. remove the old key: %s", strings.TrimSpace("jwtkey retire "+retireArgs(cmd.Flags().Changed, o, args)))
}

// jwksNextSteps prints what to do after a key set rotation.
func (a *app) jwksNextSteps(r *store.JWKSResult) {
	a.infof("next steps:")
	a.infof("  1. deploy the set: sign with the first key (kid %s); publish the public keys of all", r.KID)
	a.infof("     how, per framework: %s", preset.Default.Recipe)
	a.infof("  2. wait for the longest lifetime of a token signed with an older key (refresh tokens included)")
	a.infof("  3. remove the older keys: jwtkey retire --jwks %s", r.File)
}

// retireArgs are the arguments retire needs to find what rotate changed:
// those the user gave; the project's settings give retire the rest.
func retireArgs(changed func(string) bool, o *storeOptions, args []string) string {
	var s []string
	if changed("env") {
		for _, e := range o.envs {
			s = append(s, "--env "+e)
		}
	}
	if changed("dir") && len(o.envs) > 0 {
		s = append(s, "--dir "+o.dir)
	}
	s = append(s, args...)
	for _, f := range []struct{ flag, value string }{{"name", o.name}, {"for", o.preset}, {"previous", o.previous}} {
		if changed(f.flag) {
			s = append(s, "--"+f.flag+" "+f.value)
		}
	}
	return strings.Join(s, " ")
}

// storeError turns a store error into an exit status 2 error with a hint
// for the refusals a person can act on.
func (a *app) storeError(err error, so store.Options) error {
	fail := &cliError{code: exitError, err: err}
	var te *store.TrackedError
	var ne *store.NotIgnoredError
	var we *store.WeakKeyError
	var se *keygen.SizeError
	var pe *store.PartialError
	var me *store.MissingError
	switch {
	case errors.As(err, &me) && me.Dir != "":
		fail.err = fmt.Errorf("cannot write %s: directory %s does not exist; create it with: mkdir -p %s", me.File, me.Dir, shellQuote(me.Dir))
		return fail
	case errors.As(err, &pe):
		return withHint(fail, "every file not named there is as it was; check the ones named, whose keys were not printed")
	case errors.As(err, &te) && te.Target != "":
		fail.err = fmt.Errorf("%s is a link to %s, which git tracks: refusing to write a key into it", te.File, displayPath(te.Target))
		return withHint(withHint(fail,
			"untrack it and keep it out: git -C %s rm --cached %s; add it to that work tree's .gitignore; commit", te.Repo, relTo(te.Repo, te.Target)),
			"treat every key that was in it as exposed: it is in that repository's history")
	case errors.As(err, &te):
		fail.err = fmt.Errorf("%s is tracked by git: refusing to write a key into it", te.File)
		return withHint(withHint(fail,
			"untrack it and keep it out: git rm --cached %s; add it to .gitignore; commit", te.File),
			"treat every key that was in it as exposed: it is in the repository's history; after untracking, replace it (jwtkey env --force, or jwtkey rotate) and revoke tokens signed with it")
	case errors.As(err, &ne):
		return withHint(fail, "add /%s to %s, or give --no-gitignore to write it anyway", relTo(ne.Repo, ne.Target), filepath.Join(ne.Repo, ".gitignore"))
	case errors.As(err, &we):
		return withHint(fail, "retire that key (jwtkey retire --jwks %s --kid %s) once tokens it signed have expired; --insecure rotates the set anyway", we.File, we.KID)
	case errors.As(err, &se):
		return withHint(fail, "--bytes must be between %d and %d for %s; --alg HS384 or HS512 asks for more", se.Min, se.Max, se.Alg)
	case errors.Is(err, store.ErrValueSet):
		_, prev := so.Names()
		return withHint(fail, "to replace it, run 'jwtkey rotate' (keeps the old key as %s for an overlap) or add --force", prev)
	case errors.Is(err, store.ErrLocked):
		return withHint(fail, "nothing was written; another process (another jwtkey?) is writing the file: try again, or wait longer with --lock-timeout")
	case errors.Is(err, store.ErrNotHMAC):
		return withHint(fail, "use HS256, HS384 or HS512; key pairs go in a key set (--jwks) or a PEM file (jwtkey generate)")
	case errors.Is(err, store.ErrReadOnly):
		return withHint(fail, "the file was left alone; make it writable (chmod u+w) if it should change")
	case errors.Is(err, dotenv.ErrNotText), errors.Is(err, store.ErrTooLarge):
		return withHint(fail, "a .env file is text: is this the right file?")
	case errors.Is(err, dotenv.ErrInvalidName):
		return withHint(fail, "use letters, digits and underscores, not starting with a digit, e.g. JWT_SECRET")
	case errors.Is(err, dotenv.ErrUnreadable), errors.Is(err, dotenv.ErrDuplicate):
		return withHint(fail, "the file was left alone")
	case errors.Is(err, store.ErrNothingToRotate):
		return withHint(fail, "'jwtkey env' writes a first key; 'jwtkey retire' only follows a rotation")
	}
	return fail
}

// missingSet is the error for a key set that is not there: rotating
// makes one with fix, retiring has nothing to do.
func missingSet(err error, fix string) error {
	var me *store.MissingError
	if !errors.As(err, &me) {
		return nil
	}
	if fix == "" {
		return &cliError{code: exitError, err: fmt.Errorf("key set %s does not exist: nothing to retire", me.File)}
	}
	return &cliError{code: exitError, err: fmt.Errorf("key set %s does not exist; make one with: %s", me.File, fix)}
}

// relTo returns p relative to dir, or p.
func relTo(dir, p string) string {
	if rel, err := filepath.Rel(dir, p); err == nil {
		return filepath.ToSlash(rel)
	}
	return p
}
