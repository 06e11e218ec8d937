package store

import (
	"encoding/base64"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/internal/atomicfile"
	"github.com/jwtkey/jwtkey/internal/gitx"
	"github.com/jwtkey/jwtkey/keygen"
)

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skip(err)
	}
}

// noFile fails unless name does not exist.
func noFile(t *testing.T, name string) {
	t.Helper()
	if _, err := os.Lstat(name); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s exists", name)
	}
}

// TestSymlinkGit: a link is judged by git at both ends, the target in the
// work tree that holds it.
func TestSymlinkGit(t *testing.T) {
	a, b := gitRepo(t), gitRepo(t)
	writeFile(t, filepath.Join(b, ".gitignore"), "*.local\n", 0o644)
	writeFile(t, filepath.Join(b, "tracked.env"), "PORT=1\n", 0o600)
	writeFile(t, filepath.Join(b, "config.env"), "PORT=1\n", 0o600)
	writeFile(t, filepath.Join(b, "secret.local"), "PORT=1\n", 0o600)
	os.Mkdir(filepath.Join(a, "config"), 0o755)
	writeFile(t, filepath.Join(a, "config", "tracked.env"), "PORT=1\n", 0o600)
	writeFile(t, filepath.Join(a, "config", "app.env"), "PORT=1\n", 0o600)
	git(t, a, "add", "config/tracked.env")
	git(t, b, "add", "tracked.env", ".gitignore")
	bReal, _ := filepath.EvalSymlinks(b)

	t.Run("tracked target in the same repository", func(t *testing.T) {
		link := filepath.Join(a, ".env.one")
		symlink(t, filepath.Join("config", "tracked.env"), link)
		_, err := Write(link, Options{})
		var te *TrackedError
		if !errors.As(err, &te) || te.Target == "" || te.InRepo != "config/tracked.env" {
			t.Fatalf("error = %+v, want a TrackedError naming the target config/tracked.env", err)
		}
		if got := readFile(t, filepath.Join(a, "config", "tracked.env")); got != "PORT=1\n" {
			t.Errorf("the tracked target changed to %q", got)
		}
		noFile(t, filepath.Join(a, ".gitignore"))
	})
	t.Run("tracked target in another repository", func(t *testing.T) {
		link := filepath.Join(a, ".env.two")
		symlink(t, filepath.Join(b, "tracked.env"), link)
		_, err := Rotate(link, Options{Name: "PORT"})
		var te *TrackedError
		if !errors.As(err, &te) || te.Repo != bReal {
			t.Fatalf("error = %v, want a TrackedError in %s", err, bReal)
		}
		if got := readFile(t, filepath.Join(b, "tracked.env")); got != "PORT=1\n" {
			t.Errorf("the tracked target changed to %q", got)
		}
	})
	t.Run("unignored target in another repository", func(t *testing.T) {
		link := filepath.Join(a, ".env.three")
		symlink(t, filepath.Join(b, "config.env"), link)
		_, err := Write(link, Options{})
		var ne *NotIgnoredError
		if !errors.As(err, &ne) || ne.Repo != bReal || ne.InRepo != "config.env" {
			t.Fatalf("error = %+v, want a NotIgnoredError for config.env in %s", err, bReal)
		}
		if got := readFile(t, filepath.Join(b, "config.env")); got != "PORT=1\n" {
			t.Errorf("the target changed to %q", got)
		}
		noFile(t, filepath.Join(a, ".gitignore"))
		if got := readFile(t, filepath.Join(b, ".gitignore")); got != "*.local\n" {
			t.Errorf("the other repository's .gitignore changed to %q", got)
		}
		// --no-gitignore: written, with the target reported as not ignored.
		r, err := Write(link, Options{NoGitignore: true})
		if err != nil {
			t.Fatal(err)
		}
		if !r.Git.TargetNotIgnored || !r.Git.NotIgnored {
			t.Errorf("git status %+v, want both ends not ignored", r.Git)
		}
	})
	t.Run("ignored target in another repository", func(t *testing.T) {
		link := filepath.Join(a, ".env.four")
		symlink(t, filepath.Join(b, "secret.local"), link)
		r, err := Write(link, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Git.Pattern != "/.env.four" || r.Git.TargetPattern != "" || r.Git.Target != filepath.Join(bReal, "secret.local") {
			t.Errorf("git status %+v, want a pattern for the link only", r.Git)
		}
		if got := lookup(t, filepath.Join(b, "secret.local"), "JWT_SECRET"); got != r.Key {
			t.Errorf("the target holds %q, want the key", got)
		}
	})
	t.Run("unignored target in the same repository", func(t *testing.T) {
		link := filepath.Join(a, ".env.five")
		symlink(t, filepath.Join("config", "app.env"), link)
		r, err := Write(link, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Git.Pattern != "/.env.five" || r.Git.TargetPattern != "/config/app.env" {
			t.Errorf("git status %+v, want a pattern for the link and one for its target", r.Git)
		}
		for _, p := range []string{link, filepath.Join(a, "config", "app.env")} {
			if ok, err := gitx.IsIgnored(p); !ok || err != nil {
				t.Errorf("IsIgnored(%s) = %v, %v", p, ok, err)
			}
		}
	})
}

// twoFiles returns two dotenv files that set JWT_SECRET, in a git work
// tree that does not ignore them.
func twoFiles(t *testing.T) (dir, a, b string) {
	dir = gitRepo(t)
	a, b = filepath.Join(dir, ".env.a"), filepath.Join(dir, ".env.b")
	writeFile(t, a, "JWT_SECRET=old-a\n", 0o600)
	writeFile(t, b, "JWT_SECRET=old-b\n", 0o600)
	return dir, a, b
}

// countFailures returns a failpoint that fails the nth time step is taken.
func countFailures(step atomicfile.Step, n int) func(atomicfile.Step) error {
	seen := 0
	return func(s atomicfile.Step) error {
		if s == step {
			if seen++; seen == n {
				return errors.New("injected")
			}
		}
		return nil
	}
}

// TestAllOrNothing: when the second of two files fails, by refusal, by a
// full disk or at its rename, the first and the .gitignore stay as they
// were; when putting the first back fails too, the error names it.
func TestAllOrNothing(t *testing.T) {
	ops := map[string]func([]string, Options) ([]*Result, error){"write": WriteAll, "rotate": RotateAll}
	for opName, op := range ops {
		o := Options{Force: true}
		if opName == "rotate" {
			o = Options{}
		}
		t.Run(opName+"/refusal", func(t *testing.T) {
			dir, a, b := twoFiles(t)
			writeFile(t, b, "JWT_SECRET=x\nJWT_SECRET=y\n", 0o600)
			if _, err := op([]string{a, b}, o); !errors.Is(err, dotenv.ErrDuplicate) {
				t.Fatalf("error = %v, want ErrDuplicate", err)
			}
			if got := readFile(t, a); got != "JWT_SECRET=old-a\n" {
				t.Errorf("a = %q", got)
			}
			noFile(t, filepath.Join(dir, ".gitignore"))
		})
		// Staged in order: .gitignore, a, b.
		for _, f := range []struct {
			name string
			fail func(atomicfile.Step) error
		}{
			{"full disk", countFailures(atomicfile.StepWrite, 3)},
			{"rename", countFailures(atomicfile.StepCommit, 3)},
			{"directory sync", countFailures(atomicfile.StepSyncDir, 3)},
		} {
			t.Run(opName+"/"+f.name, func(t *testing.T) {
				dir, a, b := twoFiles(t)
				restore := atomicfile.InjectFailures(f.fail)
				_, err := op([]string{a, b}, o)
				restore()
				if err == nil {
					t.Fatal("no error")
				}
				if got := readFile(t, a); got != "JWT_SECRET=old-a\n" {
					t.Errorf("a = %q, want it as it was", got)
				}
				if got := readFile(t, b); got != "JWT_SECRET=old-b\n" {
					t.Errorf("b = %q, want it as it was", got)
				}
				noFile(t, filepath.Join(dir, ".gitignore"))
				entries, _ := os.ReadDir(dir)
				for _, e := range entries {
					if !slices.Contains([]string{".git", ".env.a", ".env.b"}, e.Name()) {
						t.Errorf("left behind %s", e.Name())
					}
				}
			})
		}
		t.Run(opName+"/rollback fails", func(t *testing.T) {
			dir, a, b := twoFiles(t)
			commits := countFailures(atomicfile.StepCommit, 3)
			restore := atomicfile.InjectFailures(func(s atomicfile.Step) error {
				if s == atomicfile.StepRestore {
					return errors.New("injected")
				}
				return commits(s)
			})
			_, err := op([]string{a, b}, o)
			restore()
			var pe *PartialError
			if !errors.As(err, &pe) || !slices.Equal(pe.Changed, []string{filepath.Join(dir, ".gitignore"), a}) {
				t.Fatalf("error = %v, want a PartialError naming .gitignore and %s", err, a)
			}
			if got := readFile(t, b); got != "JWT_SECRET=old-b\n" {
				t.Errorf("b = %q", got)
			}
		})
	}
}

// TestLocked: a writer that cannot get a lock writes nothing.
func TestLocked(t *testing.T) {
	dir := gitRepo(t)
	name := filepath.Join(dir, ".env")
	writeFile(t, name, "PORT=1\n", 0o600)
	for _, held := range []string{name, filepath.Join(dir, ".gitignore")} {
		l, err := atomicfile.Lock(held, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Write(name, Options{LockTimeout: 20 * time.Millisecond})
		l.Unlock()
		if !errors.Is(err, ErrLocked) {
			t.Errorf("with %s locked: error %v, want ErrLocked", filepath.Base(held), err)
		}
		if got := readFile(t, name); got != "PORT=1\n" {
			t.Errorf("with %s locked, .env changed to %q", filepath.Base(held), got)
		}
		noFile(t, filepath.Join(dir, ".gitignore"))
	}
	if _, err := Write(name, Options{}); err != nil {
		t.Fatalf("after the locks were released: %v", err)
	}
}

func TestModeTightened(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no group or other permission bits")
	}
	dir := plainDir(t)
	name := filepath.Join(dir, ".env")
	for _, tt := range []struct {
		mode, want fs.FileMode
		keep       bool
	}{
		{0o644, 0o600, false},
		{0o640, 0o600, false},
		{0o604, 0o600, false},
		{0o600, 0o600, false},
		{0o644, 0o644, true},
	} {
		writeFile(t, name, "JWT_SECRET=old\n", tt.mode)
		r, err := Rotate(name, Options{KeepMode: tt.keep})
		if err != nil {
			t.Fatal(err)
		}
		fi, _ := os.Stat(name)
		if fi.Mode().Perm() != tt.want || r.Mode != tt.want || r.OldMode != tt.mode || r.Tightened() != (tt.want != tt.mode) {
			t.Errorf("mode %#o, keep %v: file %#o, result %#o from %#o (tightened %v); want %#o", tt.mode, tt.keep, fi.Mode().Perm(), r.Mode, r.OldMode, r.Tightened(), tt.want)
		}
	}
}

// TestRotateStyle: the previous value is written in the current line's
// style, and a name assigned twice is refused by every operation.
func TestRotateStyle(t *testing.T) {
	name := filepath.Join(plainDir(t), ".env")
	writeFile(t, name, "export JWT_SECRET=\"first\" # signing key\nPORT=1\n", 0o600)
	r, err := Rotate(name, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "export JWT_SECRET=\"" + r.Key + "\" # signing key\nexport JWT_SECRET_PREVIOUS=\"first\"\nPORT=1\n"
	if got := readFile(t, name); got != want {
		t.Errorf("after rotate: %q, want %q", got, want)
	}

	const twice = "JWT_SECRET=a\nJWT_SECRET_PREVIOUS=b\nexport JWT_SECRET=c\n"
	const prevTwice = "JWT_SECRET_PREVIOUS=b\nJWT_SECRET=a\nJWT_SECRET_PREVIOUS=c\n"
	for _, tt := range []struct {
		op, in string
		f      func(string, Options) (*Result, error)
		o      Options
	}{
		{"env --force", twice, Write, Options{Force: true}},
		{"rotate", twice, Rotate, Options{}},
		{"rotate, previous twice", prevTwice, Rotate, Options{}},
		{"retire", twice, Retire, Options{}},
	} {
		writeFile(t, name, tt.in, 0o600)
		_, err := tt.f(name, tt.o)
		if !errors.Is(err, dotenv.ErrDuplicate) || !strings.Contains(err.Error(), "line 1") || !strings.Contains(err.Error(), "line 3") {
			t.Errorf("%s: error %v, want ErrDuplicate showing lines 1 and 3", tt.op, err)
		}
		if got := readFile(t, name); got != tt.in {
			t.Errorf("%s: the file changed to %q", tt.op, got)
		}
	}
	// Retire removes every assignment of the previous name.
	writeFile(t, name, prevTwice, 0o600)
	if _, err := Retire(name, Options{}); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, name); got != "JWT_SECRET=a\n" {
		t.Errorf("after retire: %q", got)
	}
}

// TestTooLarge: a file far larger than any dotenv file is refused by its
// size, without being read.
func TestTooLarge(t *testing.T) {
	name := filepath.Join(plainDir(t), ".env")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(100 << 20) // sparse: no disk space
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = Write(name, Options{})
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("error = %v, want ErrTooLarge", err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 4<<20 {
		t.Errorf("refusing a 100 MB file allocated %d bytes: it was read", n)
	}
	if fi, _ := os.Stat(name); fi.Size() != 100<<20 {
		t.Errorf("the file changed size to %d", fi.Size())
	}
}

func TestJWKSWeakKey(t *testing.T) {
	dir := plainDir(t)
	short := filepath.Join(dir, "short.json")
	const set = `{"keys":[{"kty":"oct","k":"AQID","alg":"HS256","kid":"short"}]}`
	writeFile(t, short, set, 0o600)
	_, err := RotateJWKS(short, Options{})
	var we *WeakKeyError
	var se *keygen.SizeError
	if !errors.As(err, &we) || we.KID != "short" || !errors.As(err, &se) || se.Size != 3 {
		t.Fatalf("error = %v, want a WeakKeyError for the 3-byte key", err)
	}
	if readFile(t, short) != set {
		t.Error("a refused rotation changed the set")
	}
	r, err := RotateJWKS(short, Options{Insecure: true})
	if err != nil || !slices.Equal(r.Kept[1:], []string{"short"}) {
		t.Fatalf("with Insecure: %+v, %v", r, err)
	}

	weakRSA, err := keygen.GenerateInsecureRSA(1024)
	if err != nil {
		t.Fatal(err)
	}
	jwk, _ := keygen.PrivateJWK(weakRSA, keygen.RS256)
	data, _ := keygen.MarshalJWKS(jwk)
	rsaSet := filepath.Join(dir, "rsa.json")
	writeFile(t, rsaSet, string(data), 0o600)
	if _, err := RotateJWKS(rsaSet, Options{}); !errors.As(err, &se) || se.Size != 1024 {
		t.Errorf("RSA-1024 set: error %v, want a SizeError for 1024 bits", err)
	}
	// A key of the right size rotates without Insecure.
	key, _ := keygen.GenerateHMAC(keygen.HS384)
	good := filepath.Join(dir, "good.json")
	writeFile(t, good, `{"keys":[{"kty":"oct","k":"`+base64.RawURLEncoding.EncodeToString(key)+`","alg":"HS384","kid":"k"}]}`, 0o600)
	if _, err := RotateJWKS(good, Options{}); err != nil {
		t.Errorf("48-byte HS384 set: %v", err)
	}
}

func TestWriteKeyFile(t *testing.T) {
	dir := gitRepo(t)
	name := filepath.Join(dir, "private.pem")
	r, err := WriteKeyFile(name, []byte("KEY\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Created || r.Git.Pattern != "/private.pem" || readFile(t, filepath.Join(dir, ".gitignore")) != "/private.pem\n" {
		t.Errorf("result %+v, .gitignore %q", r, readFile(t, filepath.Join(dir, ".gitignore")))
	}
	if fi, _ := os.Stat(name); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode().Perm())
	}
	if _, err := WriteKeyFile(name, []byte("NEW\n"), Options{}); !errors.Is(err, fs.ErrExist) {
		t.Errorf("over an existing file: %v, want fs.ErrExist", err)
	}
	os.Chmod(name, 0o644)
	if r, err = WriteKeyFile(name, []byte("NEW\n"), Options{Force: true}); err != nil || !r.Tightened() || readFile(t, name) != "NEW\n" {
		t.Errorf("Force: %+v, %v, file %q", r, err, readFile(t, name))
	}
	tracked := filepath.Join(dir, "tracked.pem")
	writeFile(t, tracked, "OLD\n", 0o600)
	git(t, dir, "add", "tracked.pem")
	var te *TrackedError
	if _, err := WriteKeyFile(tracked, []byte("NEW\n"), Options{Force: true}); !errors.As(err, &te) {
		t.Errorf("tracked: %v, want a TrackedError", err)
	}
	if readFile(t, tracked) != "OLD\n" {
		t.Error("a tracked key file was replaced")
	}
}

// TestSameFileTwice: a file and a link to it are one file, written once.
func TestSameFileTwice(t *testing.T) {
	dir := plainDir(t)
	name := filepath.Join(dir, ".env")
	writeFile(t, name, "PORT=1\n", 0o600)
	symlink(t, ".env", filepath.Join(dir, ".env.local"))
	if _, err := WriteAll([]string{name, filepath.Join(dir, ".env.local")}, Options{}); err == nil || !strings.Contains(err.Error(), "are the same file") {
		t.Errorf("error = %v, want a refusal", err)
	}
	if got := readFile(t, name); got != "PORT=1\n" {
		t.Errorf("the file changed to %q", got)
	}
}

// appendLine adds line to the text file name as a write adds a .gitignore
// pattern: under the file's lock, not twice.
func appendLine(name, line string) error {
	s := newSession(Options{})
	defer s.unlock()
	if err := s.lock(name); err != nil {
		return err
	}
	var tx atomicfile.Tx
	defer tx.Abort()
	if _, err := stageAppend(&tx, name, []string{line}); err != nil {
		return err
	}
	return tx.Commit(nil)
}
