package scan

import (
	"context"
	"fmt"
	"io"
)

// Job is one scan as a person asks for it: a directory, or a stream read
// as one file, with a baseline to compare the findings with or to write
// them to.
type Job struct {
	Options
	Dir string // the directory to scan, unless Stdin is set
	// Stdin, when set, is scanned instead of Dir as one file named
	// StdinName (ScanReader).
	Stdin     io.Reader
	StdinName string
	// Baseline names a baseline file, read before anything is scanned:
	// the findings it accepts are not reported.
	Baseline string
	// WriteBaseline names a baseline file that every finding is written
	// to; nothing is then reported.
	WriteBaseline string
}

// Report is what a Job found.
type Report struct {
	*Result
	// Reported are the findings to report: Result.Findings, less those
	// the baseline accepts (Accepted counts them). None after
	// WriteBaseline.
	Reported []Finding
	Accepted int
	// Partial is why a History scan stopped part-way (a damaged
	// repository); Result holds what was read before.
	Partial error
}

// BaselineError is returned by Run for a baseline it cannot read.
type BaselineError struct {
	Name string
	Err  error // the reason: the file's, or ErrNotBaseline
}

func (e *BaselineError) Error() string { return e.Err.Error() }
func (e *BaselineError) Unwrap() error { return e.Err }

// Run reads the baseline, scans, and writes or applies the baseline. A
// damaged repository is not an error of Run: Report.Partial says so, and
// what was read is reported.
func Run(ctx context.Context, j Job) (*Report, error) {
	if j.Baseline != "" && j.WriteBaseline != "" {
		return nil, fmt.Errorf("scan: a baseline is read or written, not both")
	}
	var base *Baseline
	if j.Baseline != "" {
		var err error
		if base, err = ReadBaseline(j.Baseline); err != nil {
			return nil, &BaselineError{Name: j.Baseline, Err: err}
		}
	}
	var res *Result
	var err error
	if j.Stdin != nil {
		res, err = ScanReader(ctx, j.Stdin, j.StdinName, j.Options)
	} else {
		res, err = Scan(ctx, j.Dir, j.Options)
	}
	if res == nil {
		return nil, err
	}
	rep := &Report{Result: res, Reported: res.Findings, Partial: err}
	switch {
	case j.WriteBaseline != "":
		rep.Reported = nil
		if err := NewBaseline(res.Findings).Write(j.WriteBaseline); err != nil {
			return nil, err
		}
	case base != nil:
		rep.Reported, rep.Accepted = base.Filter(res.Findings)
	}
	return rep, nil
}
