package scan

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	put(t, dir, "a.js", "const jwtSecret = 'one';\n")
	opts := Options{NoGit: true, Judge: stubJudge}
	base := filepath.Join(t.TempDir(), "baseline.json")
	ctx := context.Background()

	// No baseline yet: a *BaselineError saying why, before any scan.
	_, err := Run(ctx, Job{Options: opts, Dir: filepath.Join(dir, "missing"), Baseline: base})
	var be *BaselineError
	if !errors.As(err, &be) || be.Name != base || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing baseline: %v, want a *BaselineError for %s", err, base)
	}

	rep, err := Run(ctx, Job{Options: opts, Dir: dir, WriteBaseline: base})
	if err != nil || len(rep.Findings) != 1 || len(rep.Reported) != 0 {
		t.Fatalf("writing the baseline: %+v, %v; want 1 finding, none reported", rep, err)
	}
	put(t, dir, "a.js", "// moved\nconst jwtSecret = 'one';\njwt.sign(p, 'two')\n")
	rep, err = Run(ctx, Job{Options: opts, Dir: dir, Baseline: base})
	if err != nil || rep.Accepted != 1 || !same(summary(rep.Reported), "a.js:3 node-jsonwebtoken-literal") || len(rep.Findings) != 2 {
		t.Errorf("with the baseline: accepted %d, reported %q, %v", rep.Accepted, summary(rep.Reported), err)
	}

	rep, err = Run(ctx, Job{Options: opts, Dir: "no such dir", Stdin: strings.NewReader("const jwtSecret = 'one';\n"), StdinName: "b.js"})
	if err != nil || !same(summary(rep.Reported), "b.js:1 "+rep.Reported[0].RuleID) || rep.Partial != nil {
		t.Errorf("standard input: %+v, %v", rep, err)
	}

	if _, err := Run(ctx, Job{Options: opts, Dir: "no such dir"}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing directory: %v", err)
	}
	if _, err := Run(ctx, Job{Options: opts, Dir: dir, Baseline: base, WriteBaseline: base}); err == nil {
		t.Error("a baseline both read and written")
	}
}
