package recipes_test

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/keyring"
	"github.com/jwtkey/jwtkey/preset"
)

// skipOrFail skips a recipe whose runtime or packages are missing, except
// under CI, where every recipe must run.
func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := "skipping: " + format
	if os.Getenv("CI") != "" {
		t.Fatalf("CI must run every recipe: "+format, args...)
	}
	t.Skipf(msg, args...)
}

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
)

// jwtkey runs the real jwtkey binary, built once per test process, in dir
// and returns its stderr.
func jwtkey(t *testing.T, dir string, args ...string) string {
	t.Helper()
	buildOnce.Do(func() {
		out, err := os.MkdirTemp("", "recipes-jwtkey")
		if err != nil {
			buildErr = err
			return
		}
		binary = filepath.Join(out, "jwtkey")
		build := []string{"build", "-o", binary}
		if raceEnabled {
			build = append(build, "-race")
		}
		cmd := exec.Command("go", append(build, "github.com/jwtkey/jwtkey/cmd/jwtkey")...)
		if msg, err := cmd.CombinedOutput(); err != nil {
			buildErr = errors.New("go build: " + err.Error() + "\n" + string(msg))
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("jwtkey %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stderr.String()
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binary != "" {
		os.RemoveAll(filepath.Dir(binary))
	}
	os.Exit(code)
}

// request and response are what a driver (node/run.mjs, python/run.py, or
// goDriver) reads and writes.
type request struct {
	Recipe string        `json:"recipe"`
	Sign   []signRequest `json:"sign,omitempty"`
	Verify []string      `json:"verify,omitempty"`
}

type signRequest struct {
	Sub     string `json:"sub"`
	Expired bool   `json:"expired,omitempty"` // already expired
	Foreign bool   `json:"foreign,omitempty"` // signed with a key of its own
}

type response struct {
	Signed   []string  `json:"signed"`
	Verified []verdict `json:"verified"`
}

type verdict struct {
	OK    bool   `json:"ok"`
	Sub   string `json:"sub,omitempty"`
	Error string `json:"error,omitempty"` // "signature", "expired", or another message
}

// A driver runs a recipe with the variables of the .env file as its
// environment, as a freshly started app would.
type driver func(t *testing.T, vars map[string]string, req request) response

// secretNames are the variables a recipe reads; inherited values are
// dropped so that only the .env file's count.
var secretNames = []string{"JWT_SECRET", "JWT_SECRET_PREVIOUS", "AUTH_SECRET", "AUTH_SECRET_PREVIOUS", "SIGNING_KEY", "SIGNING_KEY_PREVIOUS"}

func command(dir string, argv ...string) driver {
	return func(t *testing.T, vars map[string]string, req request) response {
		t.Helper()
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Dir = dir
		for _, kv := range os.Environ() {
			if name, _, _ := strings.Cut(kv, "="); !slices.Contains(secretNames, name) {
				cmd.Env = append(cmd.Env, kv)
			}
		}
		cmd.Env = append(cmd.Env, "PYTHONDONTWRITEBYTECODE=1")
		for k, v := range vars {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		in, _ := json.Marshal(req)
		cmd.Stdin = bytes.NewReader(in)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(argv, " "), err, stderr.String())
		}
		var resp response
		if err := json.Unmarshal(out, &resp); err != nil {
			t.Fatalf("%s printed %q: %v", strings.Join(argv, " "), out, err)
		}
		return resp
	}
}

// nodeDriver runs node/run.mjs, after checking that Node and the recipe
// packages are installed.
func nodeDriver(t *testing.T) driver {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		skipOrFail(t, "node is not installed (apt-get install nodejs, or Node.js 20 from nodejs.org)")
	}
	for _, pkg := range []string{"jsonwebtoken", "express-jwt", "@auth/core"} {
		if _, err := os.Stat(filepath.Join("node", "node_modules", pkg, "package.json")); err != nil {
			skipOrFail(t, "recipes/node/node_modules/%s is missing: npm ci --prefix recipes/node", pkg)
		}
	}
	return command("node", node, "run.mjs")
}

// pythonDriver runs python/run.py with the first Python that can import
// the modules: python3 on PATH, then Debian's /usr/bin/python3, where
// apt-get installs python3-jwt and SimpleJWT (PyPI is not reachable here).
func pythonDriver(t *testing.T, modules string, debian string) driver {
	t.Helper()
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(py, "-c", "import "+modules).Run() == nil {
			return command("python", py, "run.py")
		}
	}
	skipOrFail(t, "no python3 can import %s: apt-get install %s", modules, debian)
	return nil
}

// goDriver runs the Go recipe, keyring, in this process: a new ring per
// request, as an app reads its environment when it starts.
func goDriver(p *preset.Preset) driver {
	return func(t *testing.T, vars map[string]string, req request) response {
		t.Helper()
		lookup := func(name string) (string, bool) { v, ok := vars[name]; return v, ok }
		ring, err := keyring.FromEnv(keyring.Env{Preset: p, Lookup: lookup}, keyring.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var resp response
		for _, s := range req.Sign {
			c := jwt.MapClaims{"sub": s.Sub, "exp": time.Now().Add(time.Hour).Unix()}
			if s.Expired {
				c["exp"] = time.Now().Add(-time.Minute).Unix()
			}
			var tok string
			if s.Foreign {
				tok, err = jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString([]byte(randomHex()))
			} else {
				tok, err = ring.Sign(c)
			}
			if err != nil {
				t.Fatal(err)
			}
			resp.Signed = append(resp.Signed, tok)
		}
		for _, tok := range req.Verify {
			parsed, err := ring.Parse(tok, nil)
			switch {
			case err == nil:
				sub, _ := parsed.Claims.GetSubject()
				resp.Verified = append(resp.Verified, verdict{OK: true, Sub: sub})
			case errors.Is(err, jwt.ErrTokenExpired):
				resp.Verified = append(resp.Verified, verdict{Error: "expired"})
			case errors.Is(err, jwt.ErrTokenSignatureInvalid):
				resp.Verified = append(resp.Verified, verdict{Error: "signature"})
			default:
				resp.Verified = append(resp.Verified, verdict{Error: err.Error()})
			}
		}
		return resp
	}
}

func randomHex() string {
	b := make([]byte, 32)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func readEnv(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := dotenv.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{}
	for _, v := range f.Vars() {
		vars[v.Name] = v.Value
	}
	return vars
}

func lookupPreset(t *testing.T, name string) *preset.Preset {
	t.Helper()
	if name == "" {
		return nil
	}
	p, err := preset.Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return &p
}

// recipes are the README's tested recipes: the driver's name for each,
// and the preset whose variable it reads ("" for the default JWT_SECRET).
var recipes = []struct {
	recipe string
	preset string
	driver func(t *testing.T) driver
}{
	{"jsonwebtoken", "node", nodeDriver},
	{"express-jwt", "node", nodeDriver},
	{"authjs", "authjs", nodeDriver},
	{"pyjwt", "", func(t *testing.T) driver { return pythonDriver(t, "jwt", "python3-jwt") }},
	{"simplejwt", "django", func(t *testing.T) driver {
		return pythonDriver(t, "jwt, django, rest_framework_simplejwt", "python3-djangorestframework-simplejwt")
	}},
	{"keyring", "go", func(t *testing.T) driver { return goDriver(lookupPreset(t, "go")) }},
}

// untested are the presets whose recipe cannot run here: no JVM
// libraries, no Ruby, no PHP. Their README sections must say so.
var untested = []string{"spring", "rails", "laravel"}

// Each recipe runs through the whole loop with the real jwtkey env,
// rotate and retire on a .env file and the real library.
func TestRecipes(t *testing.T) {
	for _, tt := range recipes {
		t.Run(tt.recipe, func(t *testing.T) {
			t.Parallel()
			run := tt.driver(t)
			loop(t, tt.recipe, lookupPreset(t, tt.preset), run)
		})
	}
}

func loop(t *testing.T, recipe string, p *preset.Preset, run driver) {
	dir := t.TempDir()
	env := filepath.Join(dir, ".env")
	var forArgs []string
	recipeURL := preset.Default.Recipe
	if p != nil {
		forArgs = []string{"--for", p.Name}
		recipeURL = p.Recipe
	}
	jwtkey(t, dir, append([]string{"env"}, forArgs...)...)
	vars := readEnv(t, env)
	first := run(t, vars, request{Recipe: recipe, Sign: []signRequest{{Sub: "old"}, {Sub: "old-expired", Expired: true}, {Sub: "stranger", Foreign: true}}})
	old, oldExpired, foreign := first.Signed[0], first.Signed[1], first.Signed[2]

	stderr := jwtkey(t, dir, append([]string{"rotate"}, forArgs...)...)
	if !strings.Contains(stderr, recipeURL) {
		t.Errorf("jwtkey rotate does not point at %s:\n%s", recipeURL, stderr)
	}
	vars = readEnv(t, env)
	if len(vars) != 2 {
		t.Fatalf("after rotate, .env holds %d variables, want the key and the previous one", len(vars))
	}
	current := run(t, vars, request{Recipe: recipe, Sign: []signRequest{{Sub: "new"}}}).Signed[0]
	got := run(t, vars, request{Recipe: recipe, Verify: []string{old, current, oldExpired, foreign}}).Verified
	expect(t, "after rotate", got, []verdict{
		{OK: true, Sub: "old"},
		{OK: true, Sub: "new"},
		{Error: "expired"}, // the previous key matched, and "exp" still counts
		{Error: "signature"},
	}, []string{"old token", "new token", "expired old token", "token of another key"})

	jwtkey(t, dir, append([]string{"retire"}, forArgs...)...)
	vars = readEnv(t, env)
	got = run(t, vars, request{Recipe: recipe, Verify: []string{old, current}}).Verified
	expect(t, "after retire", got, []verdict{{Error: "signature"}, {OK: true, Sub: "new"}}, []string{"old token", "new token"})
}

func expect(t *testing.T, when string, got, want []verdict, names []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d verdicts, want %d", when, len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s, %s: %+v, want %+v", when, names[i], got[i], want[i])
		}
	}
}
