package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/scan"
)

const doctorLong = `Doctor inspects the dotenv files of a project: DIR (default the current
directory) and every directory below it, however deep, but node_modules,
vendor, .venv and .git. Symbolic links to directories are not followed.

  tracked       git tracks the file: its keys are in the history
  not-ignored   git does not ignore it: "git add ." would commit it
  mode          group or other users can read it
  weak, empty   a secret (a variable named *SECRET*, SIGNING_KEY, JWT*KEY,
                *PASSWORD, API_KEY…) that can be guessed, or has no value
  shared        two environments (.env.production, .env.staging…) share a
                secret; .env and .env.local count as one
  unparseable   a secret that the common dotenv readers (Node dotenv,
                python-dotenv, godotenv, Ruby dotenv, Docker Compose) read
                differently, such as JWT_SECRET=ab#cd… (Node reads "ab"),
                or cannot read; it is judged by its shortest reading
  not-text      a dotenv file that is not text, or not a regular file, or
                larger than 8 MiB (it is not read)
  leftover      a temporary file from an interrupted write, which may hold
                a key

A .env that is a symbolic link is judged by the file it points to: git's
answers for that file come from the repository it lives in, and the link's
own from its work tree. Templates (.env.example, .env.sample,
.env.template…) are skipped. Secrets are never printed; file names with
spaces, quotes or control characters are printed quoted, like Go's %q.
Without git, the git checks are skipped with a warning.

"jwtkey scan" judges the same .env files with the same rules: the same
variables are secrets, with the same verdicts and the same git reasons.
The [scan] secret_names of .jwtkey.toml (of DIR, or of its git work tree)
are secrets for both.
Doctor also reads the .env files git ignores; scan reads what git would
commit.

Security considerations:
  Doctor reads only dotenv files; secrets hard-coded in source or in git
  history are for "jwtkey scan" and "jwtkey scan --history". A tracked or
  once-committed key is exposed even after the file is fixed: rotate it.
  Git is asked with every program a repository's configuration could name
  turned off (core.fsmonitor, hooks, pagers, diff drivers…).

Exit status: 0 nothing found; 1 findings; 2 a usage or I/O error.`

type doctorOptions struct {
	json bool
}

func (a *app) doctorCmd() *cobra.Command {
	var o doctorOptions
	cmd := &cobra.Command{
		Use:   "doctor [DIR]",
		Short: "Inspect a project's .env files: git, mode, strength, reuse",
		Long:  doctorLong,
		Example: `  jwtkey doctor
  jwtkey doctor ~/src/app --json | jq '.findings[]'`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.doctor(&o, args)
		},
	}
	cmd.Flags().BoolVar(&o.json, "json", false, "print the report as JSON")
	return cmd
}

type doctorJSON struct {
	Dir        string          `json:"dir"`
	Files      []doctorFile    `json:"files"`
	Findings   []doctorFinding `json:"findings"`
	GitSkipped string          `json:"git_skipped,omitempty"`
}

type doctorFile struct {
	File     string            `json:"file"`
	Env      string            `json:"env"`
	Mode     string            `json:"mode"`
	Target   string            `json:"target,omitempty"`
	Secrets  []string          `json:"secrets"`
	Verdicts map[string]string `json:"verdicts"`
}

type doctorFinding struct {
	File    string `json:"file"`
	Var     string `json:"var,omitempty"`
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

func (a *app) doctor(o *doctorOptions, args []string) error {
	dir := "."
	if len(args) == 1 {
		dir = args[0]
	}
	c, err := a.projectConfig(dir)
	if err != nil {
		return err
	}
	r, err := scan.Inspect(dir, c.Scan.SecretNames...)
	if err != nil {
		return &cliError{code: exitError, err: err}
	}
	rel := func(p string) string {
		if s, err := filepath.Rel(dir, p); err == nil {
			return s
		}
		return p
	}
	if errors.Is(r.GitSkipped, scan.ErrNoGit) {
		a.warningf("git is not installed: the git checks (tracked? ignored?) were skipped")
	} else if r.GitSkipped != nil {
		a.warningf("the git checks were skipped: %s", r.GitSkipped)
	}
	if o.json {
		out := doctorJSON{Dir: dir, Files: []doctorFile{}, Findings: []doctorFinding{}}
		if r.GitSkipped != nil {
			out.GitSkipped = r.GitSkipped.Error()
		}
		for _, f := range r.Files {
			out.Files = append(out.Files, doctorFile{File: rel(f.File), Env: f.Env, Mode: fmt.Sprintf("%#o", f.Mode), Target: f.Target,
				Secrets: append([]string{}, f.Secrets...), Verdicts: f.Verdicts})
		}
		for _, f := range r.Problems {
			out.Findings = append(out.Findings, doctorFinding{File: rel(f.File), Var: f.Var, Kind: string(f.Kind), Message: f.Message})
		}
		b, _ := json.MarshalIndent(out, "", "  ")
		fmt.Fprintf(a.stdout, "%s\n", b)
	} else {
		for _, f := range r.Problems {
			fmt.Fprintf(a.stdout, "%s: %s: %s\n", scan.QuoteName(rel(f.File)), f.Kind, f.Message)
		}
		switch {
		case len(r.Files) == 0:
			a.infof("no dotenv files in %s", scan.QuoteName(dir))
		case len(r.Problems) == 0:
			a.infof("%d dotenv files, no findings", len(r.Files))
		default:
			a.infof("%d dotenv files, %d findings", len(r.Files), len(r.Problems))
		}
	}
	if len(r.Problems) > 0 {
		return errFinding
	}
	return nil
}

// dialectNames lists dotenv readers for a message.
func dialectNames(ds []dotenv.Dialect) string {
	names := make([]string, len(ds))
	for i, d := range ds {
		names[i] = d.String()
	}
	return strings.Join(names, ", ")
}
