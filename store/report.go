package store

// What a store operation did, as its reports say it: a JSON object for a
// program, in the style of jwtkey's other reports (snake_case keys, modes
// as "0600", the key only when asked for), and lines for a person: git's
// part, what was done, the mode, and what to do next.

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/jwtkey/jwtkey/internal/display"
	"github.com/jwtkey/jwtkey/preset"
)

// Report is what one operation did, file by file. Paths below the working
// directory are shown relative to it.
type Report struct {
	Verb   string       `json:"verb"`             // env, rotate, retire or init
	Config *FileReport  `json:"config,omitempty"` // init: the settings file
	Files  []FileReport `json:"files"`
}

// FileReport is what was done to one file.
type FileReport struct {
	File string `json:"file"`
	// Dotenv files.
	Name     string `json:"name,omitempty"`     // the variable holding the key
	Previous string `json:"previous,omitempty"` // rotate: where the old key went; retire: the variable removed
	// Key sets.
	KID     string   `json:"kid,omitempty"`     // rotate: the new key's
	Alg     string   `json:"alg,omitempty"`     // rotate: the new key's
	Removed []string `json:"removed,omitempty"` // retire: the key IDs removed
	KIDs    []string `json:"kids,omitempty"`    // the key IDs in the set afterwards, newest first

	Created         bool      `json:"created"`
	Replaced        bool      `json:"replaced"`                   // a value or file was replaced
	KeyKept         bool      `json:"key_kept,omitempty"`         // init: the file held a key, which was kept
	DroppedPrevious bool      `json:"dropped_previous,omitempty"` // rotate: an older previous key was overwritten
	Mode            string    `json:"mode"`
	OldMode         string    `json:"old_mode,omitempty"`
	Tightened       bool      `json:"tightened"` // read permission was taken from group and others
	Git             GitReport `json:"git"`
	// Key is the new key, when the report was asked to hold it: a secret.
	Key string `json:"key,omitempty"`

	// Notes say to a person what was done, in order: git's part, the
	// change, the mode.
	Notes []display.Note `json:"-"`
}

// GitReport is a GitStatus as the report shows it.
type GitReport struct {
	Repo       string   `json:"repo,omitempty"`        // the work tree; "" outside git
	Gitignore  string   `json:"gitignore,omitempty"`   // the .gitignore patterns were added to
	Added      []string `json:"added,omitempty"`       // the patterns added
	NotIgnored bool     `json:"not_ignored,omitempty"` // git does not ignore the file, or the file it links to (NoGitignore)
	Target     string   `json:"target,omitempty"`      // for a symbolic link, the file it resolves to
	Skipped    string   `json:"skipped,omitempty"`     // why git was not asked
}

// DotenvReport reports what WriteAll, RotateAll or RetireAll did; with
// withKey, each new key is in it.
func DotenvReport(verb string, results []*Result, withKey bool) *Report {
	rep := &Report{Verb: verb, Files: []FileReport{}}
	for _, r := range results {
		rep.Files = append(rep.Files, r.report(withKey))
	}
	return rep
}

// Report reports what Init did; with withKey, each new key is in it.
func (r *InitResult) Report(withKey bool) *Report {
	rep := DotenvReport("init", r.Files, withKey)
	c := r.Config
	verb := "wrote"
	if c.Replaced {
		verb = "replaced"
	}
	rep.Config = &FileReport{File: c.File, Created: c.Created, Replaced: c.Replaced, Mode: mode(c.Mode),
		Notes: []display.Note{display.Infof("%s %s: the project's settings; it holds no secret, commit it", verb, c.File)}}
	return rep
}

// Report reports what RotateJWKS or RetireJWKS did.
func (r *JWKSResult) Report(verb string) *Report {
	f := FileReport{File: r.File, KID: r.KID, Alg: string(r.Alg), Removed: r.Removed, KIDs: r.Kept,
		Mode: mode(r.Mode), OldMode: mode(r.OldMode), Tightened: r.Tightened(), Git: gitReport(r.Git)}
	f.Notes = GitNotes(r.File, r.Git)
	if r.KID != "" {
		f.Notes = append(f.Notes, display.Infof("added %s key %s to %s; %d older kept: %s", r.Alg, r.KID, r.File, len(r.Kept)-1, strings.Join(r.Kept[1:], ", ")))
	} else {
		f.Notes = append(f.Notes, display.Infof("removed %s from %s; kept %s", strings.Join(r.Removed, ", "), r.File, strings.Join(r.Kept, ", ")))
	}
	f.Notes = append(f.Notes, ModeNotes(r.File, r.OldMode, r.Mode, r.Tightened())...)
	return &Report{Verb: verb, Files: []FileReport{f}}
}

func (r *Result) report(withKey bool) FileReport {
	f := FileReport{File: r.File, Name: r.Name, Previous: r.Previous, Created: r.Created, Replaced: r.Replaced,
		KeyKept: r.Kept, DroppedPrevious: r.DroppedPrevious, Mode: mode(r.Mode), Tightened: r.Tightened(), Git: gitReport(r.Git)}
	if !r.Created {
		f.OldMode = mode(r.OldMode)
	}
	if withKey {
		f.Key = r.Key
	}
	f.Notes = GitNotes(r.File, r.Git)
	switch {
	case r.Previous != "" && r.Key == "": // Retire
		f.Notes = append(f.Notes, display.Infof("removed %s from %s", r.Previous, r.File))
	case r.Previous != "": // Rotate
		f.Notes = append(f.Notes, display.Infof("rotated %s in %s: the old key is now %s", r.Name, r.File, r.Previous))
		if r.DroppedPrevious {
			f.Notes = append(f.Notes, display.Warningf("the earlier %s in %s was overwritten: tokens signed with it no longer verify", r.Previous, r.File))
		}
	case r.Kept:
		f.Notes = append(f.Notes, display.Infof("kept the %s already in %s", r.Name, r.File))
	case r.Created:
		f.Notes = append(f.Notes, display.Infof("wrote %s to %s (new file, mode 0600)", r.Name, r.File))
	case r.Replaced:
		f.Notes = append(f.Notes, display.Infof("replaced %s in %s", r.Name, r.File))
	default:
		f.Notes = append(f.Notes, display.Infof("wrote %s to %s", r.Name, r.File))
	}
	f.Notes = append(f.Notes, ModeNotes(r.File, r.OldMode, r.Mode, r.Tightened())...)
	return f
}

func mode(m fs.FileMode) string { return fmt.Sprintf("%#o", m) }

func gitReport(g GitStatus) GitReport {
	r := GitReport{Repo: g.Repo, NotIgnored: g.NotIgnored || g.TargetNotIgnored, Target: display.Path(g.Target)}
	if g.Skipped != nil {
		r.Skipped = g.Skipped.Error()
	}
	for _, p := range []string{g.Pattern, g.TargetPattern} {
		if p != "" {
			r.Gitignore = display.Path(g.IgnoreFile)
			r.Added = append(r.Added, p)
		}
	}
	return r
}

// GitNotes say what the git check for file did, or why it could not.
func GitNotes(file string, g GitStatus) []display.Note {
	var n []display.Note
	switch {
	case errors.Is(g.Skipped, ErrNoGit):
		return append(n, display.Warningf("git is not installed: the git checks for %s (tracked? ignored?) were skipped", file))
	case g.Skipped != nil:
		return append(n, display.Warningf("the git checks for %s were skipped: %s", file, g.Skipped))
	case g.Pattern != "":
		n = append(n, display.Infof("added %q to %s so that git ignores %s", g.Pattern, display.Path(g.IgnoreFile), file))
	case g.NotIgnored:
		n = append(n, display.Warningf("git does not ignore %s: \"git add .\" would commit the key", file))
	}
	switch target := display.Path(g.Target); {
	case g.TargetPattern != "":
		n = append(n, display.Infof("added %q to %s so that git ignores %s, which %s links to", g.TargetPattern, display.Path(g.IgnoreFile), target, file))
	case g.TargetNotIgnored:
		n = append(n, display.Warningf("git does not ignore %s, which %s links to: \"git add .\" would commit the key", target, file))
	}
	return n
}

// ModeNotes say that a readable file was tightened, or warn that it stays
// readable (KeepMode).
func ModeNotes(file string, old, mode fs.FileMode, tightened bool) []display.Note {
	switch {
	case tightened:
		return []display.Note{display.Infof("changed the mode of %s from %#o to %#o: other users could read the key (--keep-mode keeps a mode)", file, old, mode)}
	case mode&0o077 != 0:
		return []display.Note{display.Warningf("%s has mode %#o, so other users can read the key: chmod 600 %s", file, mode, file)}
	}
	return nil
}

// ReadsHint says how the preset's framework reads a key written with o:
// a hint, or nothing without a preset.
func (o Options) ReadsHint() []display.Note {
	if o.Preset == nil {
		return nil
	}
	return []display.Note{display.Hintf("%s: %s", o.Preset.Framework, o.Preset.Reads)}
}

// RotateSteps say what to do after a dotenv rotation with o; retire is
// the command that removes the old key.
func RotateSteps(o Options, retire string) []display.Note {
	name, prev := o.Names()
	recipe := "per framework: " + preset.Default.Recipe
	if o.Preset != nil {
		recipe = "with " + o.Preset.Framework + ": " + o.Preset.Recipe
	}
	return []display.Note{
		display.Infof("next steps:"),
		display.Infof("  1. deploy: sign with %s; accept tokens signed with %s or %s", name, name, prev),
		display.Infof("     how, %s", recipe),
		display.Infof("  2. wait for the longest lifetime of a token signed with the old key (refresh tokens included)"),
		display.Infof("  3. remove the old key: %s", retire),
	}
}

// NextSteps say what to do after a key set rotation; retire is the
// command that removes the older keys.
func (r *JWKSResult) NextSteps(retire string) []display.Note {
	return []display.Note{
		display.Infof("next steps:"),
		display.Infof("  1. deploy the set: sign with the first key (kid %s); publish the public keys of all", r.KID),
		display.Infof("     how, per framework: %s", preset.Default.Recipe),
		display.Infof("  2. wait for the longest lifetime of a token signed with an older key (refresh tokens included)"),
		display.Infof("  3. remove the older keys: %s", retire),
	}
}

// NextSteps say what to do once a project is set up with o: how the
// framework reads the key, commit the settings, and the verbs that look
// after the keys from then on.
func (r *InitResult) NextSteps(o Options) []display.Note {
	name, _ := o.Names()
	n := o.ReadsHint()
	add := []string{r.Config.File}
	for _, f := range r.Files {
		if f.Git.Pattern != "" || f.Git.TargetPattern != "" {
			add = append(add, display.Path(f.Git.IgnoreFile))
			break
		}
	}
	n = append(n, display.Infof("next:"))
	if r.Files[0].Git.Repo != "" {
		n = append(n, display.Infof("  commit the settings: git add %s && git commit -m 'jwtkey settings'", strings.Join(add, " ")))
	}
	return append(n,
		display.Infof("  have the application read %s (in production, from its secret store, not a file); how: %s", name, o.preset().Recipe),
		display.Infof("  jwtkey doctor: check the project's .env files at any time"),
		display.Infof("  jwtkey rotate, later jwtkey retire: replace the key, with an overlap"))
}
