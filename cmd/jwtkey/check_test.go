package main

import (
	"encoding/hex"
	"os"
	"strconv"
	"strings"
	"testing"

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

func TestSharedSecrets(t *testing.T) {
	items := []checked{
		{source: ".env:1 A", file: ".env", name: "A", secret: []byte("x")},
		{source: ".env.prod:1 A", file: ".env.prod", name: "A", secret: []byte("y")},
		{source: ".env.stage:1 A", file: ".env.stage", name: "A", secret: []byte("x")},
		{source: "$B", name: "B", secret: []byte("x")},
	}
	got := sharedSecrets(items)
	if len(got) != 1 || len(got[0].Sources) != 3 || got[0].Sources[1] != ".env.stage:1 A" {
		t.Fatalf("got %+v", got)
	}
	if !strings.Contains(got[0].Message, ".env:1 A, .env.stage:1 A and $B") {
		t.Errorf("message %q", got[0].Message)
	}
	if sharedSecrets(items[:2]) != nil {
		t.Error("distinct secrets reported as shared")
	}
}
