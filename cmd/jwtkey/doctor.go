package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/jwtkey/jwtkey/scan"
)

type doctorOptions struct {
	json bool
}

func (a *app) doctorCmd() *cobra.Command {
	var o doctorOptions
	cmd := &cobra.Command{
		Use:     "doctor [DIR]",
		Short:   "Inspect a project's .env files: git, mode, strength, reuse",
		Long:    manual("doctor"),
		Example: manual("doctor.examples"),
		Args:    cobra.MaximumNArgs(1),
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
