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
