package main

import (
	"encoding/hex"
	"os"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

func init() {
	// check-bytes FILE HEX: write bytes a txtar file cannot hold (NUL,
	// invalid UTF-8).
	scriptCmds["check-bytes"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 2 {
			ts.Fatalf("usage: check-bytes FILE HEX")
		}
		b, err := hex.DecodeString(args[1])
		ts.Check(err)
		ts.Check(os.WriteFile(ts.MkAbs(args[0]), b, 0o600))
	}
	// check-envfile VAR FILE: set VAR to FILE's contents, less one final
	// newline.
	scriptCmds["check-envfile"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 2 {
			ts.Fatalf("usage: check-envfile VAR FILE")
		}
		ts.Setenv(args[0], strings.TrimSuffix(ts.ReadFile(args[1]), "\n"))
	}
	// check-big FILE N: write N bytes of 'a'.
	scriptCmds["check-big"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if neg || len(args) != 2 {
			ts.Fatalf("usage: check-big FILE N")
		}
		n, err := strconv.Atoi(args[1])
		ts.Check(err)
		ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(strings.Repeat("a", n)), 0o600))
	}
}
