package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jwtkey/jwtkey/scan"
)

const scanLong = `Scan looks for JWT signing secrets written into code or configuration,
for private keys, and for .env files that git would commit. Every secret
found is judged by the same estimator as "jwtkey check": a weak one is
reported as weak, regardless of entropy, because weak literals are the
ones that get cracked.

Arguments:
  DIR   the directory to scan (default: the current directory). In a git
        work tree jwtkey scans the files git knows: tracked, and untracked
        but not ignored. Elsewhere, or with --no-git (git is then not run
        at all), it walks the tree, skipping binaries, vendored and
        generated directories (node_modules, vendor, dist, build, …) and
        files over --max-size. A file is never read past --max-size.
  -     standard input, scanned as one file ("git diff | jwtkey scan -",
        "kubectl get secret -o yaml | jwtkey scan --stdin-filename s.yml -").
        It is reported as "(stdin)" and read by the rules of no particular
        language: quoted literals assigned to names like JWT_SECRET,
        private keys, JWTs signed with a known secret. --stdin-filename
        NAME reports it as NAME and reads it as NAME's language (app.yml
        as YAML, .env as a dotenv file, auth.js as JavaScript). Nothing
        read from standard input is skipped by its name; the allow
        comments apply.

Excluding paths (--exclude PATTERN, repeatable; [scan] exclude):
  Patterns follow .gitignore: "*.min.js" or "fixtures" (no slash) match a
  name at any depth; "docs/examples/*.js" or "/config.yml" (a slash) are
  anchored; "*" and "?" stay within a directory, "**" spans any number
  ("config/**/local.yml"), and a trailing "/**" is everything inside;
  "build/" matches a directory only. A pattern that matches a directory
  excludes everything below it. Negation ("!") is refused. --exclude
  patterns are relative to DIR; those of .jwtkey.toml to that file, and
  --exclude replaces them all. Excluded files are listed with --verbose.

What it finds:
  - configuration (.env, YAML, JSON, TOML, .properties, Dockerfile,
    compose and CI files) that sets JWT_SECRET, JWT_KEY, TOKEN_SECRET,
    ACCESS_TOKEN_SECRET, REFRESH_TOKEN_SECRET, AUTH_SECRET,
    NEXTAUTH_SECRET, SECRET_KEY, SIGNING_KEY, jwt.secret, "jwt: secret:"
    and the like to a literal. In .env files every variable whose name
    holds a secret (as for "check --file" and "doctor": *PASSWORD,
    API_KEY, *TOKEN…) is judged. References (${JWT_SECRET}, process.env.X,
    os.Getenv, {{ secrets.X }}) are not findings; a default in a
    reference (${JWT_SECRET:-changeme}) is;
  - literal keys passed to JWT libraries, by each library's signature
    (the key argument, never a key ID or an algorithm): jsonwebtoken,
    jose, express-jwt, NestJS JwtModule, golang-jwt, jose2go, PyJWT,
    python-jose, jjwt, java-jwt, Nimbus, ruby-jwt, firebase/php-jwt, .NET
    SymmetricSecurityKey; and HMAC keys in code that builds or checks
    JWTs by hand (createHmac, hmac.new, hmac.New, SecretKeySpec,
    hash_hmac, OpenSSL::HMAC, HMACSHA256);
  - a literal held in a name and used at such a call: a variable, a
    constant, a field, a property or a getter, in the same file or in
    another file of the repository (config.jwtSecret, Settings.Secret,
    from config import SECRET_KEY), or handed to the project's own
    function that passes it on. The finding is at the literal's line and
    names the use: "used by jwt.sign at auth.js:42";
  - defaults of environment variables that hold signing keys, whatever
    the name assigned: process.env.JWT_SECRET || 'dev', ?? and or,
    const { JWT_SECRET = 'dev' } = process.env, os.getenv("X", "dev"),
    env('JWT_SECRET', 'dev'), getenv() ?: 'dev', ENV.fetch("X", "dev"),
    cmp.Or(os.Getenv("X"), "dev"), if s == "" { s = "dev" },
    getOrDefault, ?: and ?? — also when the value is lines below;
  - private keys: PEM (PKCS #1, PKCS #8, SEC 1, OpenSSH) and JSON Web
    Keys with private members, including what "jwtkey generate -o"
    writes;
  - .env files that are committed, or not ignored (example files with
    empty or placeholder values are fine); a .env that is a symbolic link
    is read through and judged, as by "jwtkey doctor", by the file it
    points to in the repository that file lives in;
  - .env secrets that dotenv readers read differently (Node dotenv stops
    at "#", Compose expands "$"…): reported as unparseable and judged by
    the shortest reading;
  - the same secret set in two environments;
  - JWTs in the code signed with a published or guessable secret.
Tests and fixtures (test/, testdata/, *_test.go, *.spec.ts, …) are
skipped unless --include-tests; documentation (*.md) and lock files always.

Accepting findings:
  A comment containing "jwtkey:allow" on the line of a finding, or the
  line above it, accepts that finding; "jwtkey:allow-file" in the first
  kilobyte of a file skips the file, in the work tree, in --staged and, in
  each commit that holds it, in --history. --write-baseline FILE records
  the current findings; --baseline FILE then reports only new ones.
  Baselines hold fingerprints, never secrets; a fingerprint covers the
  verdict, so a line whose secret gets worse (a strong key replaced by
  "changeme") is reported again.

Output:
  Text by default, with every secret shown as REDACTED; --show-secrets
  prints them. File names holding spaces, quotes or control characters
  are printed quoted, like Go's %q, so a name cannot forge a line or
  drive the terminal. --format json (or --json) prints an array of
  findings; --format sarif prints a SARIF 2.1.0 log for code-scanning
  upload.

Project settings (.jwtkey.toml of DIR, or of its git work tree):
  [scan] exclude is used unless --exclude is given; baseline is the
  default --baseline; secret_names are more names that hold a signing key
  in this project (APP_SIGNER, also matching appSigner and app.signer):
  their literals are judged in configuration, code and .env files like
  JWT_SECRET's, and "jwtkey doctor" and "jwtkey check --file" count them
  too.

Git:
  --staged reads the index by object id, so file names with line breaks
  or quotes are read too. Every git command runs with the programs a
  repository's configuration can name turned off (core.fsmonitor, hooks,
  pagers, external diff and textconv drivers, credential helpers, ssh,
  gpg): scanning a hostile clone runs none of them. With --history, a
  repository git cannot read to the end (a missing object) has what was
  found before the damage reported, then exit status 2.

Limits: --jobs is at most 8 per CPU.

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
	json          bool
	exclude       []string
	stdinName     string
}

// scanCommands returns the scan verb.
func (a *app) scanCommands() []*cobra.Command {
	var o scanOptions
	cmd := &cobra.Command{
		Use:     "scan [DIR|-]",
		Short:   "Find JWT secrets written into code, configuration or git history",
		Long:    scanLong,
		Example: scanExamples,
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
	f.StringArrayVar(&o.exclude, "exclude", nil, "do not scan paths matching this .gitignore pattern (repeatable; replaces [scan] exclude)")
	f.StringVar(&o.stdinName, "stdin-filename", "", "with -: report standard input as this file, read in its language")
	f.BoolVar(&o.showSecrets, "show-secrets", false, "print the secrets found instead of REDACTED")
	f.StringVar(&o.baseline, "baseline", "", "report only findings not in this baseline file (default [scan] baseline)")
	f.StringVar(&o.writeBaseline, "write-baseline", "", "write the findings to this baseline file and exit 0")
	f.StringVar(&o.maxSize, "max-size", "1MiB", "skip files larger than this (e.g. 512KiB, 4MiB, 100000)")
	f.BoolVar(&o.includeTests, "include-tests", false, "also scan tests and test fixtures")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "say which files were skipped, and why")
	f.BoolVar(&o.noGit, "no-git", false, "walk the directory even inside a git work tree")
	f.IntVarP(&o.jobs, "jobs", "j", 0, "files scanned in parallel (default: one per CPU; at most 8 per CPU)")
	cmd.MarkFlagsMutuallyExclusive("history", "staged", "no-git")
	cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "json", "sarif"}, cobra.ShellCompDirectiveNoFileComp))
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
	case stdin && (o.history || o.staged || o.noGit):
		return usageErrorf("- scans standard input: --history, --staged and --no-git read a directory")
	case !stdin && o.stdinName != "":
		return usageErrorf("--stdin-filename names standard input: scan it with -")
	}
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
	if max := scan.MaxWorkersPerCPU * runtime.NumCPU(); o.jobs > max {
		return withHint(usageErrorf("--jobs %d is more than %d (%d per CPU)", o.jobs, max, scan.MaxWorkersPerCPU), "more workers than that only add memory; leave --jobs out for one per CPU")
	}
	if o.baseline != "" && o.writeBaseline != "" {
		return usageErrorf("--baseline and --write-baseline cannot be used together")
	}
	opts := scan.Options{MaxSize: maxSize, Workers: o.jobs, IncludeTests: o.includeTests, NoGit: o.noGit, Exclude: o.exclude}
	cfgDir := dir
	if stdin {
		cfgDir = "."
	}
	c, err := a.projectConfig(cfgDir)
	if err != nil {
		return err
	}
	opts.SecretNames = c.Scan.SecretNames
	if !changed("exclude") && len(c.Scan.Exclude) > 0 {
		opts.Exclude, opts.ExcludeDir = c.Scan.Exclude, filepath.Dir(c.Path)
	}
	if !changed("baseline") && o.writeBaseline == "" && c.Scan.Baseline != "" {
		o.baseline = displayPath(c.Scan.Baseline)
	}
	var base *scan.Baseline
	if o.baseline != "" {
		if base, err = scan.ReadBaseline(o.baseline); err != nil {
			return withHint(err, "make one with: jwtkey scan --write-baseline %s", o.baseline)
		}
	}
	switch {
	case o.history:
		opts.Mode = scan.History
	case o.staged:
		opts.Mode = scan.Staged
	}
	if o.verbose {
		opts.Note = func(p, reason string) { a.infof("skipped %s: %s", scan.QuoteName(p), reason) }
	}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	var res *scan.Result
	if stdin {
		res, err = scan.ScanReader(ctx, a.stdin, o.stdinName, opts)
	} else {
		res, err = scan.Scan(ctx, dir, opts)
	}
	var ee *scan.ExcludeError
	if errors.As(err, &ee) && !changed("exclude") {
		return &cliError{code: exitError, err: fmt.Errorf("%w (in %s)", err, configName(c))}
	}
	if errors.Is(err, scan.ErrNotRepo) {
		return withHint(err, "--history and --staged read git; run them inside a git work tree")
	}
	if err != nil && res == nil {
		return err
	}
	// A damaged repository: what was read is reported, then the error.
	partial := err
	if !res.Git && o.verbose && !stdin {
		a.infof("%s is not in a git work tree: walked the directory", scan.QuoteName(dir))
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
	if o.format != "json" {
		// JSON output holds the findings; as on every verb, --json
		// prints no info lines.
		a.scanSummary(res, len(found), accepted)
	}
	if o.verbose {
		a.infof("%d bytes scanned", res.Bytes)
	}
	if partial != nil {
		return withHint(&cliError{code: exitError, err: fmt.Errorf("the history could not be read to the end: %w", partial)},
			"the findings above are from the commits read before the failure; repair the repository (git fsck) and scan again")
	}
	if len(found) > 0 {
		return errFinding
	}
	return nil
}

func (a *app) scanText(w io.Writer, found []scan.Finding, show bool) error {
	for _, f := range found {
		loc := fmt.Sprintf("%s:%d:%d", scan.QuoteName(f.File), f.Line, f.Column)
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
