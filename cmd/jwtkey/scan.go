package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jwtkey/jwtkey/scan"
)

const scanLong = `Scan looks for JWT signing secrets written into code or configuration,
and for .env files that git would commit. Every secret found is judged by
the same estimator as "jwtkey check": a weak one is reported as weak,
regardless of entropy, because weak literals are the ones that get
cracked.

Arguments:
  DIR   the directory to scan (default: the current directory). In a git
        work tree jwtkey scans the files git knows: tracked, and untracked
        but not ignored. Elsewhere it walks the tree, skipping binaries,
        vendored and generated directories (node_modules, vendor, dist,
        build, …) and files over --max-size.

What it finds:
  - configuration (.env, YAML, JSON, TOML, .properties, Dockerfile,
    compose and CI files) that sets JWT_SECRET, JWT_KEY, TOKEN_SECRET,
    ACCESS_TOKEN_SECRET, REFRESH_TOKEN_SECRET, AUTH_SECRET,
    NEXTAUTH_SECRET, SECRET_KEY, SIGNING_KEY, jwt.secret, "jwt: secret:"
    and the like to a literal. References (${JWT_SECRET}, process.env.X,
    os.Getenv, {{ secrets.X }}) are not findings; a default in a
    reference (${JWT_SECRET:-changeme}) is;
  - literal keys passed to JWT libraries: jsonwebtoken, jose, express-jwt,
    NestJS JwtModule, golang-jwt, PyJWT, jjwt, java-jwt, ruby-jwt,
    firebase/php-jwt, .NET SymmetricSecurityKey;
  - .env files that are committed, or not ignored (example files with
    empty or placeholder values are fine);
  - the same secret set in two files (two environments sharing a key);
  - JWTs in the code signed with a published or guessable secret.
Tests and fixtures (test/, testdata/, *_test.go, *.spec.ts, …) are
skipped unless --include-tests; documentation (*.md) and lock files always.

Accepting findings:
  A comment containing "jwtkey:allow" on the line of a finding, or the
  line above it, accepts that finding. --write-baseline FILE records the
  current findings; --baseline FILE then reports only new ones. Baselines
  hold fingerprints, never secrets.

Output:
  Text by default, with every secret shown as REDACTED; --show-secrets
  prints them. --format json prints an array of findings; --format sarif
  prints a SARIF 2.1.0 log for code-scanning upload.

Security considerations:
  A secret found in a repository is known to everyone with a clone, and
  removing it leaves it in the history (see --history): rotate it. A
  strong key in the wrong place is still reported, as a warning.

Exit status: 0 nothing found; 1 findings; 2 a usage or I/O error.`

const scanExamples = `  jwtkey scan                          # the current git work tree
  jwtkey scan --history                # everything ever committed
  jwtkey scan --staged                 # what the next commit holds (pre-commit)
  jwtkey scan --format sarif > jwtkey.sarif
  jwtkey scan --write-baseline .jwtkey-baseline.json
  jwtkey scan --baseline .jwtkey-baseline.json`

type scanOptions struct {
	history       bool
	staged        bool
	format        string
	showSecrets   bool
	baseline      string
	writeBaseline string
	maxSize       string
	includeTests  bool
	verbose       bool
	jobs          int
	noGit         bool
}

// scanCommands returns the scan verb.
func (a *app) scanCommands() []*cobra.Command {
	var o scanOptions
	cmd := &cobra.Command{
		Use:     "scan [DIR]",
		Short:   "Find JWT secrets written into code, configuration or git history",
		Long:    scanLong,
		Example: scanExamples,
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			return a.scan(cmd.Context(), dir, &o)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.history, "history", false, "scan every line ever committed (git log -p --all), reporting the commit")
	f.BoolVar(&o.staged, "staged", false, "scan only staged content (for a pre-commit hook)")
	f.StringVarP(&o.format, "format", "f", "text", "output format: text|json|sarif")
	f.BoolVar(&o.showSecrets, "show-secrets", false, "print the secrets found instead of REDACTED")
	f.StringVar(&o.baseline, "baseline", "", "report only findings not in this baseline file")
	f.StringVar(&o.writeBaseline, "write-baseline", "", "write the findings to this baseline file and exit 0")
	f.StringVar(&o.maxSize, "max-size", "1MiB", "skip files larger than this (e.g. 512KiB, 4MiB, 100000)")
	f.BoolVar(&o.includeTests, "include-tests", false, "also scan tests and test fixtures")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "say which files were skipped, and why")
	f.BoolVar(&o.noGit, "no-git", false, "walk the directory even inside a git work tree")
	f.IntVarP(&o.jobs, "jobs", "j", 0, "files scanned in parallel (default: one per CPU)")
	cmd.MarkFlagsMutuallyExclusive("history", "staged", "no-git")
	cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "json", "sarif"}, cobra.ShellCompDirectiveNoFileComp))
	return []*cobra.Command{cmd}
}

func (a *app) scan(ctx context.Context, dir string, o *scanOptions) error {
	switch o.format {
	case "text", "json", "sarif":
	default:
		return withHint(usageErrorf("unknown format %q", o.format), "choose one of text, json, sarif")
	}
	maxSize, err := parseSize(o.maxSize)
	if err != nil {
		return withHint(usageErrorf("bad --max-size %q", o.maxSize), "give a size in bytes, or with a unit: 512KiB, 4MiB")
	}
	if o.jobs < 0 {
		return usageErrorf("--jobs must be at least 1")
	}
	if o.baseline != "" && o.writeBaseline != "" {
		return usageErrorf("--baseline and --write-baseline cannot be used together")
	}
	var base *scan.Baseline
	if o.baseline != "" {
		if base, err = scan.ReadBaseline(o.baseline); err != nil {
			return withHint(err, "make one with: jwtkey scan --write-baseline %s", o.baseline)
		}
	}
	opts := scan.Options{MaxSize: maxSize, Workers: o.jobs, IncludeTests: o.includeTests, NoGit: o.noGit}
	switch {
	case o.history:
		opts.Mode = scan.History
	case o.staged:
		opts.Mode = scan.Staged
	}
	if o.verbose {
		opts.Note = func(p, reason string) { a.infof("skipped %s: %s", p, reason) }
	}
	if ctx == nil {
		ctx = context.Background()
	}
	res, err := scan.Scan(ctx, dir, opts)
	if errors.Is(err, scan.ErrNotRepo) {
		return withHint(err, "--history and --staged read git; run them inside a git work tree")
	}
	if err != nil {
		return err
	}
	if !res.Git && o.verbose {
		a.infof("%s is not in a git work tree: walked the directory", dir)
	}
	if o.writeBaseline != "" {
		if err := scan.NewBaseline(res.Findings).Write(o.writeBaseline); err != nil {
			return err
		}
		a.infof("wrote %d findings to baseline %s", len(res.Findings), o.writeBaseline)
		return nil
	}
	found := res.Findings
	accepted := 0
	if base != nil {
		found, accepted = base.Filter(found)
	}
	switch o.format {
	case "json":
		err = scan.WriteJSON(a.stdout, found, o.showSecrets)
	case "sarif":
		err = scan.WriteSARIF(a.stdout, found, "", o.showSecrets)
	default:
		err = a.scanText(a.stdout, found, o.showSecrets)
	}
	if err != nil {
		return err
	}
	a.scanSummary(res, len(found), accepted)
	if o.verbose {
		a.infof("%d bytes scanned", res.Bytes)
	}
	if len(found) > 0 {
		return errFinding
	}
	return nil
}

func (a *app) scanText(w io.Writer, found []scan.Finding, show bool) error {
	for _, f := range found {
		loc := fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
		if f.Commit != "" {
			loc = shortCommit(f.Commit) + ":" + loc
		}
		verdict := ""
		if f.Verdict != "" {
			verdict = f.Verdict + ": "
		}
		fmt.Fprintf(w, "%s: %s%s [%s]\n", loc, verdict, f.Message, f.RuleID)
		if s := f.Snippet(show); s != "" {
			fmt.Fprintf(w, "    %s\n", s)
		}
		if _, err := fmt.Fprintf(w, "    fix: %s\n", f.Fix); err != nil {
			return err
		}
	}
	return nil
}

func (a *app) scanSummary(res *scan.Result, n, accepted int) {
	what := "files"
	if res.Files == 1 {
		what = "file"
	}
	msg := fmt.Sprintf("%d %s scanned", res.Files, what)
	if res.Skipped > 0 {
		msg += fmt.Sprintf(", %d skipped", res.Skipped)
	}
	switch n {
	case 0:
		msg += ": no JWT secrets found"
	case 1:
		msg += ": 1 finding"
	default:
		msg += fmt.Sprintf(": %d findings", n)
	}
	if accepted > 0 {
		msg += fmt.Sprintf(" (%d accepted by the baseline)", accepted)
	}
	a.infof("%s", msg)
}

func shortCommit(c string) string {
	if len(c) > 12 {
		return c[:12]
	}
	return c
}

// parseSize reads 1048576, 512KiB, 512K, 4MiB, 4M or 1GiB.
func parseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"gib", 1 << 30}, {"mib", 1 << 20}, {"kib", 1 << 10}, {"gb", 1 << 30}, {"mb", 1 << 20}, {"kb", 1 << 10}, {"g", 1 << 30}, {"m", 1 << 20}, {"k", 1 << 10}, {"b", 1}} {
		if strings.HasSuffix(strings.ToLower(t), u.suffix) {
			t, mult = strings.TrimSpace(t[:len(t)-len(u.suffix)]), u.m
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/mult {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return n * mult, nil
}
