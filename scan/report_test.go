package scan

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

var sampleFindings = []Finding{{
	RuleID: RuleConfig, File: ".env", Line: 3, Column: 12, EndColumn: 20, Key: "JWT_SECRET",
	Secret: "mysecret", Verdict: "weak", Bits: 12, Message: "m", Fix: "f", Fingerprint: "abc",
	context: "JWT_SECRET=\x00",
}}

// The SARIF log must validate against the SARIF 2.1.0 schema.
func TestSARIFValidates(t *testing.T) {
	for _, path := range []string{"testdata/golden/corpus.sarif", ""} {
		var data []byte
		if path == "" {
			var b bytes.Buffer
			if err := WriteSARIF(&b, sampleFindings, "1.2.3", true); err != nil {
				t.Fatal(err)
			}
			data = b.Bytes()
		} else {
			var err error
			if data, err = os.ReadFile(path); err != nil {
				t.Fatal(err)
			}
		}
		rep, err := sarif.FromBytes(data)
		if err != nil {
			t.Fatal(err)
		}
		if err := rep.Validate(); err != nil {
			t.Errorf("%s: %v", path, err)
		}
		if rep.Version != "2.1.0" || len(rep.Runs) != 1 || len(rep.Runs[0].Tool.Driver.Rules) != len(Rules) {
			t.Errorf("%s: unexpected shape", path)
		}
	}
}

// Secrets are redacted unless asked for, in every format.
func TestRedaction(t *testing.T) {
	for _, show := range []bool{false, true} {
		var j, s, txt bytes.Buffer
		if err := WriteJSON(&j, sampleFindings, show); err != nil {
			t.Fatal(err)
		}
		if err := WriteText(&txt, sampleFindings, show); err != nil {
			t.Fatal(err)
		}
		if err := WriteSARIF(&s, sampleFindings, "", show); err != nil {
			t.Fatal(err)
		}
		snip := sampleFindings[0].Snippet(show)
		for name, out := range map[string]string{"json": j.String(), "sarif": s.String(), "text": txt.String(), "snippet": snip} {
			if got := strings.Contains(out, "mysecret"); got != show {
				t.Errorf("%s show=%v: secret present = %v\n%s", name, show, got, out)
			}
		}
	}
	var out []map[string]any
	var j bytes.Buffer
	WriteJSON(&j, nil, false)
	if err := json.Unmarshal(j.Bytes(), &out); err != nil || out == nil || len(out) != 0 {
		t.Errorf("no findings should print [], got %q", j.String())
	}
}

func TestSnippetDropsControlCharacters(t *testing.T) {
	f := Finding{Secret: "s", context: "\x1b[2JJWT_SECRET=\x00 \x07"}
	if got := f.Snippet(false); strings.ContainsAny(got, "\x1b\x07") {
		t.Errorf("control characters kept: %q", got)
	}
}

func TestWriteText(t *testing.T) {
	fs := []Finding{sampleFindings[0], {
		RuleID: RuleConfig, File: "a b.yml", Line: 1, Column: 2, Commit: "0123456789abcdef0123", Message: "m2", Fix: "f2", context: "file",
	}}
	var b bytes.Buffer
	if err := WriteText(&b, fs, false); err != nil {
		t.Fatal(err)
	}
	want := `.env:3:12: weak: m [` + RuleConfig + `]
    JWT_SECRET=REDACTED
    fix: f
0123456789ab:"a b.yml":1:2: m2 [` + RuleConfig + `]
    fix: f2
`
	if b.String() != want {
		t.Errorf("WriteText:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestInspectionReports(t *testing.T) {
	r := &Inspection{
		Dir:   "app",
		Files: []EnvFile{{File: "app/.env.prod", Env: "prod", Mode: 0o644, Secrets: []string{"JWT_SECRET"}, Verdicts: map[string]string{"JWT_SECRET": "weak"}}},
		Problems: []Problem{
			{File: "app/.env.prod", Kind: KindMode, Message: "mode 0644"},
			{File: "app/a b/.env", Var: "JWT_SECRET", Kind: KindWeak, Message: "JWT_SECRET is weak"},
		},
		GitSkipped: ErrNoGit,
	}
	var txt, js bytes.Buffer
	if err := r.WriteText(&txt); err != nil {
		t.Fatal(err)
	}
	if want := ".env.prod: mode: mode 0644\n\"a b/.env\": weak: JWT_SECRET is weak\n"; txt.String() != want {
		t.Errorf("WriteText:\n%s\nwant:\n%s", txt.String(), want)
	}
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Dir   string
		Files []struct {
			File, Env, Mode string
			Secrets         []string
			Verdicts        map[string]string
		}
		Findings   []struct{ File, Var, Kind, Message string }
		GitSkipped string `json:"git_skipped"`
	}
	if err := json.Unmarshal(js.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Dir != "app" || len(got.Files) != 1 || got.Files[0].File != ".env.prod" || got.Files[0].Mode != "0644" ||
		got.Files[0].Verdicts["JWT_SECRET"] != "weak" || len(got.Findings) != 2 || got.Findings[1].File != "a b/.env" ||
		got.Findings[1].Var != "JWT_SECRET" || got.GitSkipped != ErrNoGit.Error() {
		t.Errorf("WriteJSON: %s", js.String())
	}
	js.Reset()
	if err := (&Inspection{Dir: "."}).WriteJSON(&js); err != nil || !strings.Contains(js.String(), `"files": []`) || !strings.Contains(js.String(), `"findings": []`) {
		t.Errorf("an empty inspection: %s (%v), want empty lists", js.String(), err)
	}
}
