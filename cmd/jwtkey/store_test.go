package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/jwtkey/jwtkey/dotenv"
)

// Commands for the env, rotate and doctor scripts.
func init() {
	// nogit: from here on, PATH holds no directory with a git binary.
	scriptCmds["nogit"] = func(ts *testscript.TestScript, neg bool, args []string) {
		var keep []string
		for _, dir := range filepath.SplitList(ts.Getenv("PATH")) {
			if _, err := os.Stat(filepath.Join(dir, "git")); err != nil {
				keep = append(keep, dir)
			}
		}
		ts.Setenv("PATH", strings.Join(keep, string(filepath.ListSeparator)))
	}
	// binfile FILE: write a file that is not text (a PNG header).
	scriptCmds["binfile"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 1 {
			ts.Fatalf("usage: binfile FILE")
		}
		ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o600))
	}
	// samevalue FILE1 VAR1 FILE2 VAR2: VAR1 in FILE1 has the value of VAR2
	// in FILE2, and it is not empty.
	scriptCmds["samevalue"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 4 {
			ts.Fatalf("usage: samevalue FILE1 VAR1 FILE2 VAR2")
		}
		a, b := envValue(ts, args[0], args[1]), envValue(ts, args[2], args[3])
		if (a != "" && a == b) == neg {
			ts.Fatalf("%s %s and %s %s: same = %v, want %v", args[0], args[1], args[2], args[3], a == b, !neg)
		}
	}
	// distinct VAR FILE...: VAR has a value in every FILE, a different one
	// in each.
	scriptCmds["distinct"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) < 3 || neg {
			ts.Fatalf("usage: distinct VAR FILE FILE...")
		}
		var seen []string
		for _, f := range args[1:] {
			v := envValue(ts, f, args[0])
			if v == "" || slices.Contains(seen, v) {
				ts.Fatalf("%s in %s is empty or repeats another file's", args[0], f)
			}
			seen = append(seen, v)
		}
	}
	// sameexcept OLD NEW VAR...: NEW has the lines of OLD, byte for byte and
	// in order, apart from lines that assign one of the VARs.
	scriptCmds["sameexcept"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) < 3 || neg {
			ts.Fatalf("usage: sameexcept OLD NEW VAR...")
		}
		others := func(name string) []string {
			var keep []string
			for _, l := range strings.SplitAfter(ts.ReadFile(name), "\n") {
				assigns := false
				for _, v := range args[2:] {
					t := strings.TrimPrefix(strings.TrimLeft(l, " \t"), "export ")
					assigns = assigns || strings.HasPrefix(t, v+"=") || strings.HasPrefix(t, v+" ")
				}
				if !assigns {
					keep = append(keep, l)
				}
			}
			return keep
		}
		if a, b := others(args[0]), others(args[1]); !slices.Equal(a, b) {
			ts.Fatalf("%s and %s differ outside %v:\n%q\n%q", args[0], args[1], args[2:], a, b)
		}
	}
}

func envValue(ts *testscript.TestScript, file, name string) string {
	f, err := dotenv.Parse([]byte(ts.ReadFile(file)))
	ts.Check(err)
	v, _ := f.Lookup(name)
	return v
}
