package scan

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"slices"
	"strings"
	"testing"
)

// privateKeys returns one PEM private key in each form scan knows, made
// for the test: PKCS #1, PKCS #8, SEC 1 and OpenSSH (its container only).
func privateKeys(t *testing.T) map[string]string {
	t.Helper()
	rk, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	ek, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	sec1, err := x509.MarshalECPrivateKey(ek)
	if err != nil {
		t.Fatal(err)
	}
	_, ed, _ := ed25519.GenerateKey(rand.Reader)
	pkcs8, err := x509.MarshalPKCS8PrivateKey(ed)
	if err != nil {
		t.Fatal(err)
	}
	openssh := append([]byte("openssh-key-v1\x00"), make([]byte, 64)...)
	rand.Read(openssh[15:])
	// Encrypted keys, as containers: PKCS #8's DER, and PKCS #1's
	// ciphertext under RFC 1421 headers.
	sealed := append([]byte{0x30, 0x82, 0x01, 0x40}, make([]byte, 320)...)
	rand.Read(sealed[4:])
	cipher := make([]byte, 640)
	rand.Read(cipher)
	encrypted1 := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY",
		Headers: map[string]string{"Proc-Type": "4,ENCRYPTED", "DEK-Info": "AES-128-CBC,00112233445566778899AABBCCDDEEFF"}, Bytes: cipher}))
	enc := func(typ string, der []byte) string {
		return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
	}
	return map[string]string{
		"pkcs1.pem":  enc("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rk)),
		"pkcs8.key":  enc("PRIVATE KEY", pkcs8),
		"sec1.pem":   enc("EC PRIVATE KEY", sec1),
		"id_ed25519": enc("OPENSSH PRIVATE KEY", openssh),
		"sealed.pem": enc("ENCRYPTED PRIVATE KEY", sealed),
		"legacy.pem": encrypted1,
		// An encrypted key in a string literal.
		"embed.py": "KEY = \"" + strings.ReplaceAll(encrypted1, "\n", "\\n") + "\"\n",
		// A PEM key in a string literal, the way code embeds one.
		"embed.js": "const key = \"" + strings.ReplaceAll(enc("EC PRIVATE KEY", sec1), "\n", "\\n") + "\";\n",
		"key.jwk":  `{"kty":"oct","alg":"HS256","k":"` + base64.RawURLEncoding.EncodeToString(sec1[:32]) + `"}`,
		"ec.jwk":   "{\n  \"kty\": \"EC\",\n  \"crv\": \"P-256\",\n  \"x\": \"abc\",\n  \"y\": \"def\",\n  \"d\": \"" + base64.RawURLEncoding.EncodeToString(sec1[7:39]) + "\"\n}\n",
	}
}

// lookAlikes are not private keys.
var lookAlikes = map[string]string{
	"placeholder.pem": "-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END PRIVATE KEY-----\n",
	"sealed.txt":      "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIF...\n-----END ENCRYPTED PRIVATE KEY-----\n",
	"headers.txt":     "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n...\n-----END RSA PRIVATE KEY-----\n",
	"public.jwks":     `{"keys":[{"kty":"RSA","e":"AQAB","n":"u1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0"}]}`,
	"docs.txt":        "Put your key between -----BEGIN RSA PRIVATE KEY----- and -----END RSA PRIVATE KEY-----.\n",
}

func keyFindings(res *Result) []string {
	var got []string
	for _, f := range res.Findings {
		if f.RuleID == RulePrivateKey {
			got = append(got, f.File)
		}
	}
	slices.Sort(got)
	return slices.Compact(got)
}

func TestPrivateKeys(t *testing.T) {
	dir := gitRepo(t)
	keys := privateKeys(t)
	var want []string
	for name, content := range keys {
		put(t, dir, name, content)
		want = append(want, name)
	}
	for name, content := range lookAlikes {
		put(t, dir, name, content)
	}
	slices.Sort(want)
	ctx := context.Background()
	for _, mode := range []struct {
		name string
		opts Options
		prep func()
	}{
		{"work tree", Options{}, func() {}},
		{"no git", Options{NoGit: true}, func() {}},
		{"staged", Options{Mode: Staged}, func() { git(t, dir, "add", "-A") }},
		{"history", Options{Mode: History}, func() { git(t, dir, "commit", "-q", "-m", "keys") }},
	} {
		mode.prep()
		res, err := Scan(ctx, dir, mode.opts)
		if err != nil {
			t.Fatalf("%s: %v", mode.name, err)
		}
		if got := keyFindings(res); !slices.Equal(got, want) {
			t.Errorf("%s: private keys found in %q, want %q", mode.name, got, want)
		}
		for _, f := range res.Findings {
			if f.RuleID == RulePrivateKey && !f.Severe() {
				t.Errorf("%s: a private key is not severe", f.File)
			}
		}
	}
}
