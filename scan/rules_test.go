package scan

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ruleHits returns the values rule id finds in an example file.
func ruleHits(path, s, id string) []string {
	var got []string
	for _, m := range newText(path, s).matches() {
		if m.rule.ID == id {
			got = append(got, m.value)
		}
	}
	return got
}

// TestRuleExamples runs every rule's true- and false-positive examples.
func TestRuleExamples(t *testing.T) {
	for _, r := range Rules {
		t.Run(r.ID, func(t *testing.T) {
			if r.Description == "" || r.Fix == "" {
				t.Errorf("rule %s needs a description and a fix", r.ID)
			}
			if (r.kind == kindAssign || r.kind == kindCall || r.kind == kindWindow) && (len(r.TruePositives) == 0 || len(r.FalsePositives) == 0) {
				t.Errorf("rule %s needs true and false positive examples", r.ID)
			}
			for _, ex := range r.TruePositives {
				if got := ruleHits(ex.Path, ex.Text, r.ID); len(got) == 0 {
					t.Errorf("%s: missed true positive\n%s", ex.Path, ex.Text)
				}
			}
			for _, ex := range r.FalsePositives {
				if got := ruleHits(ex.Path, ex.Text, r.ID); len(got) != 0 {
					t.Errorf("%s: false positive %q\n%s", ex.Path, got, ex.Text)
				}
			}
		})
	}
}

func TestRuleIDsUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if seen[r.ID] {
			t.Errorf("duplicate rule %s", r.ID)
		}
		seen[r.ID] = true
	}
}

// hs256 signs a token the way any JWT library would.
func hs256(secret string) string {
	enc := base64.RawURLEncoding
	in := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString([]byte(`{"sub":"1234567890","name":"test"}`))
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(in))
	return in + "." + enc.EncodeToString(m.Sum(nil))
}

// TestTokenRule needs audit.ParseToken: it fails against audit's
// placeholder, which parses nothing.
func TestTokenRule(t *testing.T) {
	for _, secret := range []string{"secret", "your-256-bit-secret"} {
		src := "const demo = '" + hs256(secret) + "';\n"
		got := ruleHits("api.js", src, RuleToken)
		if len(got) != 1 || got[0] != secret {
			t.Errorf("token signed with %q: got %q", secret, got)
		}
	}
	strong := hs256(strings.Repeat("k7Qz", 16))
	if got := ruleHits("api.js", "t = '"+strong+"'\n", RuleToken); len(got) != 0 {
		t.Errorf("token with a strong secret reported: %q", got)
	}
}

// The values the rules extract, not just that they fire.
func TestExtractedValues(t *testing.T) {
	tests := []struct {
		name, path, src, id, want string
	}{
		{"dotenv", ".env", "JWT_SECRET=mysecret # dev\n", RuleConfig, "mysecret"},
		{"dotenv quoted", ".env", "JWT_SECRET=\"a b#c\"\n", RuleConfig, "a b#c"},
		{"spring default", "application.yml", "jwt:\n  secret: ${JWT_SECRET:mysecret}\n", RuleConfig, "mysecret"},
		{"shell default", "docker-compose.yml", "environment:\n  JWT_SECRET: ${JWT_SECRET:-changeme}\n", RuleConfig, "changeme"},
		{"js fallback", "a.js", "const jwtSecret = process.env.JWT_SECRET || 'dev-secret';\n", RuleCode, "dev-secret"},
		{"go bytes", "a.go", "var jwtKey = []byte(\"k\\\"q\")\n", RuleCode, `k"q`},
		{"jsonwebtoken multiline", "a.js", "jwt.sign(\n  { a: 1, b: [1, 2] },\n  'shh',\n)\n", "node-jsonwebtoken-literal", "shh"},
		{"jjwt getBytes", "A.java", "Keys.hmacShaKeyFor(\"k3y\".getBytes(StandardCharsets.UTF_8))\n", "java-jjwt-literal", "k3y"},
		{"php key", "a.php", "JWT::encode($p, 'kk', 'HS256');\n", "php-jwt-literal", "kk"},
		{"python bytes", "a.py", "jwt.encode(p, b\"kb\", algorithm=\"HS256\")\n", "python-pyjwt-literal", "kb"},
		{"dotnet", "a.cs", "new SymmetricSecurityKey(Encoding.ASCII.GetBytes(\"cs\"))\n", "dotnet-symmetric-key-literal", "cs"},
		{"jose", "a.ts", "await new SignJWT({}).sign(new TextEncoder().encode(`tpl`))\n", "node-jose-literal", "tpl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ruleHits(tt.path, tt.src, tt.id)
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("got %q, want [%q]", got, tt.want)
			}
		})
	}
}

// BenchmarkMatch measures the matchers alone on the corpus, in memory.
func BenchmarkMatch(b *testing.B) {
	var texts [][2]string
	var size int64
	filepath.WalkDir("testdata/corpus", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			data, _ := os.ReadFile(p)
			texts = append(texts, [2]string{p, string(data)})
			size += int64(len(data))
		}
		return nil
	})
	b.SetBytes(size)
	for b.Loop() {
		for _, t := range texts {
			newText(t[0], t[1]).matches()
		}
	}
}
