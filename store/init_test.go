package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/jwtkey/jwtkey/internal/atomicfile"
	"github.com/jwtkey/jwtkey/preset"
)

func TestInit(t *testing.T) {
	dir := gitRepo(t)
	rails, _ := preset.Lookup("rails")
	cfg := filepath.Join(dir, ".jwtkey.toml")
	dev, prod := filepath.Join(dir, ".env.development"), filepath.Join(dir, ".env.production")
	// production already has a key, in a file others can read.
	writeFile(t, prod, "SECRET_KEY_BASE=kept\n", 0o644)
	o := InitOptions{Options: Options{Preset: &rails}, Files: []string{dev, prod}, Config: cfg, ConfigData: []byte("[key]\npreset = \"rails\"\n")}

	r, err := Init(o)
	if err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, cfg); got != string(o.ConfigData) {
		t.Errorf("config = %q", got)
	}
	if !r.Config.Created || r.Config.Mode != 0o644 {
		t.Errorf("config result = %+v, want created with mode 0644", r.Config)
	}
	if fi, _ := os.Stat(cfg); fi.Mode().Perm() != 0o644 {
		t.Errorf("config mode %#o", fi.Mode().Perm())
	}
	if d := r.Files[0]; d.Kept || !d.Created || !regexp.MustCompile(`^[0-9a-f]{128}$`).MatchString(d.Key) || lookup(t, dev, "SECRET_KEY_BASE") != d.Key {
		t.Errorf("development = %+v", d)
	}
	if p := r.Files[1]; !p.Kept || p.Key != "" || p.Mode != 0o600 || p.OldMode != 0o644 || lookup(t, prod, "SECRET_KEY_BASE") != "kept" {
		t.Errorf("production = %+v, want its key kept and its mode tightened", p)
	}
	if got := readFile(t, filepath.Join(dir, ".gitignore")); got != "/.env.development\n/.env.production\n" {
		t.Errorf(".gitignore = %q", got)
	}

	// A second run refuses the settings file and writes nothing.
	before := readFile(t, dev)
	o.ConfigData = []byte("# other\n")
	if _, err := Init(o); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("second Init: %v, want fs.ErrExist", err)
	}
	if readFile(t, cfg) == "# other\n" || readFile(t, dev) != before {
		t.Error("a refused Init changed a file")
	}
	// Force replaces it, keeps its mode and both keys.
	os.Chmod(cfg, 0o664)
	o.Force = true
	r, err = Init(o)
	if err != nil {
		t.Fatal(err)
	}
	if readFile(t, cfg) != "# other\n" || !r.Config.Replaced || r.Config.Mode != 0o664 || readFile(t, dev) != before {
		t.Errorf("forced Init: config %+v", r.Config)
	}
	if !r.Files[0].Kept || !r.Files[1].Kept {
		t.Errorf("forced Init replaced a key: %+v %+v", r.Files[0], r.Files[1])
	}
}

// Init is all or nothing: a refused dotenv file leaves the settings file
// unwritten, and the other way round.
func TestInitAllOrNothing(t *testing.T) {
	dir := gitRepo(t)
	cfg := filepath.Join(dir, ".jwtkey.toml")
	env, tracked := filepath.Join(dir, ".env"), filepath.Join(dir, ".env.test")
	writeFile(t, tracked, "PORT=1\n", 0o600)
	git(t, dir, "add", ".env.test")
	_, err := Init(InitOptions{Files: []string{env, tracked}, Config: cfg, ConfigData: []byte("\n")})
	var te *TrackedError
	if !errors.As(err, &te) {
		t.Fatalf("Init with a tracked file: %v", err)
	}
	for _, f := range []string{cfg, env, filepath.Join(dir, ".gitignore")} {
		noFile(t, f)
	}

	// A failure while renaming puts every file back.
	defer atomicfile.InjectFailures(countFailures(atomicfile.StepCommit, 2))()
	if _, err := Init(InitOptions{Files: []string{env}, Config: cfg, ConfigData: []byte("\n")}); err == nil {
		t.Fatal("Init succeeded through a failing rename")
	}
	for _, f := range []string{cfg, env, filepath.Join(dir, ".gitignore")} {
		noFile(t, f)
	}
}

func TestInitRefusals(t *testing.T) {
	dir := plainDir(t)
	cfg := filepath.Join(dir, ".jwtkey.toml")
	var me *MissingError
	if _, err := Init(InitOptions{Files: []string{filepath.Join(dir, "config", ".env")}, Config: cfg}); !errors.As(err, &me) || me.Dir != filepath.Join(dir, "config") || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing directory: %v", err)
	}
	if _, err := Init(InitOptions{Files: []string{cfg}, Config: cfg}); err == nil {
		t.Error("the settings file as a dotenv file was accepted")
	}
	if _, err := Init(InitOptions{Files: []string{filepath.Join(dir, ".env")}}); err == nil {
		t.Error("no settings file was accepted")
	}
	noFile(t, filepath.Join(dir, ".env"))
}

func TestMissingError(t *testing.T) {
	dir := plainDir(t)
	var me *MissingError
	_, err := Write(filepath.Join(dir, "config", ".env"), Options{})
	if !errors.As(err, &me) || me.Dir != filepath.Join(dir, "config") {
		t.Errorf("Write into a missing directory: %v", err)
	}
	_, err = RotateJWKS(filepath.Join(dir, "nope.json"), Options{})
	if !errors.As(err, &me) || me.Dir != "" || me.File != filepath.Join(dir, "nope.json") || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("RotateJWKS of a missing set: %v", err)
	}
	noFile(t, filepath.Join(dir, "nope.json"))
}
