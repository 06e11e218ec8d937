package main

import (
	"errors"
	"os/exec"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"
)

func init() {
	// exits N ARGS...: run jwtkey ARGS and require exit status N; stdout
	// and stderr are kept for the commands after it.
	scriptCmds["exits"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) < 1 {
			ts.Fatalf("usage: exits N [jwtkey arguments]")
		}
		want, err := strconv.Atoi(args[0])
		if err != nil {
			ts.Fatalf("exits: bad status %q", args[0])
		}
		err = ts.Exec("jwtkey", args[1:]...)
		got := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			got = ee.ExitCode()
		} else if err != nil {
			ts.Fatalf("exits: %v", err)
		}
		if got != want {
			ts.Fatalf("jwtkey %v exited %d, want %d", args[1:], got, want)
		}
	}
}
