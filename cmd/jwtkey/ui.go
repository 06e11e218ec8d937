package main

// Every message jwtkey prints to a person comes from this file, so the tool
// speaks with one voice: "jwtkey: error: …", "jwtkey: warning: …",
// "jwtkey: hint: …".

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/jwtkey/jwtkey/internal/config"
	"github.com/jwtkey/jwtkey/internal/display"
)

// Exit codes, the same for every verb.
const (
	exitOK      = 0 // all fine: a key was made, a secret is strong, nothing found
	exitFinding = 1 // a finding: weak secret, leaked key, cracked token
	exitError   = 2 // usage or I/O error
)

// cliError carries an exit code and optional hints to main.
type cliError struct {
	code  int
	err   error // nil for errFinding: the verb has already reported
	hints []string
}

func (e *cliError) Error() string {
	if e.err == nil {
		return "findings reported"
	}
	return e.err.Error()
}

func (e *cliError) Unwrap() error { return e.err }

// errFinding ends a verb with exit status 1 after it has printed its
// findings; main prints nothing more.
var errFinding = &cliError{code: exitFinding}

// usageErrorf is a mistake in how jwtkey was called: exit status 2.
func usageErrorf(format string, a ...any) error {
	return &cliError{code: exitError, err: fmt.Errorf(format, a...)}
}

// withHint attaches a hint, printed after the error line.
func withHint(err error, format string, a ...any) error {
	if err == nil {
		return nil
	}
	var ce *cliError
	if errors.As(err, &ce) {
		ce.hints = append(ce.hints, fmt.Sprintf(format, a...))
		return ce
	}
	return &cliError{code: exitError, err: err, hints: []string{fmt.Sprintf(format, a...)}}
}

// app holds the streams a verb reads and writes, so tests can swap them,
// and what every verb shares.
type app struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer

	quiet bool           // -q: no info lines
	cfg   *config.Config // the project's settings, once loaded
	cfgAt string         // the directory they were loaded for
}

func newApp() *app { return &app{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr} }

func (a *app) warningf(format string, args ...any) {
	fmt.Fprintf(a.stderr, "jwtkey: warning: "+format+"\n", args...)
}

func (a *app) hintf(format string, args ...any) {
	fmt.Fprintf(a.stderr, "jwtkey: hint: "+format+"\n", args...)
}

// infof says what was done. -q drops these lines, and only these.
func (a *app) infof(format string, args ...any) {
	if a.quiet {
		return
	}
	fmt.Fprintf(a.stderr, "jwtkey: "+format+"\n", args...)
}

// promptf asks for input on a terminal; -q keeps it.
func (a *app) promptf(format string, args ...any) {
	fmt.Fprintf(a.stderr, "jwtkey: "+format+"\n", args...)
}

// say prints a library report's lines for a person, each as its level
// says.
func (a *app) say(notes []display.Note) {
	for _, n := range notes {
		switch n.Level {
		case display.Warning:
			a.warningf("%s", n.Text)
		case display.Hint:
			a.hintf("%s", n.Text)
		default:
			a.infof("%s", n.Text)
		}
	}
}

// writeJSON prints v as what --json prints on every verb: one indented
// object on standard output, snake_case keys.
func (a *app) writeJSON(v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if _, err := a.stdout.Write(append(b, '\n')); err != nil {
		return &cliError{code: exitError, err: fmt.Errorf("writing the report: %w", err)}
	}
	return nil
}

// report prints err as one error line plus its hints and returns the exit
// status for it.
func (a *app) report(err error) int {
	if err == nil {
		return exitOK
	}
	code := exitError
	var ce *cliError
	if errors.As(err, &ce) {
		code = ce.code
		if ce.err == nil {
			return code
		}
	}
	fmt.Fprintf(a.stderr, "jwtkey: error: %s\n", oneLine(err.Error()))
	if ce != nil {
		for _, h := range ce.hints {
			a.hintf("%s", h)
		}
	}
	return code
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

// isTerminal reports whether a stream is an interactive terminal.
func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
