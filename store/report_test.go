package store

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/jwtkey/jwtkey/internal/display"
	"github.com/jwtkey/jwtkey/preset"
)

func texts(notes []display.Note) []string {
	var s []string
	for _, n := range notes {
		prefix := ""
		switch n.Level {
		case display.Warning:
			prefix = "warning: "
		case display.Hint:
			prefix = "hint: "
		}
		s = append(s, prefix+n.Text)
	}
	return s
}

func TestDotenvReportNotes(t *testing.T) {
	tests := []struct {
		name string
		r    Result
		want []string
	}{
		{"new file", Result{File: ".env", Name: "JWT_SECRET", Key: "k", Created: true, Mode: 0o600},
			[]string{"wrote JWT_SECRET to .env (new file, mode 0600)"}},
		{"added", Result{File: ".env", Name: "A", Key: "k", Mode: 0o600, OldMode: 0o600},
			[]string{"wrote A to .env"}},
		{"replaced, tightened", Result{File: ".env", Name: "A", Key: "k", Replaced: true, Mode: 0o600, OldMode: 0o644},
			[]string{"replaced A in .env", "changed the mode of .env from 0644 to 0600: other users could read the key (--keep-mode keeps a mode)"}},
		{"kept, readable", Result{File: ".env", Name: "A", Kept: true, Mode: 0o644, OldMode: 0o644},
			[]string{"kept the A already in .env", "warning: .env has mode 0644, so other users can read the key: chmod 600 .env"}},
		{"rotated over a previous key", Result{File: ".env", Name: "A", Key: "k", Previous: "A_PREVIOUS", DroppedPrevious: true, Mode: 0o600, OldMode: 0o600},
			[]string{"rotated A in .env: the old key is now A_PREVIOUS", "warning: the earlier A_PREVIOUS in .env was overwritten: tokens signed with it no longer verify"}},
		{"retired", Result{File: ".env", Name: "A", Previous: "A_PREVIOUS", Mode: 0o600, OldMode: 0o600},
			[]string{"removed A_PREVIOUS from .env"}},
		{"no git", Result{File: ".env", Name: "A", Key: "k", Mode: 0o600, OldMode: 0o600, Git: GitStatus{Skipped: ErrNoGit}},
			[]string{"warning: git is not installed: the git checks for .env (tracked? ignored?) were skipped", "wrote A to .env"}},
		{"git failed", Result{File: ".env", Name: "A", Key: "k", Mode: 0o600, OldMode: 0o600, Git: GitStatus{Skipped: errors.New("boom")}},
			[]string{"warning: the git checks for .env were skipped: boom", "wrote A to .env"}},
		{"pattern added", Result{File: ".env", Name: "A", Key: "k", Mode: 0o600, OldMode: 0o600,
			Git: GitStatus{Repo: "/r", IgnoreFile: "/r/.gitignore", Pattern: "/.env"}},
			[]string{`added "/.env" to /r/.gitignore so that git ignores .env`, "wrote A to .env"}},
		{"link, nothing added", Result{File: ".env", Name: "A", Key: "k", Mode: 0o600, OldMode: 0o600,
			Git: GitStatus{Repo: "/r", NotIgnored: true, Target: "/s/env", TargetNotIgnored: true}},
			[]string{`warning: git does not ignore .env: "git add ." would commit the key`,
				`warning: git does not ignore /s/env, which .env links to: "git add ." would commit the key`, "wrote A to .env"}},
	}
	for _, tt := range tests {
		rep := DotenvReport("env", []*Result{&tt.r}, false)
		if got := texts(rep.Files[0].Notes); !slices.Equal(got, tt.want) {
			t.Errorf("%s: notes\n%q\nwant\n%q", tt.name, got, tt.want)
		}
		if rep.Files[0].Key != "" {
			t.Errorf("%s: the key is in a report that was not asked for it", tt.name)
		}
	}
}

func TestReportJSON(t *testing.T) {
	r := &Result{File: ".env", Name: "A", Key: "secret", Mode: 0o600, OldMode: 0o644,
		Git: GitStatus{Repo: "/r", IgnoreFile: "/r/.gitignore", Pattern: "/.env", TargetPattern: "/t"}}
	b, err := json.Marshal(DotenvReport("rotate", []*Result{r}, true))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"verb":"rotate","files":[{"file":".env","name":"A","created":false,"replaced":false,"mode":"0600","old_mode":"0644","tightened":true,` +
		`"git":{"repo":"/r","gitignore":"/r/.gitignore","added":["/.env","/t"]},"key":"secret"}]}`
	if string(b) != want {
		t.Errorf("JSON\n%s\nwant\n%s", b, want)
	}

	j := &JWKSResult{File: "keys.json", KID: "new", Alg: "ES256", Kept: []string{"new", "old"}, Mode: 0o600, OldMode: 0o600}
	rep := j.Report("rotate")
	b, err = json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	want = `{"verb":"rotate","files":[{"file":"keys.json","kid":"new","alg":"ES256","kids":["new","old"],"created":false,"replaced":false,"mode":"0600","old_mode":"0600","tightened":false,"git":{}}]}`
	if string(b) != want {
		t.Errorf("JSON\n%s\nwant\n%s", b, want)
	}
	if got := texts(rep.Files[0].Notes); !slices.Equal(got, []string{"added ES256 key new to keys.json; 1 older kept: old"}) {
		t.Errorf("key set notes: %q", got)
	}
	j = &JWKSResult{File: "keys.json", Removed: []string{"a", "b"}, Kept: []string{"new"}, Mode: 0o600, OldMode: 0o600}
	if got := texts(j.Report("retire").Files[0].Notes); !slices.Equal(got, []string{"removed a, b from keys.json; kept new"}) {
		t.Errorf("key set notes: %q", got)
	}
}

func TestNextSteps(t *testing.T) {
	p, err := preset.Lookup("django")
	if err != nil {
		t.Fatal(err)
	}
	steps := strings.Join(texts(RotateSteps(Options{Preset: &p}, "jwtkey retire --for django")), "\n")
	for _, want := range []string{"sign with SIGNING_KEY; accept tokens signed with SIGNING_KEY or SIGNING_KEY_PREVIOUS",
		"how, with " + p.Framework + ": " + p.Recipe, "3. remove the old key: jwtkey retire --for django"} {
		if !strings.Contains(steps, want) {
			t.Errorf("rotation steps lack %q:\n%s", want, steps)
		}
	}
	j := &JWKSResult{File: "keys.json", KID: "k1"}
	if steps := texts(j.NextSteps("RETIRE")); !strings.Contains(steps[1], "kid k1") || !strings.HasSuffix(steps[4], ": RETIRE") {
		t.Errorf("key set steps: %q", steps)
	}

	ir := &InitResult{Config: &Result{File: ".jwtkey.toml", Created: true, Mode: 0o644},
		Files: []*Result{{File: ".env", Name: "SIGNING_KEY", Key: "k", Created: true, Mode: 0o600,
			Git: GitStatus{Repo: "/r", IgnoreFile: "/r/.gitignore", Pattern: "/.env"}}}}
	rep := ir.Report(false)
	if got := texts(rep.Config.Notes); !slices.Equal(got, []string{"wrote .jwtkey.toml: the project's settings; it holds no secret, commit it"}) {
		t.Errorf("settings notes: %q", got)
	}
	steps = strings.Join(texts(ir.NextSteps(Options{Preset: &p})), "\n")
	for _, want := range []string{"hint: " + p.Framework + ": " + p.Reads, "git add .jwtkey.toml /r/.gitignore && git commit",
		"have the application read SIGNING_KEY"} {
		if !strings.Contains(steps, want) {
			t.Errorf("init steps lack %q:\n%s", want, steps)
		}
	}
	if got := texts(Options{Preset: &p}.ReadsHint()); len(got) != 1 || got[0] != "hint: "+p.Framework+": "+p.Reads {
		t.Errorf("ReadsHint: %q", got)
	}
	ir.Files[0].Git = GitStatus{}
	if steps := strings.Join(texts(ir.NextSteps(Options{})), "\n"); strings.Contains(steps, "git add") || strings.Contains(steps, "hint:") {
		t.Errorf("outside git, without a preset:\n%s", steps)
	}
}
