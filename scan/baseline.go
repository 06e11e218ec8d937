package scan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/jwtkey/jwtkey/internal/atomicfile"
)

// Baseline is a set of accepted findings: scan reports only what is not in
// it. It holds fingerprints, never secrets, so it can be committed.
type Baseline struct {
	Version  int             `json:"version"`
	Tool     string          `json:"tool"`
	Findings []BaselineEntry `json:"findings"`

	set map[string]bool
}

// BaselineEntry is one accepted finding. Only Fingerprint is compared; the
// rest tells a reader what was accepted.
type BaselineEntry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	File        string `json:"file"`
	Line        int    `json:"line"`
	Commit      string `json:"commit,omitempty"`
}

const baselineVersion = 1

// ErrNotBaseline is returned for a file that is not a jwtkey baseline.
var ErrNotBaseline = errors.New("scan: not a jwtkey baseline file")

// ReadBaseline reads a baseline file.
func ReadBaseline(name string) (*Baseline, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return parseBaseline(data)
}

func parseBaseline(data []byte) (*Baseline, error) {
	var b Baseline
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil || b.Tool != "jwtkey" {
		return nil, ErrNotBaseline
	}
	if b.Version != baselineVersion {
		return nil, fmt.Errorf("scan: baseline version %d is not supported", b.Version)
	}
	b.set = map[string]bool{}
	for _, e := range b.Findings {
		b.set[e.Fingerprint] = true
	}
	return &b, nil
}

// NewBaseline makes a baseline that accepts fs.
func NewBaseline(fs []Finding) *Baseline {
	b := &Baseline{Version: baselineVersion, Tool: "jwtkey", Findings: []BaselineEntry{}, set: map[string]bool{}}
	for _, f := range fs {
		if b.set[f.Fingerprint] {
			continue
		}
		b.set[f.Fingerprint] = true
		b.Findings = append(b.Findings, BaselineEntry{Fingerprint: f.Fingerprint, Rule: f.RuleID, File: f.File, Line: f.Line, Commit: f.Commit})
	}
	return b
}

// Filter returns the findings the baseline does not accept, and how many
// it did.
func (b *Baseline) Filter(fs []Finding) (kept []Finding, accepted int) {
	for _, f := range fs {
		if b.set[f.Fingerprint] {
			accepted++
			continue
		}
		kept = append(kept, f)
	}
	return kept, accepted
}

// Write saves the baseline to name atomically, mode 0600. It replaces an
// existing baseline but refuses any other file.
func (b *Baseline) Write(name string) error {
	if data, err := os.ReadFile(name); err == nil {
		if _, err := parseBaseline(data); err != nil {
			return fmt.Errorf("scan: %s exists and is not a jwtkey baseline; not overwriting it", name)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	data = append(data, '\n')
	if err := atomicfile.WriteFile(name, data, 0o600); err != nil {
		return err
	}
	return nil
}
