package main

import (
	"errors"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// scriptCmds holds extra testscript commands. Test files of each verb add
// theirs from an init function, so the scripts of every verb share one
// runner.
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){}

// scriptSetups run before each script, in no particular order.
var scriptSetups []func(env *testscript.Env) error

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
	// filemode FILE MODE: the file's permission bits are MODE (octal).
	scriptCmds["filemode"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: filemode FILE MODE")
		}
		want, err := strconv.ParseUint(args[1], 8, 32)
		ts.Check(err)
		fi, err := os.Stat(ts.MkAbs(args[0]))
		ts.Check(err)
		got := fi.Mode().Perm()
		if (uint64(got) == want) == neg {
			ts.Fatalf("%s has mode %#o; want %s%s", args[0], got, map[bool]string{true: "not ", false: ""}[neg], args[1])
		}
	}
}

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"jwtkey": func() { os.Exit(run(newApp(), os.Args[1:])) },
	})
}

// TestScripts runs the CLI scripts in testdata/script, one subtest per file:
// go test ./cmd/jwtkey -run TestScripts/generate_ runs one verb's.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		Cmds:                scriptCmds,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			for _, s := range scriptSetups {
				if err := s(env); err != nil {
					return err
				}
			}
			return nil
		},
	})
}
