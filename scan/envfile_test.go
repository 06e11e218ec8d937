package scan

import (
	"testing"

	"github.com/jwtkey/jwtkey/dotenv"
)

func TestEnvSecrets(t *testing.T) {
	f, err := dotenv.Parse([]byte(`JWT_SECRET=old
PORT=8080
JWT_SECRET=changeme
API_KEY=ab#cd
SESSION_SECRET=${OTHER}
APP_SIGNER=x9
DB_PASSWORD=
`))
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		name, value string
		line        int
		ambiguous   bool
		skip        bool
	}
	wants := []want{
		{"JWT_SECRET", "changeme", 3, false, false}, // the last assignment only
		{"API_KEY", "ab", 4, true, false},           // Node dotenv stops at '#'
		{"SESSION_SECRET", "", 5, true, true},       // a reference: not judged by scan
		{"APP_SIGNER", "x9", 6, false, false},       // a project's own name
		{"DB_PASSWORD", "", 7, false, false},
	}
	got := EnvSecrets(f, "APP_SIGNER")
	if len(got) != len(wants) {
		t.Fatalf("got %d secrets %+v, want %d", len(got), got, len(wants))
	}
	for i, w := range wants {
		g := got[i]
		if g.Name != w.name || g.Value != w.value || g.Line != w.line || g.Ambiguous != w.ambiguous || g.Skip != w.skip {
			t.Errorf("secret %d = %s=%q line %d ambiguous %t skip %t; want %+v", i, g.Name, g.Value, g.Line, g.Ambiguous, g.Skip, w)
		}
	}
	if got[1].Readers == "" {
		t.Errorf("an ambiguous value names no reader")
	}
	if n := len(EnvSecrets(f)); n != len(wants)-1 {
		t.Errorf("without the project's names: %d secrets, want %d", n, len(wants)-1)
	}
}
