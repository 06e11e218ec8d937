package scan

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"

	"github.com/jwtkey/jwtkey/internal/display"
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
		return err
	}
	return nil
}

// WriteText writes findings for a person: each at its place
// (commit:file:line:column, the name quoted as QuoteName does), with its
// verdict, message and rule, the line with the secret redacted unless
// showSecrets, and the fix.
func WriteText(w io.Writer, fs []Finding, showSecrets bool) error {
	for _, f := range fs {
		loc := fmt.Sprintf("%s:%d:%d", display.Name(f.File), f.Line, f.Column)
		if f.Commit != "" {
			loc = f.Commit[:min(len(f.Commit), 12)] + ":" + loc
		}
		verdict := ""
		if f.Verdict != "" {
			verdict = f.Verdict + ": "
		}
		fmt.Fprintf(w, "%s: %s%s [%s]\n", loc, verdict, f.Message, f.RuleID)
		if s := f.Snippet(showSecrets); s != "" {
			fmt.Fprintf(w, "    %s\n", s)
		}
		if _, err := fmt.Fprintf(w, "    fix: %s\n", f.Fix); err != nil {
			return err
		}
	}
	return nil
}

// InformationURI is where SARIF viewers link for the tool.
const InformationURI = "https://github.com/jwtkey/jwtkey"

// WriteSARIF writes findings as a SARIF 2.1.0 log for code-scanning upload,
// secrets redacted unless showSecrets. version names the tool's version.
//
// The log is built from the small typed subset of SARIF in sarif.go rather
// than with a SARIF library: the library validates against the schema in a
// package initialiser, which every jwtkey process would pay for at start-up.
// The tests validate the output with that library against the official
// schema instead.
func WriteSARIF(w io.Writer, fs []Finding, version string, showSecrets bool) error {
	driver := sarifDriver{Name: "jwtkey", Version: version, InformationURI: InformationURI, Language: "en-US"}
	index := map[string]int{}
	for i, r := range Rules {
		index[r.ID] = i
		driver.Rules = append(driver.Rules, sarifRule{
			ID:                   r.ID,
			Name:                 r.ID,
			ShortDescription:     sarifText{r.Description},
			FullDescription:      sarifText{r.Description},
			Help:                 sarifText{r.Fix},
			DefaultConfiguration: sarifConfig{Level: defaultLevel(r)},
		})
	}
	results := []sarifResult{}
	for _, f := range fs {
		level := "warning"
		if f.Severe() {
			level = "error"
		}
		props := map[string]any{}
		if f.Verdict != "" {
			props["verdict"] = f.Verdict
			props["bits"] = f.Bits
		}
		if f.Key != "" {
			props["key"] = f.Key
		}
		if f.Commit != "" {
			props["commit"] = f.Commit
		}
		if s := f.shown(showSecrets); s != "" {
			props["secret"] = s
		}
		ruleIndex, ok := index[f.RuleID]
		if !ok {
			return fmt.Errorf("scan: finding for unknown rule %q", f.RuleID)
		}
		results = append(results, sarifResult{
			RuleID:    f.RuleID,
			RuleIndex: ruleIndex,
			Level:     level,
			Message:   sarifText{f.Message + ". Fix: " + f.Fix},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: f.File, URIBaseID: "%SRCROOT%"},
				Region:           sarifRegion{StartLine: f.Line, StartColumn: f.Column, EndColumn: f.EndColumn},
			}}},
			PartialFingerprints: map[string]string{"jwtkey/v1": f.Fingerprint},
			Properties:          props,
		})
	}
	log := sarifLog{
		Schema:  sarifSchema,
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool:             sarifTool{Driver: driver},
			Language:         "en-US",
			NewlineSequences: []string{"\r\n", "\n"},
			ColumnKind:       "unicodeCodePoints",
			Results:          results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return err
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

// WriteText writes the problems Inspect found, one a line: the file
// (relative to Dir, quoted as QuoteName does), the kind and the message.
func (r *Inspection) WriteText(w io.Writer) error {
	for _, p := range r.Problems {
		if _, err := fmt.Fprintf(w, "%s: %s: %s\n", display.Name(r.rel(p.File)), p.Kind, p.Message); err != nil {
			return err
		}
	}
	return nil
}

// WriteJSON writes the inspection as one indented JSON object: "dir",
// "files" (file, env, mode as "0600", target, secrets, verdicts),
// "findings" (file, var, kind, message) and "git_skipped", with file names
// relative to Dir. It holds no secret.
func (r *Inspection) WriteJSON(w io.Writer) error {
	type file struct {
		File     string            `json:"file"`
		Env      string            `json:"env"`
		Mode     string            `json:"mode"`
		Target   string            `json:"target,omitempty"`
		Secrets  []string          `json:"secrets"`
		Verdicts map[string]string `json:"verdicts"`
	}
	type finding struct {
		File    string `json:"file"`
		Var     string `json:"var,omitempty"`
		Kind    string `json:"kind"`
		Message string `json:"message"`
	}
	out := struct {
		Dir        string    `json:"dir"`
		Files      []file    `json:"files"`
		Findings   []finding `json:"findings"`
		GitSkipped string    `json:"git_skipped,omitempty"`
	}{Dir: r.Dir, Files: []file{}, Findings: []finding{}}
	if r.GitSkipped != nil {
		out.GitSkipped = r.GitSkipped.Error()
	}
	for _, f := range r.Files {
		out.Files = append(out.Files, file{File: r.rel(f.File), Env: f.Env, Mode: fmt.Sprintf("%#o", f.Mode), Target: f.Target,
			Secrets: append([]string{}, f.Secrets...), Verdicts: f.Verdicts})
	}
	for _, p := range r.Problems {
		out.Findings = append(out.Findings, finding{File: r.rel(p.File), Var: p.Var, Kind: string(p.Kind), Message: p.Message})
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// rel returns a path Inspect found relative to Dir.
func (r *Inspection) rel(p string) string {
	if s, err := filepath.Rel(r.Dir, p); err == nil {
		return s
	}
	return p
}
