package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// scriptCmds holds extra testscript commands. Test files of each verb add
// theirs from an init function, so the scripts of every verb share one
// runner.
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){}

// scriptSetups run before each script, in no particular order.
var scriptSetups []func(env *testscript.Env) error

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
