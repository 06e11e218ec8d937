package atomicfile

import "fmt"

// Step is a point in a write at which a test can inject a failure.
type Step string

// The steps of a write, in order. A failure injected at StepWrite leaves
// half the data in the temporary file, as a full disk would.
const (
	StepCreateTemp Step = "create temporary file"
	StepChmod      Step = "set mode"
	StepWrite      Step = "write"
	StepSync       Step = "sync"
	StepClose      Step = "close"
	StepCommit     Step = "rename into place"
	StepSyncDir    Step = "sync directory"
)

// Steps lists the steps in the order a write takes them.
var Steps = []Step{StepCreateTemp, StepChmod, StepWrite, StepSync, StepClose, StepCommit, StepSyncDir}

// Steps only a Tx takes: keeping a link to the old file just before
// StepCommit, and putting it back during a rollback.
const (
	StepBackup  Step = "keep the old file"
	StepRestore Step = "put the old file back"
)

// failpoint, when set, is asked before each step; an error it returns is
// that step's failure. It is nil outside tests.
var failpoint func(Step) error

// InjectFailures makes every later write ask f before each step and fail
// that step with the error f returns, until restore is called. It is for
// crash tests, in this package and in the packages built on it; it is not
// safe to use while other goroutines write.
func InjectFailures(f func(Step) error) (restore func()) {
	old := failpoint
	failpoint = f
	return func() { failpoint = old }
}

func fail(s Step) error {
	if failpoint == nil {
		return nil
	}
	if err := failpoint(s); err != nil {
		return fmt.Errorf("%s: %w", s, err)
	}
	return nil
}
