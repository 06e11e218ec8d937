package store

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/internal/atomicfile"
	"github.com/jwtkey/jwtkey/internal/gitx"
	"github.com/jwtkey/jwtkey/keygen"
	"github.com/jwtkey/jwtkey/preset"
)

// isolateGit keeps the user's and the system's git configuration (a global
// excludes file that ignores .env, say) out of the tests.
func isolateGit(t *testing.T) {
	t.Helper()
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_AUTHOR_NAME", "test")
	t.Setenv("GIT_AUTHOR_EMAIL", "test@example.com")
	t.Setenv("GIT_COMMITTER_NAME", "test")
	t.Setenv("GIT_COMMITTER_EMAIL", "test@example.com")
}

// gitRepo returns a new, empty git work tree.
func gitRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	isolateGit(t)
	dir := t.TempDir()
	git(t, dir, "init", "-q")
	return dir
}

// plainDir returns a directory outside any git work tree.
func plainDir(t *testing.T) string {
	t.Helper()
	isolateGit(t)
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	return dir
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	if out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func writeFile(t *testing.T, name, data string, mode fs.FileMode) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(name, mode); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func lookup(t *testing.T, name, variable string) string {
	t.Helper()
	f, err := dotenv.Parse([]byte(readFile(t, name)))
	if err != nil {
		t.Fatal(err)
	}
	v, _ := f.Lookup(variable)
	return v
}

var hex64 = regexp.MustCompile(`^[0-9a-f]{64}$`)

func TestWriteNewFile(t *testing.T) {
	dir := plainDir(t)
	name := filepath.Join(dir, ".env")
	r, err := Write(name, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Created || r.Replaced || r.Name != "JWT_SECRET" {
		t.Errorf("result = %+v, want a created file with JWT_SECRET", r)
	}
	if got := readFile(t, name); got != "JWT_SECRET="+r.Key+"\n" {
		t.Errorf("file = %q", got)
	}
	if !hex64.MatchString(r.Key) {
		t.Errorf("key %q is not 64 hex characters", r.Key)
	}
	if fi, _ := os.Stat(name); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", fi.Mode().Perm())
	}
	if r.Git.Repo != "" || r.Git.Skipped != nil {
		t.Errorf("outside a repository: git status %+v", r.Git)
	}
}

func TestWriteExisting(t *testing.T) {
	const before = "# settings\r\nexport PORT=3000\r\nJWT_SECRET='old' # keep quoting\r\nLAST=1"
	tests := []struct {
		name    string
		in      string
		opts    Options
		wantErr error
	}{
		{name: "refuses a value", in: before, wantErr: ErrValueSet},
		{name: "force replaces", in: before, opts: Options{Force: true}},
		{name: "fills an empty value", in: "JWT_SECRET=\nPORT=1\n"},
		{name: "appends", in: "PORT=1"},
		{name: "invalid name", in: before, opts: Options{Name: "JWT-SECRET"}, wantErr: dotenv.ErrInvalidName},
		{name: "invalid previous name", in: before, opts: Options{Previous: "1X"}, wantErr: dotenv.ErrInvalidName},
		{name: "not text", in: "JWT_SECRET=\x00\x01\x02", wantErr: dotenv.ErrNotText},
		{name: "unparseable line for the name", in: "JWT_SECRET=\"never closed\nA=1\n", wantErr: dotenv.ErrUnreadable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := filepath.Join(plainDir(t), ".env")
			writeFile(t, name, tt.in, 0o640)
			// KeepMode: the mode asserted below is the one kept on
			// request; TestModeTightened covers the default.
			opts := tt.opts
			opts.KeepMode = true
			r, err := Write(name, opts)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				if got := readFile(t, name); got != tt.in {
					t.Errorf("a refusal changed the file to %q", got)
				}
				return
			}
			got := readFile(t, name)
			f, _ := dotenv.Parse([]byte(tt.in))
			old, _ := f.Lookup("JWT_SECRET")
			if !strings.Contains(got, r.Key) || strings.Contains(tt.in, "'old'") && !strings.Contains(got, "JWT_SECRET='"+r.Key+"' # keep quoting\r\n") {
				t.Errorf("file = %q", got)
			}
			if r.Replaced != (old != "") {
				t.Errorf("Replaced = %v for an old value %q", r.Replaced, old)
			}
			// Every line but the one assigning JWT_SECRET is as it was.
			other := func(s string) []string {
				var keep []string
				for _, l := range strings.SplitAfter(s, "\n") {
					if !strings.Contains(l, "JWT_SECRET") {
						keep = append(keep, strings.TrimSuffix(l, "\n"))
					}
				}
				return keep
			}
			if a, b := other(tt.in), other(got); !slices.Equal(a, b) {
				t.Errorf("other lines changed: %q, want %q", b, a)
			}
			if fi, _ := os.Stat(name); fi.Mode().Perm() != 0o640 {
				t.Errorf("mode = %v, want the original 0640", fi.Mode().Perm())
			}
		})
	}
}

func TestWriteReadOnly(t *testing.T) {
	name := filepath.Join(plainDir(t), ".env")
	writeFile(t, name, "PORT=1\n", 0o400)
	if _, err := Write(name, Options{}); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("error = %v, want ErrReadOnly", err)
	}
	if got := readFile(t, name); got != "PORT=1\n" {
		t.Errorf("file changed to %q", got)
	}
}

func TestWriteUnwritableDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write to any directory")
	}
	dir := filepath.Join(plainDir(t), "ro")
	os.Mkdir(dir, 0o500)
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	if _, err := Write(filepath.Join(dir, ".env"), Options{}); !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("error = %v, want a permission error", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left %v behind", entries)
	}
}

func TestWriteMissingDir(t *testing.T) {
	if _, err := Write(filepath.Join(plainDir(t), "nope", ".env"), Options{}); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("error = %v, want fs.ErrNotExist", err)
	}
}

func TestPresets(t *testing.T) {
	for _, p := range preset.All {
		t.Run(p.Name, func(t *testing.T) {
			name := filepath.Join(plainDir(t), ".env")
			r, err := Write(name, Options{Preset: &p})
			if err != nil {
				t.Fatal(err)
			}
			if got := lookup(t, name, p.Var); got != r.Key || r.Name != p.Var {
				t.Errorf("%s = %q, want the key %q", p.Var, got, r.Key)
			}
			var key []byte
			switch p.Encoding {
			case keygen.Hex:
				key, err = hex.DecodeString(r.Key)
			case keygen.Base64:
				key, err = base64.StdEncoding.DecodeString(r.Key)
			default:
				t.Fatalf("untested encoding %s", p.Encoding)
			}
			if err != nil || len(key) != p.Size || len(key) < 32 {
				t.Errorf("key %q decodes to %d bytes (%v), want %d", r.Key, len(key), err, p.Size)
			}
			for _, a := range append([]string{p.Name}, p.Aliases...) {
				if q, err := preset.Lookup(strings.ToUpper(a)); err != nil || q.Name != p.Name {
					t.Errorf("preset.Lookup(%q) = %v, %v", a, q.Name, err)
				}
			}
			if !strings.HasPrefix(p.Source, "https://") {
				t.Errorf("source %q is not a link", p.Source)
			}
		})
	}
	if _, err := preset.Lookup("cobol"); err == nil {
		t.Error("preset.Lookup(cobol) succeeded")
	}
}

func TestGitignoreAdded(t *testing.T) {
	dir := gitRepo(t)
	writeFile(t, filepath.Join(dir, ".gitignore"), "node_modules/", 0o644)
	name := filepath.Join(dir, ".env.production")
	r, err := Write(name, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Git.Pattern != "/.env.production" || r.Git.IgnoreFile != filepath.Join(r.Git.Repo, ".gitignore") {
		t.Errorf("git status = %+v", r.Git)
	}
	if got := readFile(t, filepath.Join(dir, ".gitignore")); got != "node_modules/\n/.env.production\n" {
		t.Errorf(".gitignore = %q", got)
	}
	if ok, err := gitx.IsIgnored(name); !ok || err != nil {
		t.Errorf("IsIgnored after the write = %v, %v", ok, err)
	}
	// A second file in a subdirectory gets its own anchored pattern.
	os.Mkdir(filepath.Join(dir, "api"), 0o755)
	if _, err := Write(filepath.Join(dir, "api", ".env"), Options{}); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dir, ".gitignore")); !strings.HasSuffix(got, "/api/.env\n") {
		t.Errorf(".gitignore = %q", got)
	}
}

func TestNoGitignore(t *testing.T) {
	dir := gitRepo(t)
	r, err := Write(filepath.Join(dir, ".env"), Options{NoGitignore: true})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Git.NotIgnored || r.Git.Pattern != "" {
		t.Errorf("git status = %+v, want NotIgnored", r.Git)
	}
	if _, err := os.Stat(filepath.Join(dir, ".gitignore")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf(".gitignore was written: %v", err)
	}
}

func TestTrackedRefused(t *testing.T) {
	dir := gitRepo(t)
	name := filepath.Join(dir, ".env")
	writeFile(t, name, "PORT=1\n", 0o600)
	git(t, dir, "add", ".env")
	_, err := Write(name, Options{})
	var te *TrackedError
	if !errors.As(err, &te) || te.File != name {
		t.Fatalf("error = %v, want a TrackedError for %s", err, name)
	}
	if got := readFile(t, name); got != "PORT=1\n" {
		t.Errorf("file changed to %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, ".gitignore")); !errors.Is(err, fs.ErrNotExist) {
		t.Error(".gitignore written for a refused file")
	}
}

func TestNoGitBinary(t *testing.T) {
	dir := gitRepo(t)
	t.Setenv("PATH", t.TempDir())
	r, err := Write(filepath.Join(dir, ".env"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(r.Git.Skipped, gitx.ErrNoGit) {
		t.Errorf("Git.Skipped = %v, want ErrNoGit", r.Git.Skipped)
	}
}

func TestWriteAll(t *testing.T) {
	dir := plainDir(t)
	var paths []string
	for _, env := range []string{"development", "production", "test"} {
		p, err := EnvFile(dir, env)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	rs, err := WriteAll(paths, Options{})
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for i, r := range rs {
		keys[r.Key] = true
		if got := lookup(t, paths[i], "JWT_SECRET"); got != r.Key {
			t.Errorf("%s holds %q, want %q", paths[i], got, r.Key)
		}
	}
	if len(keys) != 3 {
		t.Errorf("%d distinct keys for 3 environments", len(keys))
	}
	// One refusal stops every write.
	staging := filepath.Join(dir, ".env.staging")
	_, err = WriteAll([]string{staging, paths[0]}, Options{})
	if !errors.Is(err, ErrValueSet) {
		t.Fatalf("error = %v, want ErrValueSet", err)
	}
	if _, err := os.Stat(staging); !errors.Is(err, fs.ErrNotExist) {
		t.Error("a file was written although another was refused")
	}
	if _, err := WriteAll([]string{paths[0], paths[0]}, Options{Force: true}); err == nil {
		t.Error("the same file twice was accepted")
	}
}

func TestEnvFile(t *testing.T) {
	tests := []struct {
		env, want string
		wantErr   bool
	}{
		{"", ".env", false},
		{"production", ".env.production", false},
		{"production.local", ".env.production.local", false},
		{"../x", "", true},
		{"a/b", "", true},
		{".hidden", "", true},
	}
	for _, tt := range tests {
		got, err := EnvFile("", tt.env)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("EnvFile(%q) = %q, %v; want %q", tt.env, got, err, tt.want)
		}
	}
}

func TestEnvFiles(t *testing.T) {
	tests := []struct {
		envs    []string
		want    []string
		wantErr bool
	}{
		{nil, []string{"d/.env"}, false},
		{[]string{"production", " staging "}, []string{"d/.env.production", "d/.env.staging"}, false},
		{[]string{"", "local"}, []string{"d/.env", "d/.env.local"}, false},
		{[]string{"production", "../x"}, nil, true},
	}
	for _, tt := range tests {
		got, err := EnvFiles("d", tt.envs)
		if (err != nil) != tt.wantErr || !slices.Equal(got, tt.want) {
			t.Errorf("EnvFiles(%q) = %q, %v; want %q", tt.envs, got, err, tt.want)
		}
	}
}

func TestSymlink(t *testing.T) {
	dir := plainDir(t)
	os.Mkdir(filepath.Join(dir, "shared"), 0o700)
	real := filepath.Join(dir, "shared", "app.env")
	writeFile(t, real, "PORT=1\n", 0o600)
	link := filepath.Join(dir, ".env")
	if err := os.Symlink(filepath.Join("shared", "app.env"), link); err != nil {
		t.Skip(err)
	}
	r, err := Write(link, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if got := readFile(t, real); got != "PORT=1\nJWT_SECRET="+r.Key+"\n" {
		t.Errorf("link target = %q", got)
	}
	os.Remove(real)
	if _, err := Write(link, Options{Force: true}); err == nil {
		t.Error("writing through a broken link succeeded")
	}
	if _, err := os.Stat(real); !errors.Is(err, fs.ErrNotExist) {
		t.Error("writing through a broken link created its target")
	}
}

func TestRotateAndRetire(t *testing.T) {
	name := filepath.Join(plainDir(t), ".env")
	writeFile(t, name, "# keys\nJWT_SECRET=first\nPORT=1\n", 0o600)
	r, err := Rotate(name, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, name); got != "# keys\nJWT_SECRET="+r.Key+"\nJWT_SECRET_PREVIOUS=first\nPORT=1\n" {
		t.Errorf("after rotate: %q", got)
	}
	if r.Previous != "JWT_SECRET_PREVIOUS" || r.DroppedPrevious {
		t.Errorf("result = %+v", r)
	}
	second := r.Key
	r, err = Rotate(name, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !r.DroppedPrevious || lookup(t, name, "JWT_SECRET_PREVIOUS") != second {
		t.Errorf("second rotation: result %+v, previous %q", r, lookup(t, name, "JWT_SECRET_PREVIOUS"))
	}
	if _, err := Retire(name, Options{}); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, name); got != "# keys\nJWT_SECRET="+r.Key+"\nPORT=1\n" {
		t.Errorf("after retire: %q", got)
	}
	if _, err := Retire(name, Options{}); !errors.Is(err, ErrNothingToRotate) {
		t.Errorf("second retire: error %v, want ErrNothingToRotate", err)
	}
	// A custom previous name.
	if _, err = Rotate(name, Options{Previous: "JWT_SECRET_OLD"}); err != nil {
		t.Fatal(err)
	}
	if lookup(t, name, "JWT_SECRET_OLD") == "" {
		t.Error("JWT_SECRET_OLD not written")
	}
}

func TestRotateNothing(t *testing.T) {
	name := filepath.Join(plainDir(t), ".env")
	writeFile(t, name, "PORT=1\n", 0o600)
	if _, err := Rotate(name, Options{}); !errors.Is(err, ErrNothingToRotate) {
		t.Errorf("error = %v, want ErrNothingToRotate", err)
	}
	if _, err := Rotate(filepath.Join(filepath.Dir(name), "missing"), Options{}); !errors.Is(err, ErrNothingToRotate) {
		t.Errorf("missing file: error = %v, want ErrNothingToRotate", err)
	}
	if got := readFile(t, name); got != "PORT=1\n" {
		t.Errorf("file changed to %q", got)
	}
}

// TestFailEveryStep injects a failure at each step of the atomic write
// under Write and Rotate: the file must hold the old or the new content,
// and nothing else may be left in the directory.
func TestFailEveryStep(t *testing.T) {
	const old = "# keep\nJWT_SECRET=old\n"
	for _, step := range atomicfile.Steps {
		for _, op := range []string{"write", "rotate"} {
			t.Run(op+"/"+string(step), func(t *testing.T) {
				dir := plainDir(t)
				name := filepath.Join(dir, ".env")
				writeFile(t, name, old, 0o600)
				restore := atomicfile.InjectFailures(func(s atomicfile.Step) error {
					if s == step {
						return errors.New("injected")
					}
					return nil
				})
				var err error
				if op == "write" {
					_, err = Write(name, Options{Force: true})
				} else {
					_, err = Rotate(name, Options{})
				}
				restore()
				if err == nil {
					t.Fatal("no error from an injected failure")
				}
				got := readFile(t, name)
				if got != old && (step != atomicfile.StepSyncDir || !strings.Contains(got, "JWT_SECRET=")) {
					t.Errorf("file = %q after a failure at %s", got, step)
				}
				if entries, _ := os.ReadDir(dir); len(entries) != 1 {
					t.Errorf("directory holds %d entries, want only .env", len(entries))
				}
			})
		}
	}
}

func TestJWKS(t *testing.T) {
	dir := plainDir(t)
	name := filepath.Join(dir, "keys.json")
	key, _ := keygen.GenerateHMAC(keygen.HS256)
	first, _ := keygen.MarshalJWKS(keygen.SecretJWK(key, keygen.HS256, "first"))
	writeFile(t, name, `{"comment":"kept",`+string(first[1:]), 0o600)

	r, err := RotateJWKS(name, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.Kept, []string{r.KID, "first"}) || r.Alg != keygen.HS256 {
		t.Errorf("after rotate: %+v", r)
	}
	data := readFile(t, name)
	if !strings.Contains(data, `"comment": "kept"`) || !strings.Contains(data, base64.RawURLEncoding.EncodeToString(key)) {
		t.Errorf("rotate lost the old key or a member: %s", data)
	}
	es, err := RotateJWKS(name, Options{Alg: keygen.ES256})
	if err != nil {
		t.Fatal(err)
	}
	if len(es.Kept) != 3 || es.Kept[0] != es.KID {
		t.Errorf("ES256 rotate: %+v", es)
	}
	rr, err := RetireJWKS(name, []string{"first"}, Options{})
	if err != nil || !slices.Equal(rr.Kept, []string{es.KID, r.KID}) {
		t.Fatalf("retire first: %+v, %v", rr, err)
	}
	rr, err = RetireJWKS(name, nil, Options{})
	if err != nil || !slices.Equal(rr.Kept, []string{es.KID}) || !slices.Equal(rr.Removed, []string{r.KID}) {
		t.Fatalf("retire all but newest: %+v, %v", rr, err)
	}
	before := readFile(t, name)
	for _, kids := range [][]string{nil, {es.KID}, {"nope"}} {
		if _, err := RetireJWKS(name, kids, Options{}); err == nil {
			t.Errorf("RetireJWKS(%q) on a one-key set succeeded", kids)
		}
	}
	if readFile(t, name) != before {
		t.Error("a refused retire changed the file")
	}

	public := filepath.Join(dir, "public.json")
	writeFile(t, public, `{"keys":[{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","kid":"pub","alg":"ES256"}]}`, 0o644)
	if _, err := RotateJWKS(public, Options{}); err == nil {
		t.Error("rotating a public key set succeeded")
	}
	bad := filepath.Join(dir, "bad.json")
	writeFile(t, bad, `{"nokeys":1}`, 0o600)
	if _, err := RotateJWKS(bad, Options{Alg: keygen.HS256}); err == nil {
		t.Error("rotating a file without keys succeeded")
	}
}

func TestGitignoreEscape(t *testing.T) {
	tests := map[string]string{
		".env":          ".env",
		"a*b?.env":      `a\*b\?.env`,
		"#x/!y":         `\#x/\!y`,
		"a[1].env":      `a\[1\].env`,
		"trailing  ":    `trailing\ \ `,
		`back\slash`:    `back\\slash`,
		"mid!dle#.env":  "mid!dle#.env",
		"dir/.env.prod": "dir/.env.prod",
	}
	for in, want := range tests {
		if got := gitignoreEscape(in); got != want {
			t.Errorf("gitignoreEscape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAppendLine(t *testing.T) {
	name := filepath.Join(t.TempDir(), ".gitignore")
	writeFile(t, name, "a\r\nb", 0o644)
	if err := appendLine(name, "/.env"); err != nil {
		t.Fatal(err)
	}
	if err := appendLine(name, "/.env"); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, name); got != "a\r\nb\r\n/.env\r\n" {
		t.Errorf(".gitignore = %q", got)
	}
}
