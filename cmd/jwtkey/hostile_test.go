package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// Commands for the hostile-repository scripts.
func init() {
	// hostilerepo DIR: make a git repository in DIR whose configuration
	// and attributes name, for every setting git runs a program from, a
	// script that leaves a file in $WORK/ran. One commit carries a
	// signature header, so that log.showSignature would call gpg.
	scriptCmds["hostilerepo"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 1 || neg {
			ts.Fatalf("usage: hostilerepo DIR")
		}
		dir := ts.MkAbs(args[0])
		work := ts.Getenv("WORK")
		ran := filepath.Join(work, "ran")
		evil := filepath.Join(work, "evil.sh")
		ts.Check(os.MkdirAll(ran, 0o755))
		ts.Check(os.WriteFile(evil, []byte("#!/bin/sh\ntouch \""+ran+"/$1\"\nexit 1\n"), 0o755))
		git := func(args ...string) string {
			cmd := exec.Command("git", args...)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "HOME="+ts.Getenv("HOME"), "GIT_CONFIG_NOSYSTEM=1",
				"GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.com")
			out, err := cmd.CombinedOutput()
			if err != nil {
				ts.Fatalf("git %v: %v\n%s", args, err, out)
			}
			return strings.TrimSpace(string(out))
		}
		ts.Check(os.MkdirAll(dir, 0o755))
		git("init", "-q")
		ts.Check(os.WriteFile(filepath.Join(dir, "app.js"), []byte("jwt.sign(p, 'committed-secret')\n"), 0o644))
		git("add", "app.js")
		git("commit", "-q", "-m", "one")
		// A commit with a signature header: log --show-signature would
		// run gpg.program on it.
		body := git("cat-file", "commit", "HEAD")
		head, msg, _ := strings.Cut(body, "\n\n")
		signed := head + "\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n\n" + msg + "\n"
		f := filepath.Join(work, "signed-commit")
		ts.Check(os.WriteFile(f, []byte(signed), 0o644))
		id := git("hash-object", "-t", "commit", "-w", f)
		git("update-ref", "HEAD", id)
		// Attributes that name diff and filter drivers for every file.
		ts.Check(os.WriteFile(filepath.Join(dir, ".gitattributes"), []byte("* diff=evil filter=evil merge=evil\n"), 0o644))
		hooks := filepath.Join(work, "hooks")
		ts.Check(os.MkdirAll(hooks, 0o755))
		for _, h := range []string{"post-index-change", "pre-auto-gc", "post-checkout", "pre-commit", "reference-transaction", "post-rewrite", "fsmonitor-watchman"} {
			ts.Check(os.WriteFile(filepath.Join(hooks, h), []byte("#!/bin/sh\n"+evil+" hook-"+h+"\n"), 0o755))
		}
		for _, kv := range [][2]string{
			{"core.fsmonitor", evil + " core.fsmonitor"},
			{"core.hooksPath", hooks},
			{"core.pager", evil + " core.pager"},
			{"pager.log", evil + " pager.log"},
			{"pager.diff", evil + " pager.diff"},
			{"pager.ls-files", evil + " pager.ls-files"},
			{"pager.cat-file", evil + " pager.cat-file"},
			{"diff.external", evil + " diff.external"},
			{"diff.evil.textconv", evil + " diff.textconv"},
			{"diff.evil.command", evil + " diff.command"},
			{"filter.evil.clean", evil + " filter.clean"},
			{"filter.evil.smudge", evil + " filter.smudge"},
			{"filter.evil.process", evil + " filter.process"},
			{"merge.evil.driver", evil + " merge.driver"},
			{"core.sshCommand", evil + " core.sshCommand"},
			{"core.gitProxy", evil + " core.gitProxy"},
			{"core.askPass", evil + " core.askPass"},
			{"core.editor", evil + " core.editor"},
			{"sequence.editor", evil + " sequence.editor"},
			{"credential.helper", "!" + evil + " credential.helper"},
			{"gpg.program", evil + " gpg.program"},
			{"gpg.ssh.program", evil + " gpg.ssh.program"},
			{"gpg.x509.program", evil + " gpg.x509.program"},
			{"log.showSignature", "true"},
			{"core.alternateRefsCommand", evil + " core.alternateRefsCommand"},
			{"gc.auto", "1"},
			{"core.untrackedCache", "true"},
		} {
			git("config", kv[0], kv[1])
		}
		// A staged change and an untracked .env, so that every path of
		// scan and doctor has something to read.
		ts.Check(os.WriteFile(filepath.Join(dir, "app.js"), []byte("jwt.sign(p, 'staged-secret')\n"), 0o644))
		cmd := exec.Command("git", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c", "filter.evil.clean=cat",
			"-c", "filter.evil.process=", "add", "app.js")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			ts.Fatalf("git add: %v\n%s", err, out)
		}
		ts.Check(os.WriteFile(filepath.Join(dir, ".env"), []byte("JWT_SECRET=secret\n"), 0o600))
		// Nothing may have run while the repository was made.
		entries, err := os.ReadDir(ran)
		ts.Check(err)
		for _, e := range entries {
			ts.Check(os.Remove(filepath.Join(ran, e.Name())))
		}
	}
	// nothingran: no program named by the hostile repository ran.
	scriptCmds["nothingran"] = func(ts *testscript.TestScript, neg bool, args []string) {
		entries, err := os.ReadDir(filepath.Join(ts.Getenv("WORK"), "ran"))
		ts.Check(err)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		if (len(names) == 0) == neg {
			ts.Fatalf("programs from the repository's configuration ran: %v", names)
		}
	}
}

func init() {
	// writeodd NAME CONTENT: write CONTENT to a file whose name is given
	// Go-quoted, so that it can hold escape sequences and line breaks.
	scriptCmds["writeodd"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 || neg {
			ts.Fatalf("usage: writeodd \"NAME\" CONTENT")
		}
		name, err := strconv.Unquote(args[0])
		ts.Check(err)
		ts.Check(os.WriteFile(ts.MkAbs(name), []byte(args[1]+"\n"), 0o600))
	}
	// sparse FILE SIZE: a sparse file of SIZE bytes that starts with a
	// secret assignment; reading it whole would take SIZE bytes of memory.
	scriptCmds["sparse"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 || neg {
			ts.Fatalf("usage: sparse FILE SIZE")
		}
		size, err := strconv.ParseInt(args[1], 10, 64)
		ts.Check(err)
		f, err := os.Create(ts.MkAbs(args[0]))
		ts.Check(err)
		_, err = f.WriteString("JWT_SECRET=secret\n")
		ts.Check(err)
		ts.Check(f.Truncate(size))
		ts.Check(f.Close())
	}
	// deepdir DIR N FILE CONTENT: FILE with CONTENT, N directories below DIR.
	scriptCmds["deepdir"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 4 || neg {
			ts.Fatalf("usage: deepdir DIR N FILE CONTENT")
		}
		n, err := strconv.Atoi(args[1])
		ts.Check(err)
		p := ts.MkAbs(args[0])
		for i := range n {
			p = filepath.Join(p, fmt.Sprintf("d%d", i))
		}
		ts.Check(os.MkdirAll(p, 0o755))
		ts.Check(os.WriteFile(filepath.Join(p, args[2]), []byte(args[3]+"\n"), 0o600))
	}
}

func init() {
	// breakblob FILE: delete the loose object of FILE's blob in the
	// current directory's repository, as a damaged disk would.
	scriptCmds["breakblob"] = func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 1 || neg {
			ts.Fatalf("usage: breakblob FILE")
		}
		cmd := exec.Command("git", "hash-object", args[0])
		cmd.Dir = ts.MkAbs(".")
		out, err := cmd.Output()
		ts.Check(err)
		id := strings.TrimSpace(string(out))
		ts.Check(os.Remove(filepath.Join(ts.MkAbs(".git/objects"), id[:2], id[2:])))
	}
}
