package secretname

import (
	"slices"
	"testing"
)

func TestOf(t *testing.T) {
	tests := []struct {
		name string
		want Kind
	}{
		{"JWT_SECRET", SigningKey},
		{"AUTH_SECRET", SigningKey},
		{"NEXTAUTH_SECRET", SigningKey},
		{"SECRET_KEY_BASE", SigningKey},
		{"SIGNING_KEY", SigningKey},
		{"SECRET_KEY", SigningKey},
		{"APP_ACCESS_TOKEN_SECRET", SigningKey},
		{"jwtSecret", SigningKey},
		{"JWT_SECRET_PREVIOUS", Secret},
		{"API_KEY", Secret},
		{"API_SECRET", Secret},
		{"CLIENT_SECRET", Secret},
		{"DB_PASSWORD", Secret},
		{"SMTP_PASS", Secret},
		{"GITHUB_TOKEN", Secret},
		{"EMPTY_TOKEN", Secret},
		{"PRIVATE_KEY", Secret},
		{"MYSECRET", Secret},
		{"STRIPEAPIKEY", Secret},
		{"DATABASE_URL", None},
		{"JWT_EXPIRES_IN", None},
		{"JWT_ALGORITHM", None},
		{"JWT_ISSUER", None},
		{"JWT_SECRET_FILE", None},
		{"PUBLIC_KEY", None},
		{"JWT_PUB_KEY", None},
		{"NEXT_PUBLIC_API_KEY", None},
		{"CLIENT_ID", None},
		{"AWS_ACCESS_KEY_ID", None},
		{"ACCESS_TOKEN_LIFETIME", None},
		{"KEYCLOAK_REALM", None},
		{"AUTH_PROVIDER", None},
		{"PORT", None},
		{"HOST", None},
		{"PWD", None},
		{"", None},
		{"__", None},
		// The names check --file judged before this package existed.
		{"SESSION_TOKEN", Secret},
		{"jwt", Secret},
		{"HMAC_SIGNING", Secret},
		{"AUTH_SALT", Secret},
		{"JWT_PUBLIC_KEY", None},
		{"ACCESS_KEY_ID", None},
		{"KEY_FILE", None},
		{"AUTH_HEADER", None},
		// The names doctor judged before this package existed.
		{"JWT_PRIVATE_KEY", Secret},
		{"jwt_secret_previous", Secret},
	}
	for _, tt := range tests {
		if got := Of(tt.name); got != tt.want {
			t.Errorf("Of(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestInSection(t *testing.T) {
	tests := []struct {
		name, parent string
		want         Kind
	}{
		{"secret", "jwt", SigningKey},
		{"Key", "Jwt", SigningKey},
		{"secret", "auth.token", SigningKey},
		{"secret", "stripe", None},
		{"secret_key", "", SigningKey},
		{"secret_key", "aws", None},
		{"secret_key", "django", SigningKey},
		{"jwtSecret", "", SigningKey},
		{"password", "", None}, // a credential, but not a signing key
		{"jwtPublicKey", "", None},
		{"jwtKeyId", "", None},
		{"", "jwt", None},
	}
	for _, tt := range tests {
		if got := InSection(tt.name, tt.parent); got != tt.want {
			t.Errorf("InSection(%q, %q) = %v, want %v", tt.name, tt.parent, got, tt.want)
		}
	}
}

func TestSplit(t *testing.T) {
	tests := map[string][]string{
		"JWT_SECRET":    {"jwt", "secret"},
		"jwtSecretKey":  {"jwt", "secret", "key"},
		"JWTSecret":     {"jwt", "secret"},
		"APIKey":        {"api", "key"},
		"v2Secret":      {"v2", "secret"},
		"jwt.secret":    {"jwt", "secret"},
		"--":            nil,
		"x-api-key":     {"x", "api", "key"},
		"SECRET_KEY_42": {"secret", "key", "42"},
	}
	for in, want := range tests {
		if got := split(in); !slices.Equal(got, want) {
			t.Errorf("split(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalize(t *testing.T) {
	for _, in := range []string{"JWT_SECRET", "jwt.secret", "jwtSecret", "jwt-secret", "Jwt Secret"} {
		if got := Normalize(in); got != "jwtsecret" {
			t.Errorf("Normalize(%q) = %q", in, got)
		}
	}
}

func FuzzOf(f *testing.F) {
	for _, s := range []string{"JWT_SECRET", "jwtSecretKey", "ÄÖ_KEY", "A", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Of(s)
		if k == SigningKey && InSection(s, "") != SigningKey {
			t.Errorf("Of(%q) is a signing key but InSection(%q, \"\") is not", s, s)
		}
	})
}

func TestClassifier(t *testing.T) {
	c := New("APP_SIGNER", "", "token.mint")
	tests := []struct {
		name, parent string
		of, in       Kind
	}{
		{name: "APP_SIGNER", of: SigningKey, in: SigningKey},
		{name: "appSigner", of: SigningKey, in: SigningKey},
		{name: "app-signer", of: SigningKey, in: SigningKey},
		{name: "signer", parent: "app", of: None, in: SigningKey},
		{name: "signer", parent: "config.app", of: None, in: SigningKey},
		{name: "signer", parent: "application", of: None, in: None},
		{name: "mint", parent: "auth.token", of: None, in: SigningKey},
		{name: "APP_SIGNER_V2", of: None, in: None},
		{name: "SIGNER", of: None, in: None},
		// The built-in answers stay.
		{name: "JWT_SECRET", of: SigningKey, in: SigningKey},
		{name: "DB_PASSWORD", of: Secret, in: None},
		{name: "JWT_EXPIRES_IN", of: None, in: None},
	}
	for _, tt := range tests {
		if got := c.Of(tt.name); tt.parent == "" && got != tt.of {
			t.Errorf("New(…).Of(%q) = %v, want %v", tt.name, got, tt.of)
		}
		if got := c.InSection(tt.name, tt.parent); got != tt.in {
			t.Errorf("New(…).InSection(%q, %q) = %v, want %v", tt.name, tt.parent, got, tt.in)
		}
	}
	// A nil classifier and one without names are the package functions.
	for _, d := range []*Classifier{nil, New()} {
		for _, n := range []string{"JWT_SECRET", "APP_SIGNER", "DB_PASSWORD", "PORT"} {
			if d.Of(n) != Of(n) || d.InSection(n, "jwt") != InSection(n, "jwt") {
				t.Errorf("%v: %s classified differently from the package functions", d, n)
			}
		}
	}
}

func TestMentioned(t *testing.T) {
	c := New("APP_SIGNER")
	for text, want := range map[string]bool{
		"app_signer: changeme\n":          true,
		"const appSigner = 'x'":           true,
		"[app]\nsigner = \"x\"\n":         true, // a section and its key
		"APPLICATION_SIGNER=x":            false,
		"JWT_SECRET=changeme # no extras": false,
	} {
		if got := c.Mentioned(text); got != want {
			t.Errorf("Mentioned(%q) = %v, want %v", text, got, want)
		}
	}
	if New().Mentioned("app_signer") || (*Classifier)(nil).Mentioned("app_signer") {
		t.Error("a classifier without extra names mentions nothing")
	}
}
