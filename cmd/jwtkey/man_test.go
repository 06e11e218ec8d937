package main

// Manual pages: docs/man holds what manPages renders from the command tree.
// "go generate ./cmd/jwtkey" rewrites them; TestManPages fails when they
// are stale.

//go:generate go test -run ^TestManPages$ -update-man

import (
	"bytes"
	"flag"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

var updateMan = flag.Bool("update-man", false, "rewrite the manual pages in ../../docs/man")

const manDir = "../../docs/man"

func TestManPages(t *testing.T) {
	root := newApp().rootCmd()
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	pages := manPages(root)

	if *updateMan {
		if err := os.MkdirAll(manDir, 0o755); err != nil {
			t.Fatal(err)
		}
		old, _ := filepath.Glob(filepath.Join(manDir, "*.1"))
		for _, f := range old {
			if _, ok := pages[filepath.Base(f)]; !ok {
				if err := os.Remove(f); err != nil {
					t.Fatal(err)
				}
			}
		}
		for name, b := range pages {
			if err := os.WriteFile(filepath.Join(manDir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	const fix = "run: go generate ./cmd/jwtkey"
	files, _ := filepath.Glob(filepath.Join(manDir, "*.1"))
	for _, f := range files {
		if _, ok := pages[filepath.Base(f)]; !ok {
			t.Errorf("%s has no command any more; %s", f, fix)
		}
	}
	for name, want := range pages {
		got, err := os.ReadFile(filepath.Join(manDir, name))
		if err != nil {
			t.Errorf("%v; %s", err, fix)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale (the help text changed); %s", name, fix)
		}
	}
}

func TestManSplit(t *testing.T) {
	long := `Verb does one thing.

Inputs (FILE or --env):
  FILE        the file; default .env
  --env NAME  .env.NAME: development,
              production…
Back at the margin.

What happens, in order:
  1. first
     step
  - a bullet
  Prose after the list.
    deep  nested term

Rows:
  node   JWT_SECRET   hex

Security considerations:
  Keys stay secret.

Standards: RFC 7518.

Exit status: 0 done; 2 an error.`
	desc, sections := manSplit(long)
	wantDesc := `.PP
Verb does one thing.
.SS Inputs (FILE or \-\-env)
.TP 12
.B FILE
the file; default .env
.TP 12
.B \-\-env NAME
\&.env.NAME: development,
production\[u2026]
.PP
Back at the margin.
.SS What happens, in order
.IP 1. 4
first
step
.IP \(bu 4
a bullet
.PP
Prose after the list.
.RS
.TP 6
.B deep
nested term
.RE
.SS Rows
.PP
.RS 4
.nf
node   JWT_SECRET   hex
.fi
.RE
`
	if string(desc) != wantDesc {
		t.Errorf("description:\n%s\nwant:\n%s", desc, wantDesc)
	}
	wantSections := map[string]string{
		"Security considerations": ".PP\nKeys stay secret.\n",
		"Standards":               ".PP\nRFC 7518.\n",
		"Exit status":             ".TP\n.B 0\ndone\n.TP\n.B 2\nan error.\n",
	}
	if len(sections) != len(wantSections) {
		t.Errorf("sections %v, want %v", slices.Collect(maps.Keys(sections)), slices.Collect(maps.Keys(wantSections)))
	}
	for name, want := range wantSections {
		if got := string(sections[name]); got != want {
			t.Errorf("section %s:\n%s\nwant:\n%s", name, got, want)
		}
	}
}

// TestManLint has groff check the pages, where groff is installed.
func TestManLint(t *testing.T) {
	groff, err := exec.LookPath("groff")
	if err != nil {
		t.Skip("no groff to check the manual pages with")
	}
	root := newApp().rootCmd()
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for name, page := range manPages(root) {
		cmd := exec.Command(groff, "-man", "-ww", "-z", "-Tutf8")
		cmd.Stdin = bytes.NewReader(page)
		out, err := cmd.CombinedOutput()
		if err != nil || len(out) > 0 {
			t.Errorf("groff on %s: %v\n%s", name, err, out)
		}
	}
}
