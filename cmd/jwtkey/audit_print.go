package main

// The printing half of the audit verb: results, summaries, the progress
// bar, the resume command, and quoting what came from outside.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/jwtkey/jwtkey/audit"
	"github.com/jwtkey/jwtkey/internal/display"
)

func (a *app) row(k, format string, args ...any) {
	fmt.Fprintf(a.stdout, "%-10s "+format+"\n", append([]any{k + ":"}, args...)...)
}

func (a *app) printSummary(s audit.Summary) {
	a.row("alg", "%s", display.Text(s.Alg))
	if s.Typ != "" {
		a.row("typ", "%s", display.Text(s.Typ))
	}
	if s.Kid != "" {
		a.row("kid", "%q", s.Kid)
	}
	const layout = "2006-01-02 15:04:05 UTC"
	if s.IssuedAt != nil {
		a.row("issued", "%s", s.IssuedAt.Format(layout))
	}
	if s.Expires != nil {
		a.row("expires", "%s", s.Expires.Format(layout))
	}
	if s.Lifetime != 0 {
		a.row("lifetime", "%s", display.Duration(s.Lifetime))
	}
	for _, f := range s.Findings {
		a.row(f.Severity.String(), "%s", f.Message)
	}
}

func (a *app) printResult(tok *audit.Token, res *audit.Result, show bool) {
	switch {
	case res.Found:
		a.row("secret", "FOUND %s", shellQuote(string(res.Secret)))
		a.row("source", "%s", res.Source)
		if res.Source.Attack != audit.KindPotfile {
			a.row("tried", "%s candidates in %s", count(res.Candidates), roundDuration(res.Elapsed))
		}
		a.warningf("the %s secret is guessable: anyone holding one token can find it the same way and forge any token", tok.Alg)
		a.hintf("replace it with a random key: 'jwtkey rotate' where it lives in a .env file, or 'jwtkey generate --alg %s'", tok.Alg)
		a.hintf("then stop accepting tokens signed with the old secret")
		return
	case show:
		a.row("secret", "not in the potfile")
		return
	case res.Interrupted:
		a.row("secret", "not found so far (interrupted)")
	default:
		a.row("secret", "not found")
	}
	var parts []string
	for _, at := range res.Attacks {
		name := display.Text(at.Name)
		s := fmt.Sprintf("%s %s", name, count(at.Candidates))
		switch {
		case at.Attack == audit.KindMask:
			s = fmt.Sprintf("mask %s %s of %s", name, count(at.Candidates), count(at.Keyspace))
		case at.Attack != audit.KindBuiltin && at.Attack != audit.KindSecrets:
			s = string(at.Attack) + " " + s
		}
		parts = append(parts, s)
	}
	a.row("tried", "%s", strings.Join(parts, "; "))
	a.row("total", "%s candidates in %s (%s/s)", count(res.Candidates), roundDuration(res.Elapsed), rate2(res.Rate()))
	if len(res.Attacks) == 1 && res.Attacks[0].Attack == audit.KindBuiltin && !res.Interrupted {
		a.hintf("only the built-in list was tried: add --wordlist FILE, --rules or --mask for a deeper search")
	}
}

// interrupted reports how far an interrupted search got and how to go on.
func (a *app) interrupted(cmd *cobra.Command, res *audit.Result, inputs []auditInput) error {
	msg := "interrupted"
	if res != nil {
		msg = fmt.Sprintf("interrupted after %s candidates in %s", count(res.Candidates), roundDuration(res.Elapsed))
	}
	e := &cliError{code: exitError, err: errors.New(msg)}
	if res == nil || !res.ResumeValid {
		return e
	}
	if len(inputs) > 1 {
		return withHint(e, "resuming works for one token at a time: audit the remaining tokens alone")
	}
	last := res.Attacks[len(res.Attacks)-1].Attack
	flag, what := "skip-lines", string(last)
	if last == audit.KindMask {
		flag = "skip"
	}
	err := withHint(e, "resume the %s attack with: %s", what, resumeCommand(cmd, flag, res.Resume, inputs[0].fromArg))
	if inputs[0].fromArg {
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
				words = append(words, "--"+f.Name, shellQuote(v))
			}
		default:
			words = append(words, "--"+f.Name, shellQuote(f.Value.String()))
		}
	})
	words = append(words, "--"+skipFlag, strconv.FormatUint(skip, 10))
	if tokenArg {
		words = append(words, "--file", "TOKEN_FILE")
	} else if args := cmd.Flags().Args(); len(args) > 0 {
		words = append(words, shellQuote(args[0]))
	}
	return strings.Join(words, " ")
}

func (a *app) auditExport(o *auditOptions, inputs []auditInput) error {
	var commands []string
	for _, in := range inputs {
		tok, err := audit.ParseToken(in.text)
		if err != nil {
			return withHint(&cliError{code: exitError, err: err}, "audit takes a signed JWT: three base64url parts joined by dots")
		}
		e, err := audit.ExportToken(tok, audit.ExportFormat(o.export), o.wordlist, o.mask)
		if err != nil {
			return &cliError{code: exitError, err: err}
		}
		var lines []string
		for _, argv := range e.Commands {
			lines = append(lines, shellJoin(argv))
		}
		if o.json {
			b, _ := json.Marshal(struct {
				Format   audit.ExportFormat `json:"format"`
				Hash     string             `json:"hash"`
				HashFile string             `json:"hash_file"`
				Commands []string           `json:"commands"`
			}{e.Format, e.Hash, e.HashFile, lines})
			fmt.Fprintf(a.stdout, "%s\n", b)
		} else {
			fmt.Fprintln(a.stdout, e.Hash)
		}
		if commands == nil {
			commands = lines
		}
	}
	if !o.json {
		name := "jwt." + o.export
		a.hintf("save the line%s above as %s and run one of:", plural(len(inputs)), name)
		for _, c := range commands {
			a.hintf("  %s", c)
		}
	}
	return nil
}

// progress draws a progress bar on standard error while c runs, when it
// is a terminal; the returned function removes it. The rate and ETA are
// computed here, in candidates per second, smoothed over a few seconds.
func (a *app) progress(c *audit.Cracker, jsonOut bool) func() {
	if jsonOut || !isTerminal(a.stderr) {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		const every = 250 * time.Millisecond
		tick := time.NewTicker(every)
		defer tick.Stop()
		var bar *progressbar.ProgressBar
		var current string
		var first, last audit.Progress
		var started time.Time
		var rate float64
		for {
			select {
			case <-done:
				if bar != nil {
					bar.Clear()
				}
				return
			case <-tick.C:
			}
			p := c.Progress()
			if p.Attack == audit.KindBuiltin || p.Attack == "" {
				continue
			}
			if key := string(p.Attack) + "\x00" + p.Name; key != current {
				if bar != nil {
					bar.Clear()
				}
				bar, current, first, last, started, rate = newBar(a.stderr, p), key, p, p, time.Now(), 0
				continue
			}
			// Exponential smoothing over about two seconds.
			if now := float64(p.Done-last.Done) / every.Seconds(); rate == 0 {
				rate = now
			} else {
				rate = 0.12*now + 0.88*rate
			}
			last = p
			eta := "?"
			switch {
			case p.Total > 0 && rate > 0:
				eta = roundDuration(time.Duration(float64(p.Total-p.Done) / rate * float64(time.Second))).String()
			case p.BytesTotal > 0 && p.BytesDone > first.BytesDone:
				// Wordlist lines are tried a chunk at a time: project the
				// whole attack's pace so far rather than a bursty rate.
				f := float64(p.BytesTotal-p.BytesDone) / float64(p.BytesDone-first.BytesDone)
				eta = roundDuration(time.Duration(f * float64(time.Since(started)))).String()
			}
			bar.Describe(fmt.Sprintf("%s %s: %s done, %s/s, ETA %s", p.Attack, display.Text(p.Name), count(p.Done), rate2(rate), eta))
			switch {
			case p.Total > 0:
				bar.Set64(int64(p.Done))
			case p.BytesTotal > 0:
				bar.Set64(p.BytesDone)
			default:
				bar.Set64(int64(p.Done))
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

// newBar makes a bar over the candidates of a mask attack, or the bytes of
// a wordlist file, or a spinner when neither is known.
func newBar(w io.Writer, p audit.Progress) *progressbar.ProgressBar {
	max := int64(-1)
	switch {
	case p.Total > 0:
		max = int64(p.Total)
	case p.BytesTotal > 0:
		max = p.BytesTotal
	}
	return progressbar.NewOptions64(max,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(string(p.Attack)+" "+display.Text(p.Name)),
		progressbar.OptionSetWidth(24),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionClearOnFinish())
}

// shellJoin writes a command line, quoting only the value of a
// --flag=value argument.
func shellJoin(argv []string) string {
	words := make([]string, len(argv))
	for i, arg := range argv {
		if name, value, ok := strings.Cut(arg, "="); ok && strings.HasPrefix(name, "--") && shellQuote(name) == name {
			words[i] = name + "=" + shellQuote(value)
			continue
		}
		words[i] = shellQuote(arg)
	}
	return strings.Join(words, " ")
}

// count writes n with thousands separators.
func count(n uint64) string {
	s := strconv.FormatUint(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// rate2 writes candidates per second with an SI prefix.
func rate2(r float64) string {
	switch {
	case r >= 1e9:
		return fmt.Sprintf("%.2fG", r/1e9)
	case r >= 1e6:
		return fmt.Sprintf("%.2fM", r/1e6)
	case r >= 1e3:
		return fmt.Sprintf("%.1fk", r/1e3)
	}
	return fmt.Sprintf("%.0f", r)
}

func roundDuration(d time.Duration) time.Duration {
	switch {
	case d >= time.Minute:
		return d.Round(time.Second)
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(time.Millisecond)
	}
	return d.Round(time.Microsecond)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
