package scan

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/jwtkey/jwtkey/internal/display"
)

func TestSummary(t *testing.T) {
	tests := []struct {
		rep  Report
		want string
	}{
		{Report{Result: &Result{}}, "0 files scanned: no JWT secrets found"},
		{Report{Result: &Result{Files: 1}, Reported: make([]Finding, 1)}, "1 file scanned: 1 finding"},
		{Report{Result: &Result{Files: 12, Skipped: 3}, Reported: make([]Finding, 2)}, "12 files scanned, 3 skipped: 2 findings"},
		{Report{Result: &Result{Files: 4}, Accepted: 2}, "4 files scanned: no JWT secrets found (2 accepted by the baseline)"},
	}
	for _, tt := range tests {
		if got := tt.rep.Summary(); got != tt.want {
			t.Errorf("Summary() of %+v = %q, want %q", tt.rep, got, tt.want)
		}
	}
}

func TestInspectionSummary(t *testing.T) {
	tests := []struct {
		r        Inspection
		summary  string
		warnings []string
	}{
		{Inspection{Dir: "my app"}, `no dotenv files in "my app"`, nil},
		{Inspection{Dir: ".", Files: make([]EnvFile, 2), GitSkipped: ErrNoGit}, "2 dotenv files, no findings",
			[]string{"git is not installed: the git checks (tracked? ignored?) were skipped"}},
		{Inspection{Dir: ".", Files: make([]EnvFile, 2), Problems: make([]Problem, 3), GitSkipped: errors.New("boom")}, "2 dotenv files, 3 findings",
			[]string{"the git checks were skipped: boom"}},
	}
	for _, tt := range tests {
		if got := tt.r.Summary(); got != tt.summary {
			t.Errorf("Summary() = %q, want %q", got, tt.summary)
		}
		var got []string
		for _, n := range tt.r.Warnings() {
			if n.Level != display.Warning {
				t.Errorf("%q is not a warning", n.Text)
			}
			got = append(got, n.Text)
		}
		if strings.Join(got, "\n") != strings.Join(tt.warnings, "\n") {
			t.Errorf("Warnings() = %q, want %q", got, tt.warnings)
		}
	}
}

func TestWriteFormats(t *testing.T) {
	fs := []Finding{{RuleID: Rules[0].ID, File: "a.go", Line: 1, Column: 2, Message: "m", Fix: "f", Secret: "s3cret"}}
	for _, format := range Formats {
		var got, want bytes.Buffer
		if err := Write(&got, format, fs, false); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		switch format {
		case "text":
			WriteText(&want, fs, false)
		case "json":
			WriteJSON(&want, fs, false)
		case "sarif":
			WriteSARIF(&want, fs, "", false)
		}
		if got.String() != want.String() || strings.Contains(got.String(), "s3cret") {
			t.Errorf("%s: Write wrote\n%s\nwant\n%s", format, got.String(), want.String())
		}
	}
	if err := Write(new(bytes.Buffer), "xml", fs, false); err == nil {
		t.Error("an unknown format was written")
	}
}
