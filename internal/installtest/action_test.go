package installtest

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// runBlocks returns the "run: |" scripts of a composite action's steps by
// step name. It reads the small part of YAML that action.yml uses: block
// scalars indented under their key.
func runBlocks(t *testing.T, yml string) map[string]string {
	t.Helper()
	name := regexp.MustCompile(`^\s*- name: (.+)$`)
	blocks := map[string]string{}
	lines := strings.Split(yml, "\n")
	step := ""
	for i := 0; i < len(lines); i++ {
		if m := name.FindStringSubmatch(lines[i]); m != nil {
			step = m[1]
			continue
		}
		key := strings.TrimLeft(lines[i], " ")
		if key != "run: |" {
			continue
		}
		indent := len(lines[i]) - len(key)
		var body []string
		for i+1 < len(lines) && (strings.TrimSpace(lines[i+1]) == "" || len(lines[i+1])-len(strings.TrimLeft(lines[i+1], " ")) > indent) {
			i++
			body = append(body, lines[i])
		}
		cut := len(body[0]) - len(strings.TrimLeft(body[0], " "))
		for j, l := range body {
			body[j] = l[min(cut, len(l)):]
		}
		blocks[step] = strings.Join(body, "\n")
	}
	return blocks
}

// TestAction runs action.yml's own scripts as the runner would (bash -e -o
// pipefail, the runner's variables set): the install step builds jwtkey
// from the action's checkout, and the scan step writes SARIF and reports
// findings through its outputs and exit status.
func TestAction(t *testing.T) {
	bash := need(t, "bash", "apt-get install bash")
	need(t, "git", "apt-get install git")
	need(t, "go", "the Go toolchain, on PATH")
	root := repoRoot(t)
	yml, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\n  using: composite\n",
		"uses: actions/setup-go@",
		"go-version-file: ${{ github.action_path }}/go.mod",
	} {
		if !strings.Contains(string(yml), want) {
			t.Errorf("action.yml lacks %q", want)
		}
	}
	blocks := runBlocks(t, string(yml))
	install, scan := blocks["Install jwtkey"], blocks["Scan"]
	if install == "" || scan == "" {
		t.Fatalf("action.yml: no run scripts for the steps \"Install jwtkey\" and \"Scan\": %q", blocks)
	}

	runner := t.TempDir()
	env := append(gitEnv(t.TempDir()), goEnv(t)...)
	env = append(env, "RUNNER_TEMP="+runner, "GITHUB_ACTION_PATH="+root, "GITHUB_PATH="+filepath.Join(runner, "path"))
	step := func(script, dir string, extra ...string) (output map[string]string, log string, code int) {
		t.Helper()
		outFile := filepath.Join(t.TempDir(), "output")
		cmd := exec.Command(bash, "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script)
		cmd.Dir, cmd.Env = dir, append(append(env, "GITHUB_OUTPUT="+outFile), extra...)
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		output = map[string]string{}
		b, _ := os.ReadFile(outFile)
		for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			if k, v, ok := strings.Cut(l, "="); ok {
				output[k] = v
			}
		}
		return output, string(out), code
	}

	if _, log, code := step(install, t.TempDir()); code != 0 {
		t.Fatalf("install step: exit %d\n%s", code, log)
	} else if !regexp.MustCompile(`(?m)^jwtkey \S+\nrevision `).MatchString(log) {
		t.Errorf("install step: no jwtkey version printed:\n%s", log)
	}
	if b, _ := os.ReadFile(filepath.Join(runner, "path")); strings.TrimSpace(string(b)) != filepath.Join(runner, "jwtkey-bin") {
		t.Errorf("GITHUB_PATH got %q, want the install directory", b)
	}

	tests := []struct {
		name     string
		files    map[string]string
		fail     string
		code     int
		findings string
		results  int
	}{
		{"weak secret", weakSecret, "false", 0, "true", 1},
		{"weak secret, fail-on-findings", weakSecret, "true", 1, "true", 1},
		{"reference", referenced, "true", 0, "false", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo, workspace := throwaway(t, env, tt.files), t.TempDir()
			out, log, code := step(scan, workspace,
				"JWTKEY_PATH="+repo, "JWTKEY_ARGS=--max-size 64KiB", "JWTKEY_SARIF=jwtkey.sarif", "JWTKEY_FAIL="+tt.fail)
			if code != tt.code || out["findings"] != tt.findings {
				t.Fatalf("exit %d, findings=%q; want %d, %q\n%s", code, out["findings"], tt.code, tt.findings, log)
			}
			sarifFile := filepath.Join(workspace, "jwtkey.sarif")
			if out["sarif-file"] != sarifFile {
				t.Errorf("sarif-file=%q, want %q", out["sarif-file"], sarifFile)
			}
			var sarif struct {
				Version string
				Runs    []struct {
					Results []struct {
						Locations []struct {
							PhysicalLocation struct {
								ArtifactLocation struct{ URI string }
							}
						}
					}
				}
			}
			b, err := os.ReadFile(sarifFile)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &sarif); err != nil || sarif.Version != "2.1.0" || len(sarif.Runs) != 1 {
				t.Fatalf("not a SARIF 2.1.0 log with one run (%v):\n%s", err, b)
			}
			res := sarif.Runs[0].Results
			if len(res) != tt.results {
				t.Fatalf("%d results, want %d:\n%s", len(res), tt.results, b)
			}
			if len(res) > 0 && res[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != "config/app.yaml" {
				t.Errorf("the finding's URI is not relative to the repository: %s", b)
			}
		})
	}
}
