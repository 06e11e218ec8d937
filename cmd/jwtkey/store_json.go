package main

// What env, rotate, retire and init print with --json: one object saying
// what was done, file by file, in the style of the other verbs' reports
// (snake_case keys, modes as "0600"). The key is in it only with --print.

import (
	"fmt"
	"io/fs"

	"github.com/jwtkey/jwtkey/store"
)

type storeReport struct {
	Verb   string       `json:"verb"`             // env, rotate, retire or init
	Config *fileReport  `json:"config,omitempty"` // init: the settings file
	Files  []fileReport `json:"files"`
}

type fileReport struct {
	File string `json:"file"`
	// Dotenv files.
	Name     string `json:"name,omitempty"`     // the variable holding the key
	Previous string `json:"previous,omitempty"` // rotate: where the old key went; retire: the variable removed
	// Key sets (--jwks).
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
	Git             gitReport `json:"git"`
	Key             string    `json:"key,omitempty"` // only with --print
}

type gitReport struct {
	Repo       string   `json:"repo,omitempty"`        // the work tree; "" outside git
	Gitignore  string   `json:"gitignore,omitempty"`   // the .gitignore patterns were added to
	Added      []string `json:"added,omitempty"`       // the patterns added
	NotIgnored bool     `json:"not_ignored,omitempty"` // git does not ignore the file, or the file it links to (--no-gitignore)
	Target     string   `json:"target,omitempty"`      // for a symbolic link, the file it resolves to
	Skipped    string   `json:"skipped,omitempty"`     // why git was not asked
}

func mode(m fs.FileMode) string { return fmt.Sprintf("%#o", m) }

func gitOf(g store.GitStatus) gitReport {
	r := gitReport{Repo: g.Repo, NotIgnored: g.NotIgnored || g.TargetNotIgnored, Target: displayPath(g.Target)}
	if g.Skipped != nil {
		r.Skipped = g.Skipped.Error()
	}
	for _, p := range []string{g.Pattern, g.TargetPattern} {
		if p != "" {
			r.Gitignore = displayPath(g.IgnoreFile)
			r.Added = append(r.Added, p)
		}
	}
	return r
}

// dotenvReport describes a write to a dotenv file.
func dotenvReport(r *store.Result, withKey bool) fileReport {
	f := fileReport{File: r.File, Name: r.Name, Previous: r.Previous, Created: r.Created, Replaced: r.Replaced,
		KeyKept: r.Kept, DroppedPrevious: r.DroppedPrevious, Mode: mode(r.Mode), Tightened: r.Tightened(), Git: gitOf(r.Git)}
	if !r.Created {
		f.OldMode = mode(r.OldMode)
	}
	if withKey {
		f.Key = r.Key
	}
	return f
}

// jwksReport describes a change to a key set.
func jwksReport(r *store.JWKSResult) fileReport {
	return fileReport{File: r.File, KID: r.KID, Alg: string(r.Alg), Removed: r.Removed, KIDs: r.Kept,
		Mode: mode(r.Mode), OldMode: mode(r.OldMode), Tightened: r.Tightened(), Git: gitOf(r.Git)}
}
