package main

import (
	"fmt"

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
	a.say(r.Warnings())
	write := r.WriteText
	if o.json {
		write = r.WriteJSON
	}
	if err := write(a.stdout); err != nil {
		return &cliError{code: exitError, err: fmt.Errorf("writing the report: %w", err)}
	}
	if !o.json {
		a.infof("%s", r.Summary())
	}
	if len(r.Problems) > 0 {
		return errFinding
	}
	return nil
}
