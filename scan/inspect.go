package scan

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/internal/atomicfile"
	"github.com/jwtkey/jwtkey/internal/display"
	"github.com/jwtkey/jwtkey/internal/gitx"
	"github.com/jwtkey/jwtkey/internal/secretname"
	"github.com/jwtkey/jwtkey/strength"
)

// Inspect is the project-wide view of what Scan reads file by file: the
// dotenv files of a directory, judged by the same reader (envSecrets) and
// the same git answer (gitProblems) as Scan's dotenv findings, so that the
// doctor and scan verbs never disagree about a file.

// Kind names what a Problem is about.
type Kind string

// The kinds of problem Inspect reports.
const (
	KindTracked     Kind = "tracked"     // git tracks the file: its keys are in the history
	KindNotIgnored  Kind = "not-ignored" // git would pick the file up with the next "git add ."
	KindMode        Kind = "mode"        // other users can read the file
	KindWeak        Kind = "weak"        // a secret that can be guessed
	KindEmpty       Kind = "empty"       // a secret variable without a value
	KindShared      Kind = "shared"      // one secret in two environments
	KindNotText     Kind = "not-text"    // a dotenv file that is not text, or too large to be one
	KindUnparseable Kind = "unparseable" // a secret the dotenv readers read differently, or cannot read
	KindLeftover    Kind = "leftover"    // a temporary file from an interrupted write
)

// Problem is one thing wrong in a project. Messages never hold a secret.
type Problem struct {
	File    string
	Var     string // the variable concerned, if any
	Kind    Kind
	Message string
}

// EnvFile is one dotenv file Inspect looked at.
type EnvFile struct {
	File     string
	Env      string            // environment by file name: "" for .env and .env.local
	Mode     fs.FileMode       // permission bits
	Secrets  []string          // names of the variables judged as secrets
	Verdicts map[string]string // each judged secret's verdict: weak, strong, compromised
	Target   string            // for a symbolic link, the file it resolves to
}

// Inspection is what Inspect found.
type Inspection struct {
	Dir        string
	Files      []EnvFile
	Problems   []Problem
	GitSkipped error // why git was not asked (ErrNoGit), or nil
}

// ErrNoGit is Inspection.GitSkipped when git is not installed.
var ErrNoGit = gitx.ErrNoGit

// inspectSkip are not searched for dotenv files: they hold other people's
// code or git's own data.
var inspectSkip = map[string]bool{".git": true, "node_modules": true, "vendor": true, ".venv": true, "venv": true, "__pycache__": true}

// Inspect looks at the dotenv files in dir and every directory below it
// (but those of inspectSkip; symbolic links to directories are not
// followed, so there is no depth to limit): whether git ignores them and
// does not track them, whether other users can read them, whether their
// secrets are strong and read alike by every dotenv reader, and whether
// two environments share a secret. A dotenv file that is a symbolic link
// is judged by the file it resolves to, in the repository that file lives
// in, and by the link. secretNames are the project's own signing key
// names, as Options.SecretNames gives them to Scan.
func Inspect(dir string, secretNames ...string) (*Inspection, error) {
	names := secretname.New(secretNames...)
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("scan: %s is not a directory", dir)
	}
	r := &Inspection{Dir: dir}
	var files []string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == dir {
				return err
			}
			return nil // an unreadable subdirectory is not this project's concern
		}
		if d.IsDir() {
			if path != dir && inspectSkip[d.Name()] {
				return filepath.SkipDir
			}
			return nil
		}
		name := d.Name()
		switch {
		case atomicfile.IsTemp(name):
			r.add(Problem{File: path, Kind: KindLeftover, Message: "a temporary file left by an interrupted write; it may hold a copy of a key: delete it"})
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
		fr := EnvFile{File: f, Env: dotenv.Environment(filepath.Base(f)), Verdicts: map[string]string{}}
		fr.Target = linkTarget(f)
		if st, err := os.Stat(f); err == nil {
			fr.Mode = st.Mode().Perm()
			if fr.Mode&0o077 != 0 && runtime.GOOS != "windows" {
				r.add(Problem{File: f, Kind: KindMode, Message: fmt.Sprintf("mode %#o lets other users read it: chmod 600 %s", fr.Mode, display.Name(f))})
			}
		}
		if r.GitSkipped == nil {
			probs, err := gitProblems(f)
			if err != nil {
				r.GitSkipped = err
			}
			for _, p := range probs {
				r.add(p)
			}
		}
		data, err := readDotenv(f)
		if err != nil {
			if errors.Is(err, errNotText) {
				r.add(Problem{File: f, Kind: KindNotText, Message: err.Error()})
				r.Files = append(r.Files, fr)
				continue
			}
			return nil, err
		}
		parsed, err := dotenv.Parse(data)
		if err != nil {
			r.add(Problem{File: f, Kind: KindNotText, Message: "not a text file, so not a dotenv file any reader can use"})
			r.Files = append(r.Files, fr)
			continue
		}
		secrets, probs := envSecrets(parsed, names)
		for _, p := range probs {
			r.add(Problem{File: f, Var: p.Name, Kind: KindUnparseable, Message: fmt.Sprintf("line %d cannot be parsed: %s", p.Line, p.Reason)})
		}
		for _, s := range secrets {
			fr.Secrets = append(fr.Secrets, s.Name)
			if s.Skip {
				continue
			}
			if s.Ambiguous {
				r.add(Problem{File: f, Var: s.Name, Kind: KindUnparseable, Message: s.ambiguity()})
			}
			res, err := strength.Check([]byte(s.Value))
			switch {
			case errors.Is(err, strength.ErrEmpty):
				r.add(Problem{File: f, Var: s.Name, Kind: KindEmpty, Message: fmt.Sprintf("%s is empty", s.Name)})
				continue
			case err != nil:
				// Too long or not plain text (a PEM key, say): not a
				// secret string this check can judge. Reuse still counts.
			default:
				fr.Verdicts[s.Name] = res.Verdict.String()
				if res.Verdict != strength.Strong {
					msg := fmt.Sprintf("%s is %s", s.Name, res.Verdict)
					if len(res.Findings) > 0 {
						msg += ": " + res.Findings[0].Message
					}
					r.add(Problem{File: f, Var: s.Name, Kind: KindWeak, Message: msg})
				}
			}
			uses = append(uses, dotenv.Use{Place: f, File: f, Name: s.Name, Value: s.Value})
		}
		r.Files = append(r.Files, fr)
	}
	for _, g := range dotenv.Shared(uses) {
		for _, u := range g[1:] {
			if first := g[0]; !u.SameEnvironment(first) {
				r.add(Problem{File: u.File, Var: u.Name, Kind: KindShared, Message: sharedMessage(u.Name, first.Name, first.File)})
			}
		}
	}
	slices.SortStableFunc(r.Problems, func(a, b Problem) int {
		return strings.Compare(a.File+"\x00"+a.Var, b.File+"\x00"+b.Var)
	})
	return r, nil
}

func sharedMessage(name, otherName, otherFile string) string {
	return fmt.Sprintf("%s has the same value as %s in %s: each environment needs its own key", name, otherName, display.Name(otherFile))
}

func (r *Inspection) add(p Problem) { r.Problems = append(r.Problems, p) }

// linkTarget returns the absolute path a symbolic link resolves to, or ""
// for anything else.
func linkTarget(path string) string {
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return ""
	}
	t, err := filepath.EvalSymlinks(path)
	if err != nil {
		return ""
	}
	if abs, err := filepath.Abs(t); err == nil {
		return abs
	}
	return t
}

var errNotText = errors.New("not a regular text file that a dotenv reader would read")

// readDotenv reads a dotenv file, or the file a link to it resolves to,
// without reading past dotenv.MaxSize: a device, a FIFO or a huge sparse
// file is refused by what it is, not read.
func readDotenv(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: %s", errNotText, st.Mode().Type())
	}
	if st.Size() > dotenv.MaxSize {
		return nil, fmt.Errorf("%w: larger than %d bytes", errNotText, dotenv.MaxSize)
	}
	data, err := io.ReadAll(io.LimitReader(f, dotenv.MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > dotenv.MaxSize {
		return nil, fmt.Errorf("%w: larger than %d bytes", errNotText, dotenv.MaxSize)
	}
	return data, nil
}

// gitProblems asks git about a dotenv file: whether it is tracked, or not
// ignored. A symbolic link is judged twice: as the link, in its own work
// tree, and as the file it resolves to, in the work tree that file lives
// in (which may be another repository).
func gitProblems(path string) ([]Problem, error) {
	var out []Problem
	st, err := gitx.StatusOf(path)
	if err != nil {
		return nil, err
	}
	target := linkTarget(path)
	switch {
	case st.Tracked:
		out = append(out, Problem{File: path, Kind: KindTracked, Message: fmt.Sprintf("git tracks it, so its keys are in the history: untrack it with git rm --cached %s, commit, and replace every key in it", display.Name(path))})
	case st.Repo != "" && !st.Ignored:
		out = append(out, Problem{File: path, Kind: KindNotIgnored, Message: "git does not ignore it, so \"git add .\" would commit its keys: add it to .gitignore"})
	}
	if target == "" {
		return out, nil
	}
	ts, err := gitx.StatusOf(target)
	if err != nil {
		return out, err
	}
	var tp Problem
	switch {
	case ts.Tracked:
		tp = Problem{File: path, Kind: KindTracked, Message: fmt.Sprintf("it links to %s, which git tracks in %s: its keys are in that repository's history; untrack it there and replace every key in it", display.Name(target), display.Name(ts.Repo))}
	case ts.Repo != "" && !ts.Ignored:
		tp = Problem{File: path, Kind: KindNotIgnored, Message: fmt.Sprintf("it links to %s, which git does not ignore in %s: \"git add .\" there would commit its keys", display.Name(target), display.Name(ts.Repo))}
	default:
		return out, nil
	}
	// One reason per kind: the target's says more than the link's.
	out = slices.DeleteFunc(out, func(p Problem) bool { return p.Kind == tp.Kind })
	return append(out, tp), nil
}
