package gitx

import (
	"os"
	"path/filepath"
	"testing"
)

// TestStatusOfLinks judges symbolic links at both ends: the link in its
// work tree, the file it resolves to in the work tree that holds that file.
func TestStatusOfLinks(t *testing.T) {
	a, b := repo(t), repo(t) // each ignores .env and *.local, tracks .env.tracked
	outside := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(outside))
	write(t, filepath.Join(outside, "plain.env"), "A=1\n")
	write(t, filepath.Join(b, "config.env"), "A=1\n")
	link := func(dir, name, target string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.Symlink(target, p); err != nil {
			t.Skip(err)
		}
		return p
	}
	tests := []struct {
		name             string
		path             string
		tracked, ignored bool
		repo             string
		target           *Entry // Tracked, Ignored and whether Repo is set
	}{
		{name: "plain file", path: filepath.Join(a, ".env"), ignored: true, repo: a},
		{name: "link to a tracked file beside it", path: link(a, "x.local", ".env.tracked"),
			tracked: true, repo: a, target: &Entry{Tracked: true, Repo: a}},
		{name: "link to a tracked file in another repository", path: link(a, "y.local", filepath.Join(b, ".env.tracked")),
			tracked: true, repo: a, target: &Entry{Tracked: true, Repo: b}},
		{name: "link to an unignored file in another repository", path: link(a, "z.local", filepath.Join(b, "config.env")),
			repo: a, target: &Entry{Repo: b}},
		{name: "link to an ignored file in another repository", path: link(a, "w.local", filepath.Join(b, "w.local")),
			ignored: true, repo: a, target: &Entry{Ignored: true, Repo: b}},
		{name: "link out of any repository", path: link(a, "v.local", filepath.Join(outside, "plain.env")),
			ignored: true, repo: a, target: &Entry{}},
		{name: "link from outside to a tracked file", path: link(outside, "u.env", filepath.Join(b, ".env.tracked")),
			tracked: true, repo: b, target: &Entry{Tracked: true, Repo: b}},
		{name: "link to nothing", path: link(a, "gone.local", "missing"), ignored: true, repo: a},
	}
	write(t, filepath.Join(b, "w.local"), "A=1\n")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := StatusOf(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := filepath.EvalSymlinks(tt.repo)
			if s.Tracked != tt.tracked || s.Ignored != tt.ignored || s.Repo != want {
				t.Errorf("StatusOf = tracked %v, ignored %v, repo %q; want %v, %v, %q", s.Tracked, s.Ignored, s.Repo, tt.tracked, tt.ignored, want)
			}
			if (s.Target == nil) != (tt.target == nil) || (s.Link == nil) != (tt.target == nil) {
				t.Fatalf("Link %v, Target %v; want a target: %v", s.Link, s.Target, tt.target != nil)
			}
			if tt.target == nil {
				return
			}
			wantRepo, _ := filepath.EvalSymlinks(tt.target.Repo)
			if tt.target.Repo == "" {
				wantRepo = ""
			}
			if s.Target.Tracked != tt.target.Tracked || s.Target.Ignored != tt.target.Ignored || s.Target.Repo != wantRepo {
				t.Errorf("Target = %+v, want tracked %v, ignored %v, repo %q", *s.Target, tt.target.Tracked, tt.target.Ignored, wantRepo)
			}
			if s.Link.Path != s.Path || filepath.Dir(s.Link.Path) == filepath.Dir(s.Target.Path) && filepath.Base(s.Link.Path) == filepath.Base(s.Target.Path) {
				t.Errorf("Link %q and Target %q: want the link and the file it resolves to", s.Link.Path, s.Target.Path)
			}
		})
	}
}
