package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/jwtkey/jwtkey/audit"
	"github.com/jwtkey/jwtkey/internal/display"
)

// auditOptions are audit's flags; most are the fields of the library's
// plan and options, and are read straight into them.
type auditOptions struct {
	plan   audit.Plan
	crack  audit.Options
	file   string
	json   bool
	export string
}

func (a *app) auditCommands() []*cobra.Command {
	var o auditOptions
	cmd := &cobra.Command{
		Use:     "audit [TOKEN|-]",
		Short:   "Find out whether a JWT's HMAC secret can be guessed",
		Long:    manual("audit", "@RULES@", display.Count(uint64(audit.BuiltinRuleCount()))),
		Example: manual("audit.examples"),
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.audit(cmd, &o, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.file, "file", "f", "", "read tokens from this file, one per line")
	f.StringVarP(&o.plan.Wordlist, "wordlist", "w", "", "try each line of this file (- for standard input)")
	f.StringVar(&o.plan.Wordlist2, "wordlist2", "", "join each line of --wordlist with each line of this file (combinator)")
	f.BoolVar(&o.plan.BuiltinRules, "rules", false, fmt.Sprintf("run the built-in rules on each wordlist line (%s per line)", display.Count(uint64(audit.BuiltinRuleCount()))))
	f.StringArrayVarP(&o.plan.Rules, "rules-file", "r", nil, "run this hashcat rule file on each wordlist line (repeatable)")
	f.BoolVar(&o.crack.NoBase64, "no-base64", false, "do not also try entries base64-decoded")
	f.StringVarP(&o.plan.Mask, "mask", "m", "", "try every candidate of this mask (hashcat syntax, e.g. '?l?l?l?d?d'); with --wordlist, after each line")
	for i := range o.plan.Custom {
		n := strconv.Itoa(i + 1)
		f.StringVarP(&o.plan.Custom[i], "custom-charset"+n, n, "", "custom charset ?"+n+" for --mask and --charset")
	}
	f.BoolVarP(&o.plan.Increment, "increment", "i", false, "try lengths --min-len to --max-len: prefixes of --mask, or --charset repeated")
	f.BoolVar(&o.plan.Prepend, "prepend", false, "with --wordlist and --mask: put the mask's candidates before each line")
	f.StringVar(&o.plan.Charset, "charset", "", "charset for --increment without --mask (default \"?a\")")
	f.IntVar(&o.plan.MinLen, "min-len", 1, "shortest candidate for --increment")
	f.IntVar(&o.plan.MaxLen, "max-len", 0, "longest candidate for --increment (default: the mask's length, or 5)")
	f.Uint64Var(&o.plan.Skip, "skip", 0, "skip this many mask candidates (resume an interrupted attack)")
	f.Uint64Var(&o.plan.SkipLines, "skip-lines", 0, "skip this many wordlist lines (resume an interrupted attack)")
	f.IntVarP(&o.crack.Threads, "threads", "t", 0, fmt.Sprintf("worker threads (default: one per CPU; at most %d here)", audit.MaxThreads()))
	f.BoolVar(&o.json, "json", false, "print one JSON object per token")
	f.StringVar(&o.export, "export", "", "print the token for another cracker instead: hashcat|john")
	f.StringVar(&o.plan.Potfile, "potfile", "", "record cracked tokens in this file, and skip tokens already there")
	f.BoolVar(&o.plan.ShowOnly, "show", false, "with --potfile: print what it knows of each token, and try nothing")
	cmd.RegisterFlagCompletionFunc("export", cobra.FixedCompletions([]string{"hashcat", "john"}, cobra.ShellCompDirectiveNoFileComp))
	return []*cobra.Command{cmd}
}

func (a *app) audit(cmd *cobra.Command, o *auditOptions, args []string) error {
	more, err := a.auditWordlists()
	if err != nil {
		return err
	}
	plan, err := o.checkPlan(cmd.Flags().Changed, a.stdin, more)
	if err != nil {
		return err
	}
	if o.export != "" && o.export != string(audit.Hashcat) && o.export != string(audit.John) {
		return usageErrorf("unknown --export format %q: use hashcat or john", o.export)
	}
	tokenArg := len(args) == 1 && args[0] != "-"
	if slices.Contains([]string{plan.Wordlist, plan.Wordlist2}, "-") && !tokenArg && o.file == "" {
		return usageErrorf("standard input cannot hold both the tokens and the wordlist: give the token as an argument or with --file")
	}
	inputs, err := a.auditInputs(o, args)
	if err != nil {
		return err
	}
	if plan.Wordlist == "-" && len(inputs) > 1 && o.export == "" {
		return usageErrorf("a wordlist on standard input can be read only once, but there are %d tokens: give --wordlist a file", len(inputs))
	}
	if o.export != "" {
		return a.auditExport(o, inputs)
	}
	if err := plan.Check(); err != nil {
		return planError(err)
	}
	if plan.PotfileTightened() {
		a.infof("made potfile %s readable by its owner only (0600): it holds secrets", display.Text(plan.Potfile))
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The first Ctrl-C stops the search cleanly; a second one, should
	// stopping hang on a blocked read, kills at once.
	context.AfterFunc(ctx, stop)
	var found, critical, failed int
	w := &audit.ReportWriter{W: a.stdout, JSON: o.json, Tokens: len(inputs)}
	for _, in := range inputs {
		w.Begin(in)
		rep, err := a.auditOne(ctx, o, plan, w, in)
		w.End(rep, err)
		if rep.Summary != nil && rep.Summary.Critical() {
			critical++
		}
		if rep.Result != nil && rep.Result.Found {
			found++ // and the plan tries the secret first on the next token
		}
		var ce *cliError
		switch {
		case err == nil:
		case errors.Is(err, audit.ErrInterrupted):
			return a.interrupted(cmd, rep.Result, inputs)
		case len(inputs) == 1:
			return err
		case errors.As(err, &ce) && ce.code != exitError:
			return err
		default:
			failed++
			if !o.json {
				a.warningf("token on line %d: %s", in.Line, oneLine(err.Error()))
			}
		}
	}
	switch {
	case found > 0 || critical > 0:
		return errFinding
	case failed > 0:
		return fmt.Errorf("%d of %d tokens could not be audited", failed, len(inputs))
	}
	return nil
}

// checkPlan completes the plan the flags filled in, and refuses flags
// that do not go together.
func (o *auditOptions) checkPlan(changed func(string) bool, stdin io.Reader, more []string) (*audit.Plan, error) {
	p := &o.plan
	p.Stdin, p.MoreWordlists = stdin, more
	switch t := o.crack.Threads; {
	case t < 0:
		return nil, usageErrorf("--threads must be 0 (one per CPU) or more, not %d", t)
	case t > audit.MaxThreads():
		return nil, usageErrorf("--threads %d is more than %d, 8 per CPU: more threads than CPUs check no faster", t, audit.MaxThreads())
	case !p.Increment && (changed("min-len") || changed("max-len")):
		return nil, usageErrorf("--min-len and --max-len apply to --increment")
	case p.Wordlist == "" && changed("skip-lines"):
		return nil, usageErrorf("--skip-lines applies to --wordlist")
	}
	// The library knows which attacks go together; the flags it cannot
	// see (changed or not, and where --skip applies) are checked here.
	if err := p.Validate(); err != nil {
		return nil, planError(err)
	}
	switch {
	case p.Mask == "" && !p.Increment && changed("skip"):
		return nil, usageErrorf("%s", planConflicts[audit.ErrCustomAlone])
	case p.Wordlist != "" && changed("skip"):
		return nil, usageErrorf("with --wordlist, resume with --skip-lines")
	case p.Increment && p.MinLen < 1:
		return nil, usageErrorf("--min-len must be at least 1, not %d", p.MinLen)
	case p.Increment && changed("max-len") && p.MaxLen < p.MinLen:
		return nil, usageErrorf("--max-len %d is less than --min-len %d", p.MaxLen, p.MinLen)
	}
	return p, nil
}

// planConflicts words in flags the plan's parts that do not go together.
var planConflicts = map[error]string{
	audit.ErrRulesNeedWordlist:   "--rules mutates the lines of --wordlist, and none was given",
	audit.ErrRulesAlone:          "rules apply to --wordlist alone, not with --mask or --wordlist2",
	audit.ErrWordlist2NeedsFirst: "--wordlist2 goes with --wordlist, and not with --mask",
	audit.ErrWordlist2WithMask:   "--wordlist2 goes with --wordlist, and not with --mask",
	audit.ErrPrependNeedsBoth:    "--prepend goes with --wordlist and --mask",
	audit.ErrCharsetAlone:        "--charset applies to --increment",
	audit.ErrMaskAndCharset:      "--increment takes --mask or --charset, not both",
	audit.ErrCustomAlone:         "--skip and the custom charsets apply to --mask and --increment",
	audit.ErrShowNeedsPotfile:    "--show prints what --potfile knows, and none was given",
}

// planFlags names the flag of each Plan field, for messages.
var planFlags = map[string]string{
	"MinLen": "--min-len", "MaxLen": "--max-len", "Skip": "--skip", "SkipLines": "--skip-lines", "Charset": "--charset",
	"Mask": "--mask", "Custom": "--custom-charset", "Rules": "--rules-file", "Wordlist2": "--wordlist2",
	"Prepend": "--prepend",
}

// planError turns the library's errors about a plan into usage errors
// that name flags.
func planError(err error) error {
	var pe *audit.PlanError
	var re *audit.RuleError
	var pot *audit.PotfileError
	switch {
	case errors.As(err, &re):
		return withHint(err, "jwtkey runs the rule functions of hashcat 6.2.6; see 'jwtkey help audit'")
	case errors.As(err, &pot) && (pot.Tracked || pot.NotIgnored):
		return withHint(err, "keep the potfile out of git: add it to .gitignore, or put it outside the repository")
	case !errors.As(err, &pe):
		return err
	case errors.Is(err, audit.ErrRulesNeedWordlist):
		return withHint(usageErrorf("%s", planConflicts[pe.Err]), "the built-in list already holds the common variants of its entries")
	case errors.Is(err, audit.ErrCharsetAlone):
		return withHint(usageErrorf("%s", planConflicts[pe.Err]), "for candidates of one length, use --mask with ?1 and --custom-charset1")
	case planConflicts[pe.Err] != "":
		return usageErrorf("%s", planConflicts[pe.Err])
	case errors.Is(err, audit.ErrKeyspaceTooLarge):
		return withHint(usageErrorf("%v", pe.Err), "no search that size can finish: use a shorter mask or smaller charsets")
	case pe.Err != nil && pe.Field == "Mask":
		return withHint(usageErrorf("%v", pe.Err), "run 'jwtkey help audit' for the mask syntax")
	case pe.Err != nil && pe.Field == "Custom":
		return usageErrorf("%v", pe.Err) // it names the charset
	case pe.Err != nil:
		return usageErrorf("%s: %v", planFlags[pe.Field], pe.Err)
	}
	words := slices.DeleteFunc([]string{planFlags[pe.Field], pe.Value, pe.Msg}, func(s string) bool { return s == "" })
	return usageErrorf("%s", strings.Join(words, " "))
}

// auditInputs reads the tokens to audit: the argument, or one a line
// from --file or standard input.
func (a *app) auditInputs(o *auditOptions, args []string) ([]audit.Input, error) {
	var r io.Reader = a.stdin
	name := "standard input"
	switch {
	case o.file != "" && len(args) > 0:
		return nil, usageErrorf("give a token or --file, not both")
	case o.file != "":
		f, err := os.Open(o.file)
		if err != nil {
			return nil, fmt.Errorf("reading tokens: %w", err)
		}
		defer f.Close()
		r, name = f, o.file
	case len(args) == 1 && args[0] != "-":
		return []audit.Input{{Text: args[0]}}, nil
	case isTerminal(a.stdin):
		return nil, withHint(usageErrorf("no token given"), "pass one as an argument, pipe it in, or use --file")
	}
	inputs, err := audit.ReadTokens(r, name)
	if errors.Is(err, audit.ErrNoToken) {
		return nil, usageErrorf("no token in %s", display.Text(name))
	}
	return inputs, err
}

// auditOne audits one token; the report holds what was learnt even when
// err is set. Line 0 is a token given as an argument.
func (a *app) auditOne(ctx context.Context, o *auditOptions, plan *audit.Plan, w *audit.ReportWriter, in audit.Input) (*audit.Report, error) {
	rep := &audit.Report{Line: in.Line}
	tok, err := parseToken(in)
	if err != nil {
		return rep, err
	}
	sum := tok.Inspect(time.Now())
	rep.Summary = &sum
	w.Summary(sum)
	if in.Line == 0 && !o.json {
		a.warningf("a token given as an argument stays in the shell history and shows in the process list, and anyone who reads it can attack its secret offline, expired or not: pipe it in ('jwtkey audit -') or use --file")
	}
	if tok.Alg == "none" {
		w.Result(rep, plan.ShowOnly)
		return rep, nil
	}
	c, err := audit.NewCracker(tok, o.crack)
	if nh := (*audit.NotHMACError)(nil); errors.As(err, &nh) {
		return rep, withHint(err, "%s tokens are signed with a private key, which cannot be guessed; the header findings above still apply", tok.Alg)
	} else if err != nil {
		return rep, err
	}
	stopBar := a.progress(c, o.json)
	rep.Result, err = c.RunPlan(ctx, plan)
	stopBar()
	if err != nil && !errors.Is(err, audit.ErrInterrupted) {
		return rep, err
	}
	w.Result(rep, plan.ShowOnly)
	if !o.json {
		a.resultHints(tok, rep.Result, plan.ShowOnly)
	}
	return rep, err
}

// parseToken reads one token, with hints when it is not one.
func parseToken(in audit.Input) (*audit.Token, error) {
	tok, err := audit.ParseToken(in.Text)
	if err == nil {
		return tok, nil
	}
	err = withHint(err, "audit takes a signed JWT: three base64url parts joined by dots")
	if fi, serr := os.Stat(in.Text); in.Line == 0 && serr == nil && fi.Mode().IsRegular() {
		err = withHint(err, "%s is a file: audit the tokens in it with --file %s", display.Text(in.Text), display.Shell(in.Text))
	}
	return nil, err
}
