package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/internal/atomicfile"
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

// Commands for the hardening scripts.
func init() {
	// sparsefile FILE SIZE: a file of SIZE bytes that takes no disk space.
	scriptCmds["sparsefile"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: sparsefile FILE SIZE")
		}
		size, err := strconv.ParseInt(args[1], 10, 64)
		ts.Check(err)
		f, err := os.Create(ts.MkAbs(args[0]))
		ts.Check(err)
		ts.Check(f.Truncate(size))
		ts.Check(f.Close())
	}
	// holdlock FILE: take the lock a writer of FILE takes, in the test
	// process, until releaselock FILE or the end of the script.
	scriptCmds["holdlock"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 1 {
			ts.Fatalf("usage: holdlock FILE")
		}
		l, err := atomicfile.Lock(ts.MkAbs(args[0]), time.Second)
		ts.Check(err)
		heldLocks.Store(ts.MkAbs(args[0]), l)
		ts.Defer(func() { l.Unlock() })
	}
	scriptCmds["releaselock"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 1 {
			ts.Fatalf("usage: releaselock FILE")
		}
		l, ok := heldLocks.LoadAndDelete(ts.MkAbs(args[0]))
		if !ok {
			ts.Fatalf("%s is not locked", args[0])
		}
		ts.Check(l.(*atomicfile.FileLock).Unlock())
	}
}

var heldLocks sync.Map // absolute path → *atomicfile.FileLock

// jwtkeyProcs starts n jwtkey processes at once in dir, the ith with
// args(i), and waits for them all. Every one must exit 0; their standard
// outputs come back in order.
func jwtkeyProcs(t *testing.T, dir string, n int, args func(i int) []string) []string {
	t.Helper()
	cmds := make([]*exec.Cmd, n)
	outs := make([]*strings.Builder, n)
	for i := range n {
		cmds[i] = exec.Command("jwtkey", args(i)...) // the test binary, through testscript's PATH
		cmds[i].Dir = dir
		outs[i] = &strings.Builder{}
		cmds[i].Stdout = outs[i]
		var stderr strings.Builder
		cmds[i].Stderr = &stderr
		t.Cleanup(func() {
			if t.Failed() && stderr.Len() > 0 {
				t.Logf("jwtkey %v:\n%s", args(i), stderr.String())
			}
		})
	}
	for _, c := range cmds {
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
	}
	var res []string
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Errorf("jwtkey %v: %v", args(i), err)
		}
		res = append(res, strings.TrimSpace(outs[i].String()))
	}
	return res
}

// concurrentEnv keeps git's configuration and any work tree around the
// test's directories out of the processes.
func concurrentEnv(t *testing.T) string {
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", dir)
	return dir
}

// TestConcurrentWriters runs writers of one file as real processes, all at
// once, ten times over: with the lock, no update is lost.
func TestConcurrentWriters(t *testing.T) {
	trials := 10
	if testing.Short() {
		trials = 2
	}
	const wait = "--lock-timeout=5m" // a loaded machine is slow, not wrong
	t.Run("env", func(t *testing.T) {
		for trial := range trials {
			dir := filepath.Join(concurrentEnv(t), "app")
			os.Mkdir(dir, 0o700)
			os.WriteFile(filepath.Join(dir, ".env"), []byte("PORT=1\n"), 0o600)
			jwtkeyProcs(t, dir, 20, func(i int) []string { return []string{"env", wait, "--name", fmt.Sprintf("A%d", i)} })
			f, err := dotenv.Parse(mustRead(t, filepath.Join(dir, ".env")))
			if err != nil {
				t.Fatal(err)
			}
			if got := len(f.Vars()); got != 21 {
				t.Fatalf("trial %d: .env holds %d variables, want PORT and A0…A19", trial, got)
			}
		}
	})
	t.Run("rotate --jwks", func(t *testing.T) {
		for trial := range trials {
			dir := concurrentEnv(t)
			jwtkeyProcs(t, dir, 1, func(int) []string { return []string{"generate", "-e", "jwks", "--count", "2", "-o", "keys.json"} })
			jwtkeyProcs(t, dir, 10, func(int) []string { return []string{"rotate", wait, "--jwks", "keys.json"} })
			if n := strings.Count(string(mustRead(t, filepath.Join(dir, "keys.json"))), `"kid"`); n != 12 {
				t.Fatalf("trial %d: the set holds %d keys, want 12", trial, n)
			}
		}
	})
	t.Run("rotate", func(t *testing.T) {
		for trial := range trials {
			dir := concurrentEnv(t)
			name := filepath.Join(dir, ".env")
			os.WriteFile(name, []byte("JWT_SECRET=first\n"), 0o600)
			printed := jwtkeyProcs(t, dir, 2, func(i int) []string {
				return []string{"rotate", wait, "--print", "--previous", fmt.Sprintf("OLD_%d", i)}
			})
			f, err := dotenv.Parse(mustRead(t, name))
			if err != nil {
				t.Fatal(err)
			}
			var have []string
			for _, v := range f.Vars() {
				have = append(have, v.Value)
			}
			slices.Sort(have)
			want := append([]string{"first"}, printed...)
			slices.Sort(want)
			if !slices.Equal(have, want) {
				t.Fatalf("trial %d: the file holds %d values, want the first key and both printed ones, each once", trial, len(have))
			}
		}
	})
	t.Run("env --env", func(t *testing.T) {
		if _, err := exec.LookPath("git"); err != nil {
			t.Skip("git is not installed")
		}
		for trial := range trials {
			dir := concurrentEnv(t)
			if out, err := exec.Command("git", "init", "-q", dir).CombinedOutput(); err != nil {
				t.Fatalf("git init: %v\n%s", err, out)
			}
			jwtkeyProcs(t, dir, 10, func(i int) []string { return []string{"env", wait, "--env", fmt.Sprintf("e%d", i)} })
			lines := strings.Fields(string(mustRead(t, filepath.Join(dir, ".gitignore"))))
			slices.Sort(lines)
			if len(lines) != 10 || len(slices.Compact(lines)) != 10 {
				t.Fatalf("trial %d: .gitignore holds %q, want the 10 patterns", trial, lines)
			}
			for i := range 10 {
				cmd := exec.Command("git", "-C", dir, "check-ignore", "-q", fmt.Sprintf(".env.e%d", i))
				if err := cmd.Run(); err != nil {
					t.Fatalf("trial %d: git does not ignore .env.e%d: %v", trial, i, err)
				}
			}
		}
	})
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
