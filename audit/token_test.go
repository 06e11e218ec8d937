package audit

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// sign makes an HMAC token with golang-jwt, independent of the code under
// test.
func sign(t testing.TB, alg string, key []byte, claims jwt.MapClaims) string {
	t.Helper()
	m := jwt.GetSigningMethod(alg)
	if claims == nil {
		claims = jwt.MapClaims{"sub": "test", "iat": 1700000000, "exp": 1700000900}
	}
	s, err := jwt.NewWithClaims(m, claims).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func b64(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// rawToken builds a token from a header and payload, with a signature of
// sigLen zero bytes.
func rawToken(header, payload string, sigLen int) string {
	return b64(header) + "." + b64(payload) + "." + base64.RawURLEncoding.EncodeToString(make([]byte, sigLen))
}

func TestParseToken(t *testing.T) {
	good := sign(t, "HS256", []byte("k"), nil)
	tests := []struct {
		name    string
		in      string
		wantAlg string
		wantErr string
	}{
		{"hs256", good, "HS256", ""},
		{"bearer prefix and spaces", "  Bearer " + good + "\n", "HS256", ""},
		{"hs512", sign(t, "HS512", []byte("k"), nil), "HS512", ""},
		{"rs256 parses", rawToken(`{"alg":"RS256"}`, `{}`, 256), "RS256", ""},
		{"none", b64(`{"alg":"none"}`) + "." + b64(`{}`) + ".", "none", ""},
		{"None mixed case", b64(`{"alg":"nOnE"}`) + "." + b64(`{}`) + ".", "none", ""},
		{"payload not json", rawToken(`{"alg":"HS256"}`, `hello`, 32), "HS256", ""},
		{"empty", "", "", "empty input"},
		{"one part", "abc", "", "3 dot-separated parts"},
		{"two parts", "abc.def", "", "this has 2"},
		{"four parts", "a.b.c.d", "", "this has 4"},
		{"jwe", "a.b.c.d.e", "", "encrypted JWE"},
		{"bad base64 header", "@@@." + b64(`{}`) + ".", "", "header is not base64url"},
		{"padded base64", b64(`{"alg":"HS256"}`) + "=." + b64(`{}`) + ".", "", "unpadded base64url"},
		{"bad base64 payload", b64(`{"alg":"HS256"}`) + ".a*b.", "", "payload is not base64url"},
		{"bad base64 signature", b64(`{"alg":"HS256"}`) + "." + b64(`{}`) + ".!!", "", "signature is not base64url"},
		{"header not json", rawToken(`alg=HS256`, `{}`, 32), "", "header is not a JSON object"},
		{"header json array", rawToken(`["HS256"]`, `{}`, 32), "", "header is not a JSON object"},
		{"header null", rawToken(`null`, `{}`, 32), "", "header is not a JSON object"},
		{"header trailing", rawToken(`{"alg":"HS256"}x`, `{}`, 32), "", "trailing data"},
		{"no alg", rawToken(`{"typ":"JWT"}`, `{}`, 32), "", "no \"alg\""},
		{"alg not string", rawToken(`{"alg":256}`, `{}`, 32), "", "not a string"},
		{"unknown alg", rawToken(`{"alg":"HS257"}`, `{}`, 32), "", `unknown alg "HS257"`},
		{"lower case hs256", rawToken(`{"alg":"hs256"}`, `{}`, 32), "", `unknown alg "hs256"`},
		{"short signature", rawToken(`{"alg":"HS256"}`, `{}`, 31), "", "is 32 bytes, this one is 31"},
		{"too long", strings.Repeat("a", maxTokenLen+1), "", "too long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok, err := ParseToken(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseToken error = %v, want one containing %q", err, tt.wantErr)
				}
				if !errors.Is(err, ErrMalformed) {
					t.Errorf("error %v does not wrap ErrMalformed", err)
				}
				if !strings.HasPrefix(err.Error(), "audit: ") {
					t.Errorf("error %q lacks the package prefix", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseToken: %v", err)
			}
			if tok.Alg != tt.wantAlg {
				t.Errorf("Alg = %q, want %q", tok.Alg, tt.wantAlg)
			}
			if !strings.HasPrefix(tok.Raw, string(tok.SigningInput)+".") {
				t.Errorf("SigningInput %q is not the start of Raw %q", tok.SigningInput, tok.Raw)
			}
		})
	}
}

func TestTokenHash(t *testing.T) {
	for _, tt := range []struct {
		alg     string
		wantErr string
	}{
		{"HS256", ""}, {"HS384", ""}, {"HS512", ""},
		{"RS256", "RS256 is a public-key algorithm"},
		{"ES256", "ES256 is a public-key algorithm"},
		{"EdDSA", "EdDSA is a public-key algorithm"},
		{"none", "unsigned"},
	} {
		tok := &Token{Alg: tt.alg}
		h, err := tok.Hash()
		if tt.wantErr == "" {
			if err != nil || h == 0 {
				t.Errorf("%s: Hash = %v, %v", tt.alg, h, err)
			}
			continue
		}
		var ne *NotHMACError
		if !errors.As(err, &ne) || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: Hash error = %v, want a *NotHMACError containing %q", tt.alg, err, tt.wantErr)
		}
		if _, err := NewCracker(tok, Options{}); !errors.As(err, &ne) {
			t.Errorf("%s: NewCracker error = %v, want *NotHMACError", tt.alg, err)
		}
	}
}

func TestParseRealES256(t *testing.T) {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodES256, jwt.MapClaims{"sub": "x"}).SignedString(k)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := ParseToken(s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tok.Hash(); err == nil {
		t.Fatal("ES256 token accepted for cracking")
	}
}

func TestInspect(t *testing.T) {
	now := time.Unix(1700000000, 0)
	tests := []struct {
		name      string
		header    string
		payload   string
		want      []string // finding codes, in order
		critical  bool
		wantLife  time.Duration
		wantKid   string
		wantExpAt int64
	}{
		{name: "good", header: `{"alg":"HS256","typ":"JWT","kid":"k1"}`, payload: `{"iat":1700000000,"exp":1700000900}`,
			want: nil, wantLife: 15 * time.Minute, wantKid: "k1", wantExpAt: 1700000900},
		{name: "none", header: `{"alg":"none"}`, payload: `{"exp":1700000900}`, want: []string{"alg-none"}, critical: true},
		{name: "no exp", header: `{"alg":"HS256"}`, payload: `{"iat":1700000000}`, want: []string{"no-exp"}},
		{name: "long lifetime", header: `{"alg":"HS256"}`, payload: `{"iat":1700000000,"exp":1700086401}`,
			want: []string{"long-lifetime"}, wantLife: 24*time.Hour + time.Second},
		{name: "exactly 24h", header: `{"alg":"HS256"}`, payload: `{"iat":1700000000,"exp":1700086400}`,
			want: nil, wantLife: 24 * time.Hour},
		{name: "expired", header: `{"alg":"HS256"}`, payload: `{"iat":1600000000,"exp":1600000060}`, want: []string{"expired"}, wantLife: time.Minute},
		{name: "jku", header: `{"alg":"HS256","jku":"https://example.com/jwks"}`, payload: `{"exp":1700000900}`, want: []string{"hmac-with-public-key"}},
		{name: "x5u and jwk", header: `{"alg":"HS384","x5u":"https://x","jwk":{}}`, payload: `{"exp":1700000900}`, want: []string{"hmac-with-public-key", "hmac-with-public-key"}},
		{name: "thumbprint kid", header: `{"alg":"HS256","kid":"NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"}`, payload: `{"exp":1700000900}`, want: []string{"hmac-kid-thumbprint"}},
		{name: "rs256 with jku is normal", header: `{"alg":"RS256","jku":"https://x"}`, payload: `{"exp":1700000900}`, want: nil},
		{name: "exp string", header: `{"alg":"HS256"}`, payload: `{"exp":"tomorrow"}`, want: []string{"bad-date"}},
		{name: "not json", header: `{"alg":"HS256"}`, payload: `plain text`, want: []string{"payload-not-json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sigLen := 32
			switch {
			case strings.Contains(tt.header, "HS384"):
				sigLen = 48
			case strings.Contains(tt.header, "none"):
				sigLen = 0
			case strings.Contains(tt.header, "RS256"):
				sigLen = 256
			}
			tok, err := ParseToken(rawToken(tt.header, tt.payload, sigLen))
			if err != nil {
				t.Fatal(err)
			}
			s := tok.Inspect(now)
			var got []string
			for _, f := range s.Findings {
				got = append(got, f.Code)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("findings = %v, want %v (%+v)", got, tt.want, s.Findings)
			}
			if s.Critical() != tt.critical {
				t.Errorf("Critical = %v, want %v", s.Critical(), tt.critical)
			}
			if s.Lifetime != tt.wantLife {
				t.Errorf("Lifetime = %v, want %v", s.Lifetime, tt.wantLife)
			}
			if tt.wantKid != "" && s.Kid != tt.wantKid {
				t.Errorf("Kid = %q, want %q", s.Kid, tt.wantKid)
			}
			if tt.wantExpAt != 0 && (s.Expires == nil || s.Expires.Unix() != tt.wantExpAt) {
				t.Errorf("Expires = %v, want %d", s.Expires, tt.wantExpAt)
			}
		})
	}
}

func FuzzParseToken(f *testing.F) {
	f.Add(sign(f, "HS256", []byte("secret"), nil))
	f.Add(rawToken(`{"alg":"none"}`, `{}`, 0))
	f.Add(rawToken(`{"alg":"RS256","kid":"x"}`, `{"exp":1e99}`, 256))
	f.Add("a.b.c")
	f.Add("Bearer ..")
	f.Fuzz(func(t *testing.T, s string) {
		tok, err := ParseToken(s)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error %v does not wrap ErrMalformed", err)
			}
			return
		}
		if tok.Alg == "" || tok.Header == nil {
			t.Fatalf("parsed token without alg or header: %+v", tok)
		}
		rest, ok := strings.CutPrefix(tok.Raw, string(tok.SigningInput)+".")
		if !ok {
			t.Fatalf("Raw %q does not start with SigningInput", tok.Raw)
		}
		if sig, err := base64.RawURLEncoding.DecodeString(rest); err != nil || string(sig) != string(tok.Signature) {
			t.Fatalf("Signature %x is not the last part of Raw %q", tok.Signature, tok.Raw)
		}
		tok.Inspect(time.Unix(0, 0))
	})
}
