package scan

import (
	"errors"
	"fmt"
	"io"

	"github.com/jwtkey/jwtkey/internal/display"
)

// Formats are the report formats Write writes.
var Formats = []string{"text", "json", "sarif"}

// Write writes findings in one of Formats: WriteText, WriteJSON, or
// WriteSARIF for a tool of no named version.
func Write(w io.Writer, format string, fs []Finding, showSecrets bool) error {
	switch format {
	case "text":
		return WriteText(w, fs, showSecrets)
	case "json":
		return WriteJSON(w, fs, showSecrets)
	case "sarif":
		return WriteSARIF(w, fs, "", showSecrets)
	}
	return fmt.Errorf("scan: unknown format %q", format)
}

// Summary says in one line what a Job read and found: the files scanned
// and skipped, the findings reported, and how many the baseline accepted
// besides.
func (r *Report) Summary() string {
	what := "files"
	if r.Files == 1 {
		what = "file"
	}
	msg := fmt.Sprintf("%d %s scanned", r.Files, what)
	if r.Skipped > 0 {
		msg += fmt.Sprintf(", %d skipped", r.Skipped)
	}
	switch n := len(r.Reported); n {
	case 0:
		msg += ": no JWT secrets found"
	case 1:
		msg += ": 1 finding"
	default:
		msg += fmt.Sprintf(": %d findings", n)
	}
	if r.Accepted > 0 {
		msg += fmt.Sprintf(" (%d accepted by the baseline)", r.Accepted)
	}
	return msg
}

// Warnings say what the inspection could not check: git's part, when git
// is not installed or failed.
func (r *Inspection) Warnings() []display.Note {
	switch {
	case errors.Is(r.GitSkipped, ErrNoGit):
		return []display.Note{display.Warningf("git is not installed: the git checks (tracked? ignored?) were skipped")}
	case r.GitSkipped != nil:
		return []display.Note{display.Warningf("the git checks were skipped: %s", r.GitSkipped)}
	}
	return nil
}

// Summary says in one line what the inspection looked at and found.
func (r *Inspection) Summary() string {
	switch {
	case len(r.Files) == 0:
		return fmt.Sprintf("no dotenv files in %s", display.Name(r.Dir))
	case len(r.Problems) == 0:
		return fmt.Sprintf("%d dotenv files, no findings", len(r.Files))
	}
	return fmt.Sprintf("%d dotenv files, %d findings", len(r.Files), len(r.Problems))
}
