package main

// The printing half of the audit verb: what to do about a result, the
// progress bar, the resume command and the export hints. The reports
// themselves are the library's (audit.Summary.WriteText,
// audit.Report.WriteResult).

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/jwtkey/jwtkey/audit"
	"github.com/jwtkey/jwtkey/internal/display"
)

// resultHints says what to do about the outcome of a search.
func (a *app) resultHints(tok *audit.Token, res *audit.Result, show bool) {
	switch {
	case res.Found:
		a.warningf("the %s secret is guessable: anyone holding one token can find it the same way and forge any token", tok.Alg)
		a.hintf("replace it with a random key: 'jwtkey rotate' where it lives in a .env file, or 'jwtkey generate --alg %s'", tok.Alg)
		a.hintf("then stop accepting tokens signed with the old secret")
	case !show && res.OnlyBuiltin():
		a.hintf("only the built-in list was tried: add --wordlist FILE, --rules or --mask for a deeper search")
	}
}

// interrupted reports how far an interrupted search got and how to go on.
func (a *app) interrupted(cmd *cobra.Command, res *audit.Result, inputs []audit.Input) error {
	if res == nil {
		return errors.New("interrupted")
	}
	e := fmt.Errorf("interrupted after %s candidates in %s", display.Count(res.Candidates), display.Round(res.Elapsed))
	if !res.ResumeValid {
		return e
	}
	if len(inputs) > 1 {
		return withHint(e, "resuming works for one token at a time: audit the remaining tokens alone")
	}
	what := res.Attacks[len(res.Attacks)-1].Attack
	fromArg := inputs[0].Line == 0
	err := withHint(e, "resume the %s attack with: %s", what, resumeCommand(cmd, planFlags[res.ResumeField()], res.Resume, fromArg))
	if fromArg {
		// Never repeat a live token: it would land in the history again.
		err = withHint(err, "put the token in TOKEN_FILE first: a token on the command line stays in the shell history")
	}
	return err
}

// resumeCommand rebuilds the command line with the skip flag set. A token
// given as an argument becomes --file TOKEN_FILE.
func resumeCommand(cmd *cobra.Command, skipFlag string, skip uint64, tokenArg bool) string {
	words := []string{"jwtkey", "audit"}
	cmd.Flags().Visit(func(f *pflag.Flag) {
		switch {
		case f.Name == "skip" || f.Name == "skip-lines":
			return
		case f.Value.Type() == "bool":
			words = append(words, "--"+f.Name)
		case f.Value.Type() == "stringArray":
			for _, v := range f.Value.(pflag.SliceValue).GetSlice() {
				words = append(words, "--"+f.Name, display.Shell(v))
			}
		default:
			words = append(words, "--"+f.Name, display.Shell(f.Value.String()))
		}
	})
	words = append(words, skipFlag, strconv.FormatUint(skip, 10))
	if tokenArg {
		words = append(words, "--file", "TOKEN_FILE")
	} else if args := cmd.Flags().Args(); len(args) > 0 {
		words = append(words, display.Shell(args[0]))
	}
	return strings.Join(words, " ")
}

func (a *app) auditExport(o *auditOptions, inputs []audit.Input) error {
	var commands []string
	for _, in := range inputs {
		tok, err := parseToken(in)
		if err != nil {
			return err
		}
		e, err := audit.ExportToken(tok, audit.ExportFormat(o.export), o.plan.Wordlist, o.plan.Mask)
		if err != nil {
			return err
		}
		if o.json {
			e.WriteJSON(a.stdout)
		} else {
			fmt.Fprintln(a.stdout, e.Hash)
		}
		if commands == nil {
			commands = e.CommandLines()
		}
	}
	if !o.json {
		a.hintf("save the line%s above as jwt.%s and run one of:", display.Plural(len(inputs)), o.export)
		for _, c := range commands {
			a.hintf("  %s", c)
		}
	}
	return nil
}

// progress draws a progress bar on standard error while c runs, when it
// is a terminal; the returned function removes it.
func (a *app) progress(c *audit.Cracker, jsonOut bool) func() {
	if jsonOut || !isTerminal(a.stderr) {
		return func() {}
	}
	m := audit.Meter{Every: 250 * time.Millisecond}
	var bar *progressbar.ProgressBar
	stop := c.Watch(m.Every, func(p audit.Progress, now time.Time) {
		switch {
		case p.Attack == audit.KindBuiltin || p.Attack == "":
		case m.Sample(p, now):
			if bar != nil {
				bar.Clear()
			}
			// Over the candidates of a mask attack, or the bytes of a
			// wordlist file, or a spinner when neither is known.
			_, total := p.Extent()
			bar = progressbar.NewOptions64(total,
				progressbar.OptionSetWriter(a.stderr),
				progressbar.OptionSetDescription(string(p.Attack)+" "+display.Text(p.Name)),
				progressbar.OptionSetWidth(24),
				progressbar.OptionSetPredictTime(false),
				progressbar.OptionClearOnFinish())
		default:
			bar.Describe(m.Status(now))
			n, _ := p.Extent()
			bar.Set64(n)
		}
	})
	return func() {
		stop()
		if bar != nil {
			bar.Clear()
		}
	}
}
