package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jwtkey/jwtkey/internal/display"
	"github.com/jwtkey/jwtkey/scan"
)

type scanOptions struct {
	// The flags that are fields of the job as they are: --include-tests,
	// --no-git, --jobs, --exclude, --stdin-filename, --baseline and
	// --write-baseline.
	scan.Job

	history     bool
	staged      bool
	format      string
	showSecrets bool
	maxSize     string
	verbose     bool
	json        bool
}

// scanCommands returns the scan verb.
func (a *app) scanCommands() []*cobra.Command {
	var o scanOptions
	cmd := &cobra.Command{
		Use:     "scan [DIR|-]",
		Short:   "Find JWT secrets written into code, configuration or git history",
		Long:    manual("scan"),
		Example: manual("scan.examples"),
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			return a.scan(cmd, dir, &o)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.history, "history", false, "scan every line ever committed (git log -p --all), reporting the commit")
	f.BoolVar(&o.staged, "staged", false, "scan only staged content (for a pre-commit hook)")
	f.StringVarP(&o.format, "format", "f", "text", "output format: text|json|sarif")
	f.BoolVar(&o.json, "json", false, "the same as --format json")
	f.StringArrayVar(&o.Exclude, "exclude", nil, "do not scan paths matching this .gitignore pattern (repeatable; replaces [scan] exclude)")
	f.StringVar(&o.StdinName, "stdin-filename", "", "with -: report standard input as this file, read in its language")
	f.BoolVar(&o.showSecrets, "show-secrets", false, "print the secrets found instead of REDACTED")
	f.StringVar(&o.Baseline, "baseline", "", "report only findings not in this baseline file (default [scan] baseline)")
	f.StringVar(&o.WriteBaseline, "write-baseline", "", "write the findings to this baseline file and exit 0")
	f.StringVar(&o.maxSize, "max-size", "1MiB", "skip files larger than this (e.g. 512KiB, 4MiB, 100000)")
	f.BoolVar(&o.IncludeTests, "include-tests", false, "also scan tests and test fixtures")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "say which files were skipped, and why")
	f.BoolVar(&o.NoGit, "no-git", false, "walk the directory even inside a git work tree")
	f.IntVarP(&o.Workers, "jobs", "j", 0, "files scanned in parallel (default: one per CPU; at most 8 per CPU)")
	cmd.MarkFlagsMutuallyExclusive("history", "staged", "no-git")
	cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(scan.Formats, cobra.ShellCompDirectiveNoFileComp))
	return []*cobra.Command{cmd}
}

func (a *app) scan(cmd *cobra.Command, dir string, o *scanOptions) error {
	changed := cmd.Flags().Changed
	stdin := dir == "-"
	switch {
	case o.json && changed("format") && o.format != "json":
		return usageErrorf("--json is --format json: give one")
	case o.json:
		o.format = "json"
	case a.quiet && o.verbose:
		return usageErrorf("--quiet and --verbose: give one")
	case stdin && (o.history || o.staged || o.NoGit):
		return usageErrorf("- scans standard input: --history, --staged and --no-git read a directory")
	case !stdin && o.StdinName != "":
		return usageErrorf("--stdin-filename names standard input: scan it with -")
	}
	if !slices.Contains(scan.Formats, o.format) {
		return withHint(usageErrorf("unknown format %q", o.format), "choose one of %s", strings.Join(scan.Formats, ", "))
	}
	maxSize, err := scan.ParseSize(o.maxSize)
	if err != nil {
		return withHint(usageErrorf("bad --max-size %q", o.maxSize), "give a size in bytes, or with a unit: 512KiB, 4MiB")
	}
	if o.Workers < 0 {
		return usageErrorf("--jobs must be at least 1")
	}
	if max := scan.MaxWorkers(); o.Workers > max {
		return withHint(usageErrorf("--jobs %d is more than %d (%d per CPU)", o.Workers, max, scan.MaxWorkersPerCPU), "more workers than that only add memory; leave --jobs out for one per CPU")
	}
	if o.Baseline != "" && o.WriteBaseline != "" {
		return usageErrorf("--baseline and --write-baseline cannot be used together")
	}
	o.Dir, o.MaxSize = dir, maxSize
	cfgDir := dir
	if stdin {
		cfgDir = "."
	}
	c, err := a.projectConfig(cfgDir)
	if err != nil {
		return err
	}
	o.SecretNames = c.Scan.SecretNames
	if !changed("exclude") && len(c.Scan.Exclude) > 0 {
		o.Exclude, o.ExcludeDir = c.Scan.Exclude, filepath.Dir(c.Path)
	}
	if !changed("baseline") && o.WriteBaseline == "" && c.Scan.Baseline != "" {
		o.Baseline = display.Path(c.Scan.Baseline)
	}
	switch {
	case o.history:
		o.Mode = scan.History
	case o.staged:
		o.Mode = scan.Staged
	}
	if o.verbose {
		o.Note = func(p, reason string) { a.infof("skipped %s: %s", display.Name(p), reason) }
	}
	if stdin {
		o.Stdin = a.stdin
	}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	res, err := scan.Run(ctx, o.Job)
	var be *scan.BaselineError
	var ee *scan.ExcludeError
	switch {
	case errors.As(err, &be):
		return withHint(err, "make one with: jwtkey scan --write-baseline %s", be.Name)
	case errors.As(err, &ee) && !changed("exclude"):
		return &cliError{code: exitError, err: fmt.Errorf("%w (in %s)", err, c.Where())}
	case errors.Is(err, scan.ErrNotRepo):
		return withHint(err, "--history and --staged read git; run them inside a git work tree")
	case err != nil:
		return err
	}
	if !res.Git && o.verbose && !stdin {
		a.infof("%s is not in a git work tree: walked the directory", display.Name(dir))
	}
	if o.WriteBaseline != "" {
		a.infof("wrote %d findings to baseline %s", len(res.Findings), o.WriteBaseline)
		return nil
	}
	if err := scan.Write(a.stdout, o.format, res.Reported, o.showSecrets); err != nil {
		return err
	}
	if o.format != "json" {
		// JSON output holds the findings; as on every verb, --json
		// prints no info lines.
		a.infof("%s", res.Summary())
	}
	if o.verbose {
		a.infof("%d bytes scanned", res.Bytes)
	}
	if res.Partial != nil {
		return withHint(&cliError{code: exitError, err: fmt.Errorf("the history could not be read to the end: %w", res.Partial)},
			"the findings above are from the commits read before the failure; repair the repository (git fsck) and scan again")
	}
	if len(res.Reported) > 0 {
		return errFinding
	}
	return nil
}
