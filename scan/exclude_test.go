package scan

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestExcluded(t *testing.T) {
	tests := []struct {
		pattern string
		prefix  string // the scanned directory below the patterns'
		outside bool
		yes, no []string
	}{
		{pattern: "*.min.js", yes: []string{"a.min.js", "web/static/a.min.js"}, no: []string{"a.js", "min.js/x.go.txt"}},
		{pattern: "fixtures", yes: []string{"fixtures", "fixtures/a.env", "src/fixtures/deep/x.yml"}, no: []string{"fixtures.yml", "myfixtures/a"}},
		{pattern: "build/", yes: []string{"build/x.js", "app/build/x.js"}, no: []string{"build", "builder/x"}},
		{pattern: "docs/examples/*.js", yes: []string{"docs/examples/a.js"}, no: []string{"docs/examples/sub/a.js", "src/docs/examples/a.js"}},
		{pattern: "/config.yml", yes: []string{"config.yml"}, no: []string{"app/config.yml"}},
		{pattern: "docs/**", yes: []string{"docs/a", "docs/x/y/z.yml"}, no: []string{"docs", "src/docs/a"}},
		{pattern: "config/**/local.yml", yes: []string{"config/local.yml", "config/a/b/local.yml"}, no: []string{"local.yml", "other/config/local.yml"}},
		{pattern: "**/secrets/*.yml", yes: []string{"secrets/a.yml", "k8s/prod/secrets/a.yml"}, no: []string{"secrets/a/b.yml"}},
		{pattern: "seed?.sql.env", yes: []string{"seed1.sql.env"}, no: []string{"seed10.sql.env"}},
		{pattern: "[ab].env", yes: []string{"a.env", "x/b.env"}, no: []string{"c.env"}},
		// Patterns relative to a parent of the scanned directory.
		{pattern: "api/config/*.yml", prefix: "api", yes: []string{"config/a.yml"}, no: []string{"api/config/a.yml"}},
		{pattern: "/web", prefix: "web", yes: []string{"x.js", "a/b.js"}},
		{pattern: "web/**", prefix: "web/src", yes: []string{"x.js"}},
		{pattern: "*.min.js", prefix: "web", yes: []string{"a.min.js"}, no: []string{"a.js"}},
		// Anchored patterns cannot reach a directory outside theirs.
		{pattern: "docs/**", outside: true, no: []string{"docs/a"}},
		{pattern: "*.min.js", outside: true, yes: []string{"docs/a.min.js"}},
	}
	for _, tt := range tests {
		x, err := compileExclude([]string{tt.pattern}, tt.prefix, tt.outside)
		if err != nil {
			t.Fatalf("%q: %v", tt.pattern, err)
		}
		for _, p := range tt.yes {
			if x.excluded(p, false) != tt.pattern {
				t.Errorf("%q (below %q) does not exclude %s", tt.pattern, tt.prefix, p)
			}
		}
		for _, p := range tt.no {
			if got := x.excluded(p, false); got != "" {
				t.Errorf("%q (below %q) excludes %s", tt.pattern, tt.prefix, p)
			}
		}
	}
}

func TestExcludeRefused(t *testing.T) {
	for _, p := range []string{"", "  ", "!keep.env", "a\\b", "/", "a/../b", "[", "x/./y"} {
		_, err := compileExclude([]string{"ok/**", p}, "", false)
		var ee *ExcludeError
		if !errors.As(err, &ee) || ee.Pattern != p || !strings.HasPrefix(err.Error(), "scan: exclude pattern ") {
			t.Errorf("pattern %q: error %v, want an *ExcludeError", p, err)
		}
	}
	if _, err := compileExclude([]string{"!x"}, "", false); !errors.Is(err, errNegation) {
		t.Errorf("negation: %v", err)
	}
}

// Exclusions apply to every source: a walk, git's list of the work tree,
// the index and the history.
func TestScanExclude(t *testing.T) {
	files := map[string]string{
		"config/app.yml":         "jwt:\n  secret: changeme\n",
		"docs/examples/app.yml":  "jwt:\n  secret: changeme2\n",
		"web/dist2/bundle.js":    "const JWT_SECRET = 'hunter2';\n",
		"web/src/auth.js":        "const JWT_SECRET = 'hunter3';\n",
		"deploy/local/.env.prod": "JWT_SECRET=secret\n",
	}
	opts := Options{Judge: func(b []byte) (strengthResult, error) { return stubResult(b), nil },
		Exclude: []string{"docs/examples/**", "dist2/", "local"}}
	want := []string{"config/app.yml", "web/src/auth.js"}

	walk := t.TempDir()
	for n, c := range files {
		put(t, walk, n, c)
	}
	var notes []string
	o := opts
	o.Note = func(p, reason string) { notes = append(notes, p+": "+reason) }
	res, err := Scan(context.Background(), walk, o)
	if err != nil {
		t.Fatal(err)
	}
	if got := findingFiles(res); !slices.Equal(got, want) {
		t.Errorf("walk: files with findings = %q, want %q", got, want)
	}
	slices.Sort(notes)
	if wantNotes := []string{"deploy/local/: excluded by local", "docs/examples/app.yml: excluded by docs/examples/**", "web/dist2/: excluded by dist2/"}; !slices.Equal(notes, wantNotes) {
		t.Errorf("notes = %q, want %q", notes, wantNotes)
	}

	repo := gitRepo(t)
	for n, c := range files {
		put(t, repo, n, c)
	}
	git(t, repo, "add", "-A")
	for _, mode := range []Mode{WorkTree, Staged, History} {
		if mode == History {
			git(t, repo, "commit", "-q", "-m", "x")
		}
		o := opts
		o.Mode = mode
		res, err := Scan(context.Background(), repo, o)
		if err != nil {
			t.Fatal(err)
		}
		if got := findingFiles(res); !slices.Equal(got, want) {
			t.Errorf("mode %d: files with findings = %q, want %q", mode, got, want)
		}
	}

	// Patterns relative to the repository's top, scanning a directory in it.
	o = opts
	o.Exclude, o.ExcludeDir = []string{"web/src/*.js"}, repo
	res, err = Scan(context.Background(), filepath.Join(repo, "web"), o)
	if err != nil {
		t.Fatal(err)
	}
	if got := findingFiles(res); !slices.Equal(got, []string{"dist2/bundle.js"}) {
		t.Errorf("web/ with web/src/*.js excluded: findings in %q, want only dist2/bundle.js", got)
	}

	if _, err := Scan(context.Background(), walk, Options{Exclude: []string{"!x"}}); err == nil {
		t.Error("a bad pattern was accepted")
	}
}

func findingFiles(res *Result) []string {
	var files []string
	for _, f := range res.Findings {
		if !slices.Contains(files, f.File) {
			files = append(files, f.File)
		}
	}
	slices.Sort(files)
	return files
}

// Names a project adds are signing keys in configuration, code and .env
// files alike, for Scan and Inspect.
func TestSecretNames(t *testing.T) {
	dir := t.TempDir()
	put(t, dir, "config.yml", "app:\n  signer: changeme\n")
	put(t, dir, "auth.js", "const appSigner = 'hunter2';\n")
	put(t, dir, ".env", "APP_SIGNER=secret\nPORT=1\n")
	judge := func(b []byte) (strengthResult, error) { return stubResult(b), nil }

	res, err := Scan(context.Background(), dir, Options{Judge: judge})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 0 {
		t.Fatalf("without SecretNames: %q", summary(res.Findings))
	}
	res, err = Scan(context.Background(), dir, Options{Judge: judge, SecretNames: []string{"APP_SIGNER"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{".env:1 jwt-secret-in-config", "auth.js:1 jwt-secret-in-code", "config.yml:2 jwt-secret-in-config"}
	if got := summary(res.Findings); !slices.Equal(got, want) {
		t.Errorf("findings = %q, want %q", got, want)
	}

	for names, want := range map[string][]string{"": nil, "APP_SIGNER": {"APP_SIGNER"}} {
		r, err := Inspect(dir, strings.Fields(names)...)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Files[0].Secrets; !slices.Equal(got, want) {
			t.Errorf("Inspect with %q: secrets %q, want %q", names, got, want)
		}
	}
}

func TestScanReader(t *testing.T) {
	judge := func(b []byte) (strengthResult, error) { return stubResult(b), nil }
	diff := "diff --git a/auth.js b/auth.js\n+++ b/auth.js\n@@ -1 +1,2 @@\n+const JWT_SECRET = 'hunter2';\n"
	tests := []struct {
		name, in string
		want     []string
	}{
		{"", diff, []string{"(stdin):4 jwt-secret-in-config"}},
		{"", "JWT_SECRET=changeme\n", nil}, // bare values are literals only in configuration
		{".env", "JWT_SECRET=changeme\n", []string{".env:1 jwt-secret-in-config"}},
		{".env.example", "JWT_SECRET=changeme\n", nil},
		{"test/app.yml", "jwt:\n  secret: changeme\n", []string{"test/app.yml:2 jwt-secret-in-config"}},
		{"", "JWT_SECRET = 'x' // jwtkey:allow\n", nil},
		{"", "", nil},
	}
	for _, tt := range tests {
		res, err := ScanReader(context.Background(), strings.NewReader(tt.in), tt.name, Options{Judge: judge})
		if err != nil {
			t.Fatalf("%q: %v", tt.name, err)
		}
		if got := summary(res.Findings); !slices.Equal(got, tt.want) {
			t.Errorf("ScanReader(%q, %q) = %q, want %q", tt.in, tt.name, got, tt.want)
		}
		if res.Files != 1 {
			t.Errorf("ScanReader(%q): %d files", tt.name, res.Files)
		}
	}
	if _, err := ScanReader(context.Background(), strings.NewReader(strings.Repeat("x", 101)), "", Options{MaxSize: 100}); err == nil {
		t.Error("input over MaxSize was read")
	}
	if _, err := ScanReader(context.Background(), strings.NewReader(""), "", Options{Mode: Staged}); err == nil {
		t.Error("Staged was accepted for a stream")
	}
	res, err := ScanReader(context.Background(), strings.NewReader("a\x00b"), "", Options{})
	if err != nil || res.Skipped != 1 || res.Files != 0 {
		t.Errorf("binary input: %+v, %v", res, err)
	}
}

func FuzzExclude(f *testing.F) {
	for _, s := range [][2]string{{"*.min.js", "a/b.min.js"}, {"docs/**", "docs/x"}, {"**/a/**/b", "a/a/b"}, {"[", "x"}, {"!x", "x"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, pattern, p string) {
		x, err := compileExclude([]string{pattern}, "", false)
		if err != nil {
			return
		}
		x.excluded(p, false)
		x.excluded(p, true)
		// A plain path excludes itself.
		if strings.ContainsAny(p, "*?[\\!") || strings.TrimSpace(p) == "" {
			return
		}
		for _, s := range strings.Split(p, "/") {
			if s == "" || s == "." || s == ".." {
				return
			}
		}
		if y, err := compileExclude([]string{"/" + p}, "", false); err == nil && y.excluded(p, false) == "" {
			t.Errorf("/%s does not exclude %s", p, p)
		}
	})
}
