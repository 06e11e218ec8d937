package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/jwtkey/jwtkey/internal/display"
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
	if errors.Is(r.GitSkipped, scan.ErrNoGit) {
		a.warningf("git is not installed: the git checks (tracked? ignored?) were skipped")
	} else if r.GitSkipped != nil {
		a.warningf("the git checks were skipped: %s", r.GitSkipped)
	}
	write := r.WriteText
	if o.json {
		write = r.WriteJSON
	}
	if err := write(a.stdout); err != nil {
		return &cliError{code: exitError, err: fmt.Errorf("writing the report: %w", err)}
	}
	if !o.json {
		switch {
		case len(r.Files) == 0:
			a.infof("no dotenv files in %s", display.Name(dir))
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
