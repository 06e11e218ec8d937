package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/internal/gitx"
	"github.com/jwtkey/jwtkey/internal/secretname"
	"github.com/jwtkey/jwtkey/strength"
)

// Kind names what a Finding is about.
type Kind string

// The kinds of finding Inspect reports.
const (
	KindTracked     Kind = "tracked"     // git tracks the file: its keys are in the history
	KindNotIgnored  Kind = "not-ignored" // git would pick the file up with the next "git add ."
	KindMode        Kind = "mode"        // other users can read the file
	KindWeak        Kind = "weak"        // a secret that can be guessed
	KindEmpty       Kind = "empty"       // a secret variable without a value
	KindShared      Kind = "shared"      // one secret in two environments
	KindNotText     Kind = "not-text"    // a dotenv file that is not text
	KindUnparseable Kind = "unparseable" // a line that assigns a secret but cannot be read
	KindLeftover    Kind = "leftover"    // a temporary file from an interrupted write
)

// Finding is one problem in a project. Messages never hold a secret.
type Finding struct {
	File    string
	Var     string // the variable concerned, if any
	Kind    Kind
	Message string
}

// FileReport is one dotenv file Inspect looked at.
type FileReport struct {
	File    string
	Env     string      // environment by file name: "" for .env and .env.local
	Mode    fs.FileMode // permission bits
	Secrets []string    // names of the variables judged as secrets
}

// Report is what Inspect found.
type Report struct {
	Dir        string
	Files      []FileReport
	Findings   []Finding
	GitSkipped error // why git was not asked (ErrNoGit), or nil
}

// skipDirs are not searched for dotenv files: they hold other people's
// code or git's own data.
var skipDirs = map[string]bool{".git": true, "node_modules": true, "vendor": true, ".venv": true, "venv": true, "__pycache__": true}

// maxDepth bounds the search below the project directory.
const maxDepth = 6

// Inspect looks at the dotenv files in dir and below: whether git ignores
// them and does not track them, whether other users can read them, whether
// their secrets are strong, and whether two environments share a secret.
func Inspect(dir string) (*Report, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("store: %s is not a directory", dir)
	}
	r := &Report{Dir: dir}
	var files []string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == dir {
				return err
			}
			return nil // an unreadable subdirectory is not this project's concern
		}
		if d.IsDir() {
			rel, _ := filepath.Rel(dir, path)
			if path != dir && (skipDirs[d.Name()] || strings.Count(rel, string(filepath.Separator)) >= maxDepth) {
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		switch {
		case strings.HasPrefix(name, "..env") && strings.Contains(name, ".tmp-"):
			r.add(Finding{File: path, Kind: KindLeftover, Message: "a temporary file left by an interrupted write; it may hold a copy of a key: delete it"})
		case dotenv.IsFile(name) && !dotenv.IsTemplate(name) && (d.Type().IsRegular() || d.Type()&fs.ModeSymlink != 0):
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var uses []dotenv.Use
	for _, f := range files {
		fr := FileReport{File: f, Env: dotenv.Environment(filepath.Base(f))}
		if st, err := os.Stat(f); err == nil {
			fr.Mode = st.Mode().Perm()
			if fr.Mode&0o077 != 0 && runtime.GOOS != "windows" {
				r.add(Finding{File: f, Kind: KindMode, Message: fmt.Sprintf("mode %#o lets other users read it: chmod 600 %s", fr.Mode, f)})
			}
		}
		r.inspectGit(f)
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		parsed, err := dotenv.Parse(data)
		if err != nil {
			r.add(Finding{File: f, Kind: KindNotText, Message: "not a text file, so not a dotenv file any reader can use"})
			r.Files = append(r.Files, fr)
			continue
		}
		for _, p := range parsed.Problems() {
			if secretname.Of(p.Name) != secretname.None {
				r.add(Finding{File: f, Var: p.Name, Kind: KindUnparseable, Message: fmt.Sprintf("line %d cannot be parsed: %s", p.Line, p.Reason)})
			}
		}
		for _, v := range parsed.Vars() {
			if secretname.Of(v.Name) == secretname.None {
				continue
			}
			if val, _ := parsed.Lookup(v.Name); val != v.Value {
				continue // an earlier assignment that a later one overrides
			}
			fr.Secrets = append(fr.Secrets, v.Name)
			res, err := strength.Check([]byte(v.Value))
			switch {
			case errors.Is(err, strength.ErrEmpty):
				r.add(Finding{File: f, Var: v.Name, Kind: KindEmpty, Message: fmt.Sprintf("%s is empty", v.Name)})
				continue
			case err != nil:
				// Too long or not plain text (a PEM key, say): not a
				// secret string this check can judge. Reuse still counts.
			case res.Verdict != strength.Strong:
				msg := fmt.Sprintf("%s is %s", v.Name, res.Verdict)
				if len(res.Findings) > 0 {
					msg += ": " + res.Findings[0].Message
				}
				r.add(Finding{File: f, Var: v.Name, Kind: KindWeak, Message: msg})
			}
			uses = append(uses, dotenv.Use{Place: f, File: f, Name: v.Name, Value: v.Value})
		}
		r.Files = append(r.Files, fr)
	}
	for _, g := range dotenv.Shared(uses) {
		for _, u := range g[1:] {
			if first := g[0]; !u.SameEnvironment(first) {
				r.add(Finding{File: u.File, Var: u.Name, Kind: KindShared, Message: fmt.Sprintf(
					"%s has the same value as %s in %s: each environment needs its own key", u.Name, first.Name, first.File)})
			}
		}
	}
	slices.SortStableFunc(r.Findings, func(a, b Finding) int {
		return strings.Compare(a.File+"\x00"+a.Var, b.File+"\x00"+b.Var)
	})
	return r, nil
}

func (r *Report) add(f Finding) { r.Findings = append(r.Findings, f) }

func (r *Report) inspectGit(f string) {
	if r.GitSkipped != nil {
		return
	}
	st, err := gitx.StatusOf(f)
	switch {
	case err != nil:
		r.GitSkipped = err
	case st.Tracked:
		r.add(Finding{File: f, Kind: KindTracked, Message: fmt.Sprintf("git tracks it, so its keys are in the history: untrack it with git rm --cached %s, commit, and replace every key in it", f)})
	case st.Repo != "" && !st.Ignored:
		r.add(Finding{File: f, Kind: KindNotIgnored, Message: "git does not ignore it, so \"git add .\" would commit its keys: add it to .gitignore"})
	}
}
