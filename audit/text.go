package audit

// The text form of a report, as "jwtkey audit" prints it: one
// "name: value" row a line, the names in a column, text that came from
// the token or the command line quoted.

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/jwtkey/jwtkey/internal/display"
)

// rows writes "name: value" lines and keeps the first write error.
type rows struct {
	w   io.Writer
	err error
}

func (r *rows) row(name, format string, args ...any) {
	if r.err == nil {
		_, r.err = fmt.Fprintf(r.w, "%-10s "+format+"\n", append([]any{name + ":"}, args...)...)
	}
}

// WriteText writes what the token says about itself (alg, typ, kid,
// times) and each finding, a row each.
func (s Summary) WriteText(w io.Writer) error {
	r := &rows{w: w}
	r.row("alg", "%s", display.Text(s.Alg))
	if s.Typ != "" {
		r.row("typ", "%s", display.Text(s.Typ))
	}
	if s.Kid != "" {
		r.row("kid", "%q", s.Kid)
	}
	const layout = "2006-01-02 15:04:05 UTC"
	if s.IssuedAt != nil {
		r.row("issued", "%s", s.IssuedAt.Format(layout))
	}
	if s.Expires != nil {
		r.row("expires", "%s", s.Expires.Format(layout))
	}
	if s.Lifetime != 0 {
		r.row("lifetime", "%s", display.Duration(s.Lifetime))
	}
	for _, f := range s.Findings {
		r.row(f.Severity.String(), "%s", f.Message)
	}
	return r.err
}

// WriteResult writes the outcome under the summary: that an unsigned
// token needs no secret, or the secret found and where, or what was
// tried and how fast. showOnly says the plan only looked the token up in
// its potfile (Plan.ShowOnly).
func (rep *Report) WriteResult(w io.Writer, showOnly bool) error {
	r := &rows{w: w}
	res := rep.Result
	switch {
	case rep.Summary != nil && rep.Summary.Alg == "none":
		r.row("secret", "none: the token is unsigned, so anyone can forge one")
		return r.err
	case res == nil:
		return nil
	case res.Found:
		r.row("secret", "FOUND %s", display.Shell(string(res.Secret)))
		r.row("source", "%s", res.Source)
		if res.Source.Attack != KindPotfile {
			r.row("tried", "%s candidates in %s", display.Count(res.Candidates), display.Round(res.Elapsed))
		}
		return r.err
	case showOnly:
		r.row("secret", "not in the potfile")
		return r.err
	case res.Interrupted:
		r.row("secret", "not found so far (interrupted)")
	default:
		r.row("secret", "not found")
	}
	var parts []string
	for _, at := range res.Attacks {
		name := display.Text(at.Name)
		s := fmt.Sprintf("%s %s", name, display.Count(at.Candidates))
		switch {
		case at.Attack == KindMask:
			s = fmt.Sprintf("mask %s %s of %s", name, display.Count(at.Candidates), display.Count(at.Keyspace))
		case at.Attack != KindBuiltin && at.Attack != KindSecrets:
			s = string(at.Attack) + " " + s
		}
		parts = append(parts, s)
	}
	r.row("tried", "%s", strings.Join(parts, "; "))
	r.row("total", "%s candidates in %s (%s/s)", display.Count(res.Candidates), display.Round(res.Elapsed), display.Rate(res.Rate()))
	return r.err
}

// OnlyBuiltin reports whether a finished search tried nothing but the
// built-in list: a shallow search, worth saying so.
func (r *Result) OnlyBuiltin() bool {
	return len(r.Attacks) == 1 && r.Attacks[0].Attack == KindBuiltin && !r.Interrupted
}

// ReportWriter writes the reports of a run over one token or more as
// "jwtkey audit" prints them: as text, each token's under a "token on
// line N" heading when there are several, or as a line of JSON a token.
// The caller picks the format and the stream; the layout is this.
type ReportWriter struct {
	W      io.Writer
	JSON   bool
	Tokens int // in the run

	begun int
}

// Begin starts the report of a token: with several, its heading.
func (w *ReportWriter) Begin(in Input) {
	if w.JSON || w.Tokens < 2 {
		return
	}
	if w.begun > 0 {
		fmt.Fprintln(w.W)
	}
	w.begun++
	fmt.Fprintf(w.W, "token on line %d\n", in.Line)
}

// Summary writes the token's summary as text; JSON waits for End.
func (w *ReportWriter) Summary(s Summary) {
	if !w.JSON {
		s.WriteText(w.W)
	}
}

// Result writes the outcome as text (see Report.WriteResult); JSON waits
// for End.
func (w *ReportWriter) Result(rep *Report, showOnly bool) {
	if !w.JSON {
		rep.WriteResult(w.W, showOnly)
	}
}

// End ends the report of a token: as JSON, the whole report on one line,
// with err as its error when it has none of its own.
func (w *ReportWriter) End(rep *Report, err error) error {
	if !w.JSON {
		return nil
	}
	if err != nil && rep.Error == "" {
		rep.Error = err.Error()
	}
	b, jerr := json.Marshal(rep)
	if jerr != nil {
		return jerr
	}
	_, werr := w.W.Write(append(b, '\n'))
	return werr
}
