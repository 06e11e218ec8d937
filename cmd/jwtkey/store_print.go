package main

// What env, rotate, retire and init print: the store's report of each
// file, and the hints that turn a refusal into something to do.

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/internal/display"
	"github.com/jwtkey/jwtkey/keygen"
	"github.com/jwtkey/jwtkey/store"
)

// reportStore prints what a store verb did, file by file, and with
// --print each new key; then the --json report, or the next steps.
func (a *app) reportStore(o *storeOptions, rep *store.Report, next []display.Note) error {
	if rep.Config != nil {
		a.say(rep.Config.Notes)
	}
	for _, f := range rep.Files {
		a.say(f.Notes)
		if f.Key != "" && !o.json {
			fmt.Fprintln(a.stdout, f.Key)
		}
	}
	if o.json {
		return a.writeJSON(rep)
	}
	a.say(next)
	return nil
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
		fail.err = fmt.Errorf("cannot write %s: directory %s does not exist; create it with: mkdir -p %s", me.File, me.Dir, display.Shell(me.Dir))
		return fail
	case errors.As(err, &pe):
		return withHint(fail, "every file not named there is as it was; check the ones named, whose keys were not printed")
	case errors.As(err, &te) && te.Target != "":
		fail.err = fmt.Errorf("%s is a link to %s, which git tracks: refusing to write a key into it", te.File, display.Path(te.Target))
		return withHint(withHint(fail,
			"untrack it and keep it out: git -C %s rm --cached %s; add it to that work tree's .gitignore; commit", te.Repo, te.InRepo),
			"treat every key that was in it as exposed: it is in that repository's history")
	case errors.As(err, &te):
		fail.err = fmt.Errorf("%s is tracked by git: refusing to write a key into it", te.File)
		return withHint(withHint(fail,
			"untrack it and keep it out: git rm --cached %s; add it to .gitignore; commit", te.File),
			"treat every key that was in it as exposed: it is in the repository's history; after untracking, replace it (jwtkey env --force, or jwtkey rotate) and revoke tokens signed with it")
	case errors.As(err, &ne):
		return withHint(fail, "add /%s to %s, or give --no-gitignore to write it anyway", ne.InRepo, filepath.Join(ne.Repo, ".gitignore"))
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

// jwksError is storeError for a key set, and says what to do about a set
// that is not there: rotating makes one with fix, retiring has nothing to
// do (fix is "").
func (a *app) jwksError(err error, so store.Options, fix string) error {
	var me *store.MissingError
	if !errors.As(err, &me) {
		return a.storeError(err, so)
	}
	if fix == "" {
		return &cliError{code: exitError, err: fmt.Errorf("key set %s does not exist: nothing to retire", me.File)}
	}
	return &cliError{code: exitError, err: fmt.Errorf("key set %s does not exist; make one with: %s", me.File, fix)}
}
