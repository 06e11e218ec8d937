package scan

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/owenrumney/go-sarif/v3/pkg/report"
	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

// jsonFinding is a finding as --format json prints it.
type jsonFinding struct {
	Rule        string  `json:"rule"`
	File        string  `json:"file"`
	Line        int     `json:"line"`
	Column      int     `json:"column"`
	EndColumn   int     `json:"end_column,omitempty"`
	Commit      string  `json:"commit,omitempty"`
	Key         string  `json:"key,omitempty"`
	Secret      string  `json:"secret,omitempty"`
	Verdict     string  `json:"verdict,omitempty"`
	Bits        float64 `json:"bits,omitempty"`
	Message     string  `json:"message"`
	Fix         string  `json:"fix"`
	Related     string  `json:"related,omitempty"`
	Fingerprint string  `json:"fingerprint"`
}

// shown is the secret as a report prints it.
func (f *Finding) shown(showSecrets bool) string {
	if f.Secret == "" {
		return ""
	}
	if showSecrets {
		return f.Secret
	}
	return Redacted
}

// WriteJSON writes findings as a JSON array, secrets redacted unless
// showSecrets.
func WriteJSON(w io.Writer, fs []Finding, showSecrets bool) error {
	out := make([]jsonFinding, 0, len(fs))
	for _, f := range fs {
		out = append(out, jsonFinding{
			Rule: f.RuleID, File: f.File, Line: f.Line, Column: f.Column, EndColumn: f.EndColumn,
			Commit: f.Commit, Key: f.Key, Secret: f.shown(showSecrets), Verdict: f.Verdict,
			Bits: f.Bits, Message: f.Message, Fix: f.Fix, Related: f.Related, Fingerprint: f.Fingerprint,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	return nil
}

// InformationURI is where SARIF viewers link for the tool.
const InformationURI = "https://github.com/jwtkey/jwtkey"

// WriteSARIF writes findings as a SARIF 2.1.0 log for code-scanning upload,
// secrets redacted unless showSecrets. version names the tool's version.
func WriteSARIF(w io.Writer, fs []Finding, version string, showSecrets bool) error {
	rep := report.NewV210Report()
	run := sarif.NewRunWithInformationURI("jwtkey", InformationURI)
	if version != "" {
		run.Tool.Driver.WithVersion(version)
	}
	run.WithColumnKind("unicodeCodePoints")
	for _, r := range Rules {
		run.AddRule(r.ID).
			WithName(r.ID).
			WithDescription(r.Description).
			WithFullDescription(sarif.NewMultiformatMessageString().WithText(r.Description)).
			WithHelp(sarif.NewMultiformatMessageString().WithText(r.Fix)).
			WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(defaultLevel(r)))
	}
	for _, f := range fs {
		level := "warning"
		if f.Severe() {
			level = "error"
		}
		region := sarif.NewRegion().WithStartLine(f.Line).WithStartColumn(f.Column)
		if f.EndColumn > 0 {
			region.WithEndColumn(f.EndColumn)
		}
		props := sarif.NewPropertyBag()
		if f.Verdict != "" {
			props.Add("verdict", f.Verdict)
			props.Add("bits", f.Bits)
		}
		if f.Key != "" {
			props.Add("key", f.Key)
		}
		if f.Commit != "" {
			props.Add("commit", f.Commit)
		}
		if s := f.shown(showSecrets); s != "" {
			props.Add("secret", s)
		}
		msg := f.Message + ". Fix: " + f.Fix
		res := run.CreateResultForRule(f.RuleID).
			WithLevel(level).
			WithMessage(sarif.NewTextMessage(msg)).
			WithPartialFingerprints(map[string]string{"jwtkey/v1": f.Fingerprint}).
			WithProperties(props).
			AddLocation(sarif.NewLocationWithPhysicalLocation(
				sarif.NewPhysicalLocation().
					WithArtifactLocation(sarif.NewSimpleArtifactLocation(f.File).WithURIBaseID("%SRCROOT%")).
					WithRegion(region)))
		_ = res
	}
	rep.AddRun(run)
	if err := rep.PrettyWrite(w); err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("scan: %w", err)
	}
	return nil
}

func defaultLevel(r *Rule) string {
	switch r.kind {
	case kindFile, kindReuse:
		return "warning"
	}
	return "error"
}
