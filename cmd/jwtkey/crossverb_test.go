package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The same .env, judged by check --file, doctor and scan: the three verbs
// must name the same variables as secrets, with the same verdicts, and
// find the same secret shared between two environments.
const crossEnv = `# a dozen variables, and a reference and a path none of the verbs judges
JWT_SECRET=secret
AUTH_SECRET=cb4abd35ba818b809a2d97c4d2212babb455f889c334182df3267ee7eb01dd74
SIGNING_KEY=825dd0f763521ae4502660f092031a952b5e8c07b6a5a768357e5f042669e1fb
REFRESH_TOKEN_SECRET=changeme123
API_KEY=password1
DB_PASSWORD=3320874853b6da1eb721a338fbad1619e3b1f46625ee4cd349a4cb1547f5dcd6
DATABASE_URL=postgres://app@localhost:5432/app
JWT_PUBLIC_KEY=MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE
CLIENT_ID=web-frontend
JWT_EXPIRES_IN=15m
GITHUB_TOKEN=dc76e78b5be01c53f6fe79233e9053b0234b4fc34391848b75409a51f37eb415
SESSION_SECRET=hunter2hunter2
COOKIE_SECRET=${VAULT_COOKIE_SECRET}
WEBHOOK_SECRET=/run/secrets/webhook
`

const crossEnvProduction = "AUTH_SECRET=cb4abd35ba818b809a2d97c4d2212babb455f889c334182df3267ee7eb01dd74\n"

// runJSON runs one jwtkey command line in dir and decodes its stdout.
func runJSON(t *testing.T, dir string, v any, args ...string) {
	t.Helper()
	var out, errb bytes.Buffer
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	code := run(&app{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}, args)
	if code > 1 {
		t.Fatalf("jwtkey %v: exit %d\n%s", args, code, errb.String())
	}
	if err := json.Unmarshal(out.Bytes(), v); err != nil {
		t.Fatalf("jwtkey %v: %v\n%s", args, err, out.String())
	}
}

type verdicts map[string]string // file:variable → verdict

func crossVerbs(t *testing.T, dir string, scanArgs ...string) (check, doctor, scanned verdicts, shared [3][]string) {
	var c struct {
		Secrets []struct{ Source, Verdict string }
		Shared  []struct{ Sources []string }
	}
	runJSON(t, dir, &c, "check", "--json", "--file", ".env", "--file", ".env.production")
	check = verdicts{}
	src := regexp.MustCompile(`^(\S+):\d+ (\S+)$`)
	for _, s := range c.Secrets {
		m := src.FindStringSubmatch(s.Source)
		check[m[1]+":"+m[2]] = s.Verdict
	}
	for _, g := range c.Shared {
		for _, s := range g.Sources {
			m := src.FindStringSubmatch(s)
			shared[0] = append(shared[0], m[1]+":"+m[2])
		}
	}

	var d struct {
		Files []struct {
			File     string
			Verdicts map[string]string
		}
		Findings []struct{ File, Var, Kind string }
	}
	runJSON(t, dir, &d, "doctor", "--json")
	doctor = verdicts{}
	for _, f := range d.Files {
		for v, verdict := range f.Verdicts {
			doctor[f.File+":"+v] = verdict
		}
	}
	for _, f := range d.Findings {
		if f.Kind == "shared" {
			shared[1] = append(shared[1], f.File+":"+f.Var)
		}
	}

	var s []struct{ Rule, File, Key, Verdict string }
	runJSON(t, dir, &s, append([]string{"scan", "--format", "json"}, scanArgs...)...)
	scanned = verdicts{}
	for _, f := range s {
		switch f.Rule {
		case "jwt-secret-in-config":
			scanned[f.File+":"+f.Key] = f.Verdict
		case "jwt-secret-reused":
			shared[2] = append(shared[2], f.File+":"+f.Key)
		}
	}
	return check, doctor, scanned, shared
}

func TestCrossVerbDotenv(t *testing.T) {
	for _, tc := range []struct {
		name     string
		git      bool
		scanArgs []string
		config   string // .jwtkey.toml
		extra    string // a variable only the config makes a secret
	}{
		{name: "outside git"},
		{name: "in git, not ignored", git: true},
		// The project's own names count for all three.
		{name: "secret_names", config: "[scan]\nsecret_names = [\"CLIENT_ID\"]\n", extra: ".env:CLIENT_ID"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
			if tc.git {
				if _, err := exec.LookPath("git"); err != nil {
					t.Skip("git is not installed")
				}
				if out, err := exec.Command("git", "-C", dir, "init", "-q").CombinedOutput(); err != nil {
					t.Fatalf("git init: %v\n%s", err, out)
				}
			}
			files := map[string]string{".env": crossEnv, ".env.production": crossEnvProduction}
			if tc.config != "" {
				files[".jwtkey.toml"] = tc.config
			}
			for name, content := range files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			check, doctor, scanned, shared := crossVerbs(t, dir, tc.scanArgs...)
			want := 9
			if tc.extra != "" {
				want++
				if _, ok := check[tc.extra]; !ok {
					t.Errorf("check does not judge %s", tc.extra)
				}
			}
			if len(check) != want {
				t.Errorf("check judged %d secrets, want %d: %v", len(check), want, check)
			}
			for name, got := range map[string]verdicts{"doctor": doctor, "scan": scanned} {
				for k, v := range check {
					if got[k] != v {
						t.Errorf("%s: %s is %q, check says %q", name, k, got[k], v)
					}
				}
				for k := range got {
					if _, ok := check[k]; !ok {
						t.Errorf("%s judges %s, check does not", name, k)
					}
				}
			}
			for _, v := range []string{".env:DATABASE_URL", ".env:JWT_PUBLIC_KEY", ".env:CLIENT_ID", ".env:JWT_EXPIRES_IN"} {
				if _, ok := check[v]; ok && v != tc.extra {
					t.Errorf("check judges %s, which holds no secret", v)
				}
			}
			for i, verb := range []string{"check", "doctor", "scan"} {
				if !slices.Contains(shared[i], ".env.production:AUTH_SECRET") {
					t.Errorf("%s does not report AUTH_SECRET shared by .env.production: %v", verb, shared[i])
				}
			}
		})
	}
}
