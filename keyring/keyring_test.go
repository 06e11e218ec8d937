package keyring_test

import (
	"crypto"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	josejwt "github.com/go-jose/go-jose/v4/jwt"
	"github.com/golang-jwt/jwt/v5"

	"github.com/jwtkey/jwtkey/keygen"
	"github.com/jwtkey/jwtkey/keyring"
	"github.com/jwtkey/jwtkey/preset"
	"github.com/jwtkey/jwtkey/store"
	"github.com/jwtkey/jwtkey/strength"
)

func claims(sub string) jwt.MapClaims {
	return jwt.MapClaims{"sub": sub, "exp": time.Now().Add(time.Hour).Unix()}
}

// verifies reports whether the ring accepts token, both through golang-jwt
// and through go-jose, and fails the test when the two disagree.
func verifies(t *testing.T, r *keyring.Ring, token string) error {
	t.Helper()
	_, err := jwt.Parse(token, r.Keyfunc, jwt.WithValidMethods(algNames(r)))
	_, perr := r.Parse(token, nil)
	var joseErr error
	tok, joseErr := josejwt.ParseSigned(token, r.JOSEAlgorithms())
	if joseErr == nil {
		var c josejwt.Claims
		joseErr = r.JOSEClaims(tok, &c)
	}
	if (err == nil) != (perr == nil) || (err == nil) != (joseErr == nil) {
		t.Fatalf("golang-jwt Keyfunc: %v; Ring.Parse: %v; go-jose: %v", err, perr, joseErr)
	}
	return err
}

func algNames(r *keyring.Ring) []string {
	var s []string
	for _, a := range r.Algorithms() {
		s = append(s, string(a))
	}
	return s
}

func sign(t *testing.T, r *keyring.Ring, sub string) string {
	t.Helper()
	s, err := r.Sign(claims(sub))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// signJOSE signs with go-jose through the ring's signer.
func signJOSE(t *testing.T, r *keyring.Ring, sub string) string {
	t.Helper()
	s, err := josejwt.Signed(r.JOSESigner()).Claims(josejwt.Claims{Subject: sub, Expiry: josejwt.NewNumericDate(time.Now().Add(time.Hour))}).Serialize()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The whole loop on a dotenv file, as jwtkey env, rotate and retire write
// it: sign with the old key, rotate, the old token still verifies, retire,
// the old token is refused and the new one verifies.
func TestLoopDotenv(t *testing.T) {
	for _, alg := range []keygen.Algorithm{keygen.HS256, keygen.HS384, keygen.HS512} {
		t.Run(string(alg), func(t *testing.T) {
			env := filepath.Join(t.TempDir(), ".env")
			so := store.Options{Size: alg.HashSize()}
			if _, err := store.Write(env, so); err != nil {
				t.Fatal(err)
			}
			r, err := keyring.FromEnv(keyring.Env{File: env, Alg: alg}, keyring.Options{})
			if err != nil {
				t.Fatal(err)
			}
			old, oldJOSE := sign(t, r, "old"), signJOSE(t, r, "old")
			if err := verifies(t, r, old); err != nil {
				t.Fatalf("a fresh token: %v", err)
			}

			if _, err := store.Rotate(env, so); err != nil {
				t.Fatal(err)
			}
			if err := verifies(t, r, old); err != nil {
				t.Fatalf("before Reload, the ring must still hold the old key: %v", err)
			}
			if err := r.Reload(); err != nil {
				t.Fatal(err)
			}
			if n := len(r.Keys()); n != 2 {
				t.Fatalf("after rotate: %d keys, want 2", n)
			}
			cur := sign(t, r, "new")
			for name, tok := range map[string]string{"old": old, "old go-jose": oldJOSE, "new": cur, "new go-jose": signJOSE(t, r, "new")} {
				if err := verifies(t, r, tok); err != nil {
					t.Errorf("after rotate, %s token refused: %v", name, err)
				}
			}

			if _, err := store.Retire(env, so); err != nil {
				t.Fatal(err)
			}
			if err := r.Reload(); err != nil {
				t.Fatal(err)
			}
			for _, tok := range []string{old, oldJOSE} {
				if err := verifies(t, r, tok); !errors.Is(err, jwt.ErrTokenSignatureInvalid) {
					t.Errorf("after retire, old token: %v, want an invalid signature", err)
				}
			}
			if err := verifies(t, r, cur); err != nil {
				t.Errorf("after retire, new token refused: %v", err)
			}
		})
	}
}

func writeJWKS(t *testing.T, path string, keys ...jose.JSONWebKey) {
	t.Helper()
	b, err := keygen.MarshalJWKS(keys...)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func privateJWK(t *testing.T, alg keygen.Algorithm) jose.JSONWebKey {
	t.Helper()
	k, err := keygen.GenerateKeyPair(alg)
	if err != nil {
		t.Fatal(err)
	}
	jwk, err := keygen.PrivateJWK(k, alg)
	if err != nil {
		t.Fatal(err)
	}
	return jwk
}

func secretJWK(t *testing.T, alg keygen.Algorithm, kid string) jose.JSONWebKey {
	t.Helper()
	k, err := keygen.GenerateHMAC(alg)
	if err != nil {
		t.Fatal(err)
	}
	return keygen.SecretJWK(k, alg, kid)
}

// The same loop on a key set, as jwtkey rotate --jwks and retire --jwks
// change it, for key pairs and for a change of algorithm.
func TestLoopJWKS(t *testing.T) {
	for _, tt := range []struct{ from, to keygen.Algorithm }{
		{keygen.ES256, keygen.ES256},
		{keygen.EdDSA, keygen.EdDSA},
		{keygen.ES256, keygen.EdDSA},
		{keygen.HS256, keygen.HS512},
	} {
		t.Run(string(tt.from)+"-"+string(tt.to), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "keys.json")
			if tt.from.IsHMAC() {
				writeJWKS(t, path, secretJWK(t, tt.from, keygen.NewKID()))
			} else {
				writeJWKS(t, path, privateJWK(t, tt.from))
			}
			r, err := keyring.FromJWKS(path, keyring.Options{})
			if err != nil {
				t.Fatal(err)
			}
			oldKID := r.Current().ID
			old, oldJOSE := sign(t, r, "old"), signJOSE(t, r, "old")

			res, err := store.RotateJWKS(path, store.Options{Alg: tt.to})
			if err != nil {
				t.Fatal(err)
			}
			if err := r.Reload(); err != nil {
				t.Fatal(err)
			}
			if got := r.Current(); got.ID != res.KID || got.Alg != tt.to {
				t.Fatalf("after rotate the current key is %s %s, want %s %s", got.Alg, got.ID, tt.to, res.KID)
			}
			cur, curJOSE := sign(t, r, "new"), signJOSE(t, r, "new")
			for name, tok := range map[string]string{"old": old, "old go-jose": oldJOSE, "new": cur, "new go-jose": curJOSE} {
				if err := verifies(t, r, tok); err != nil {
					t.Errorf("after rotate, %s token refused: %v", name, err)
				}
			}
			if kid := header(t, cur)["kid"]; kid != res.KID {
				t.Errorf("new token's kid %v, want %s", kid, res.KID)
			}

			if _, err := store.RetireJWKS(path, nil, store.Options{}); err != nil {
				t.Fatal(err)
			}
			if err := r.Reload(); err != nil {
				t.Fatal(err)
			}
			// Its kid names no key; after a change of algorithm, its
			// algorithm is no longer accepted at all.
			want := keyring.ErrUnknownKey
			if tt.from != tt.to {
				want = jwt.ErrTokenSignatureInvalid
			}
			for _, tok := range []string{old, oldJOSE} {
				if err := verifies(t, r, tok); !errors.Is(err, want) {
					t.Errorf("after retire, old token (kid %s): %v, want %v", oldKID, err, want)
				}
			}
			if err := verifies(t, r, cur); err != nil {
				t.Errorf("after retire, new token refused: %v", err)
			}
		})
	}
}

func header(t *testing.T, token string) map[string]any {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(strings.Split(token, ".")[0])
	if err != nil {
		t.Fatal(err)
	}
	var h map[string]any
	if err := json.Unmarshal(b, &h); err != nil {
		t.Fatal(err)
	}
	return h
}

func lookup(vars map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v, ok := vars[name]
		return v, ok
	}
}

const strongHex = "269c6af0cfa5b5945e7b225434bbcb07762f47ff742b12ff2db098d30796f124" // TESTING KEY

func TestWeakKeysRefused(t *testing.T) {
	spring, _ := preset.Lookup("spring")
	tests := []struct {
		name    string
		env     keyring.Env
		vars    map[string]string
		verdict strength.Verdict
		want    string
	}{
		{"published", keyring.Env{}, map[string]string{"JWT_SECRET": "your-256-bit-secret"}, strength.Compromised, "$JWT_SECRET: compromised"},
		{"dictionary", keyring.Env{}, map[string]string{"JWT_SECRET": "myappjwtkey2024"}, strength.Weak, "$JWT_SECRET: weak"},
		{"weak previous", keyring.Env{}, map[string]string{"JWT_SECRET": strongHex, "JWT_SECRET_PREVIOUS": "acme-api-signing-key-2024"}, strength.Weak, "$JWT_SECRET_PREVIOUS: weak"},
		{"too weak for HS512", keyring.Env{Alg: keygen.HS512}, map[string]string{"JWT_SECRET": strongHex}, strength.Weak, "weak for HS512: strong enough for HS256 only"},
		{"base64 of text, for jjwt", keyring.Env{Preset: &spring},
			map[string]string{"JWT_SECRET": base64.StdEncoding.EncodeToString([]byte("my-super-secret-key-for-signing-jwt-tokens"))}, strength.Weak, "$JWT_SECRET: weak"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.env.Lookup = lookup(tt.vars)
			_, err := keyring.FromEnv(tt.env, keyring.Options{})
			var we *keyring.WeakKeyError
			if !errors.As(err, &we) || !errors.Is(err, keyring.ErrWeakKey) {
				t.Fatalf("FromEnv: %v, want a *WeakKeyError", err)
			}
			if we.Verdict != tt.verdict || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q (verdict %s), want %s and %q", err, we.Verdict, tt.verdict, tt.want)
			}
			if strings.Contains(err.Error(), tt.vars["JWT_SECRET"]) {
				t.Errorf("the error quotes the whole secret: %q", err)
			}

			// AllowWeak loads it and warns, once per weak key.
			var warned []error
			r, err := keyring.FromEnv(tt.env, keyring.Options{AllowWeak: true, Warn: func(err error) { warned = append(warned, err) }})
			if err != nil {
				t.Fatalf("with AllowWeak: %v", err)
			}
			if len(warned) != 1 || !errors.Is(warned[0], keyring.ErrWeakKey) {
				t.Errorf("warnings %v, want one ErrWeakKey", warned)
			}
			// go-jose refuses HMAC keys shorter than the hash on its own, so
			// only golang-jwt is asked here.
			if _, err := r.Parse(sign(t, r, "x"), nil); err != nil {
				t.Errorf("a weak ring under AllowWeak must still work: %v", err)
			}
		})
	}
}

func TestWeakKeysInSetRefused(t *testing.T) {
	dir := t.TempDir()
	weakOct := keygen.SecretJWK([]byte("secretsecretsecretsecretsecret12"), keygen.HS256, "weak")
	rsa1024, err := keygen.GenerateInsecureRSA(1024)
	if err != nil {
		t.Fatal(err)
	}
	small := jose.JSONWebKey{Key: rsa1024, KeyID: "small", Algorithm: "RS256", Use: "sig"}
	for name, keys := range map[string][]jose.JSONWebKey{
		"weak secret":         {secretJWK(t, keygen.HS256, "ok"), weakOct},
		"1024-bit RSA":        {small},
		"HS256 key for HS512": {keygen.SecretJWK(make32(), keygen.HS512, "short")},
	} {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".json")
		writeJWKS(t, path, keys...)
		if _, err := keyring.FromJWKS(path, keyring.Options{}); !errors.Is(err, keyring.ErrWeakKey) {
			t.Errorf("%s: %v, want ErrWeakKey", name, err)
		}
	}
}

func make32() []byte {
	k, _ := keygen.GenerateHMAC(keygen.HS256)
	return k
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ec := privateJWK(t, keygen.ES256)
	ec.Algorithm = "ES384"
	ecJSON, _ := json.Marshal(ec)
	noAlg := secretJWK(t, keygen.HS256, "a")
	noAlg.Algorithm = ""
	noAlgJSON, _ := json.Marshal(noAlg)
	enc := secretJWK(t, keygen.HS256, "e")
	enc.Use = "enc"
	encJSON, _ := json.Marshal(enc)
	dup := secretJWK(t, keygen.HS256, "same")
	dupJSON, _ := json.Marshal(dup)
	dup2JSON, _ := json.Marshal(secretJWK(t, keygen.HS256, "same"))
	for _, tt := range []struct {
		name, content, want string
	}{
		{"not json", "{", "no \"keys\" array"},
		{"no keys", `{"keys":[]}`, "holds no keys"},
		{"wrong curve", `{"keys":[` + string(ecJSON) + `]}`, "P-256 key cannot sign ES384"},
		{"no alg", `{"keys":[` + string(noAlgJSON) + `]}`, `has no "alg"`},
		{"encryption key", `{"keys":[` + string(encJSON) + `]}`, `is for "enc"`},
		{"same kid twice", `{"keys":[` + string(dupJSON) + "," + string(dup2JSON) + `]}`, "the same kid"},
	} {
		_, err := keyring.FromJWKS(write(tt.name+".json", tt.content), keyring.Options{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
	if _, err := keyring.FromJWKS(filepath.Join(dir, "missing.json"), keyring.Options{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := keyring.FromEnv(keyring.Env{Lookup: lookup(nil)}, keyring.Options{}); err == nil || err.Error() != "keyring: $JWT_SECRET is not set" {
		t.Errorf("unset variable: %v", err)
	}
	if _, err := keyring.FromEnv(keyring.Env{Alg: keygen.ES256, Lookup: lookup(nil)}, keyring.Options{}); err == nil || !strings.Contains(err.Error(), "not a ES256 key") {
		t.Errorf("ES256 from a variable: %v", err)
	}
	spring, _ := preset.Lookup("spring")
	if _, err := keyring.FromEnv(keyring.Env{Preset: &spring, Lookup: lookup(map[string]string{"JWT_SECRET": strongHex + "!"})}, keyring.Options{}); err == nil || !strings.Contains(err.Error(), "is not base64, which Spring / jjwt decodes") {
		t.Errorf("spring, not base64: %v", err)
	}
	if _, err := keyring.FromEnv(keyring.Env{Lookup: lookup(map[string]string{"JWT_SECRET": strongHex})}, keyring.Options{Algorithms: []keygen.Algorithm{keygen.HS512}}); !errors.Is(err, keyring.ErrAlgorithm) {
		t.Errorf("an HS256 key with Algorithms HS512: %v", err)
	}
}

// A preset's encoding decides the key bytes: jjwt's are the base64 of the
// value decoded, the others' are the text itself.
func TestPresetDecoding(t *testing.T) {
	key := make32()
	text := base64.StdEncoding.EncodeToString(key)
	spring, _ := preset.Lookup("spring")
	node, _ := preset.Lookup("node")
	vars := map[string]string{"JWT_SECRET": text}
	for _, tt := range []struct {
		preset   *preset.Preset
		accepted []byte
		refused  []byte
	}{
		{&spring, key, []byte(text)},
		{&node, []byte(text), key},
	} {
		r, err := keyring.FromEnv(keyring.Env{Preset: tt.preset, Lookup: lookup(vars)}, keyring.Options{})
		if err != nil {
			t.Fatal(err)
		}
		good, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, claims("x")).SignedString(tt.accepted)
		bad, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, claims("x")).SignedString(tt.refused)
		if err := verifies(t, r, good); err != nil {
			t.Errorf("%s: token signed as the framework does: %v", tt.preset.Name, err)
		}
		if err := verifies(t, r, bad); err == nil {
			t.Errorf("%s: token signed with the wrong bytes accepted", tt.preset.Name)
		}
	}
}

// Only the ring's algorithms are accepted, and each key only for its own.
func TestAlgorithmRefused(t *testing.T) {
	r, err := keyring.FromEnv(keyring.Env{Lookup: lookup(map[string]string{"JWT_SECRET": strongHex})}, keyring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	hs512, _ := jwt.NewWithClaims(jwt.SigningMethodHS512, claims("x")).SignedString([]byte(strongHex))
	none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, claims("x")).SignedString(jwt.UnsafeAllowNoneSignatureType)
	for name, tok := range map[string]string{"HS512 with the HS256 key": hs512, "none": none} {
		if _, err := jwt.Parse(tok, r.Keyfunc); !errors.Is(err, keyring.ErrAlgorithm) {
			t.Errorf("%s: %v, want ErrAlgorithm", name, err)
		}
		if err := verifies(t, r, tok); err == nil {
			t.Errorf("%s accepted", name)
		}
	}

	// The classic confusion: an HS256 token "signed" with the text of an
	// ES256 public key, naming that key's kid.
	dir := t.TempDir()
	path := filepath.Join(dir, "keys.json")
	ec := privateJWK(t, keygen.ES256)
	writeJWKS(t, path, ec)
	rs, err := keyring.FromJWKS(path, keyring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pem, err := keygen.MarshalPublicPEM(ec.Key.(crypto.Signer).Public())
	if err != nil {
		t.Fatal(err)
	}
	forged := jwt.NewWithClaims(jwt.SigningMethodHS256, claims("admin"))
	forged.Header["kid"] = ec.KeyID
	tok, _ := forged.SignedString(pem)
	if _, err := jwt.Parse(tok, rs.Keyfunc); !errors.Is(err, keyring.ErrAlgorithm) {
		t.Errorf("HS256 token with an ES256 key's kid: %v, want ErrAlgorithm", err)
	}
	// Options.Algorithms narrows what is accepted.
	both := filepath.Join(dir, "both.json")
	writeJWKS(t, both, ec, secretJWK(t, keygen.HS256, "hmac"))
	narrow, err := keyring.FromJWKS(both, keyring.Options{Algorithms: []keygen.Algorithm{keygen.ES256}})
	if err == nil {
		t.Fatalf("a set with an HS256 key loaded with Algorithms [ES256]: %v", narrow.Algorithms())
	}
}

// The kid chooses the key, without trying the others.
func TestKIDChoosesKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys.json")
	k1, k2 := secretJWK(t, keygen.HS256, "k1"), secretJWK(t, keygen.HS256, "k2")
	writeJWKS(t, path, k1, k2)
	r, err := keyring.FromJWKS(path, keyring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	signWith := func(k jose.JSONWebKey, kid string) *jwt.Token {
		tok := jwt.NewWithClaims(jwt.SigningMethodHS256, claims("x"))
		if kid != "" {
			tok.Header["kid"] = kid
		}
		s, _ := tok.SignedString(k.Key)
		parsed, _, err := jwt.NewParser().ParseUnverified(s, jwt.MapClaims{})
		if err != nil {
			t.Fatal(err)
		}
		parsed.Raw = s
		return parsed
	}
	// kid k2: exactly k2's key, not a set.
	got, err := r.Keyfunc(signWith(k2, "k2"))
	if err != nil {
		t.Fatal(err)
	}
	if b, ok := got.([]byte); !ok || string(b) != string(k2.Key.([]byte)) {
		t.Errorf("kid k2 gave %T, want k2's secret", got)
	}
	// No kid: both keys, the current first.
	got, err = r.Keyfunc(signWith(k2, ""))
	if err != nil {
		t.Fatal(err)
	}
	if set, ok := got.(jwt.VerificationKeySet); !ok || len(set.Keys) != 2 || string(set.Keys[0].([]byte)) != string(k1.Key.([]byte)) {
		t.Errorf("no kid gave %#v, want a set of both keys, k1 first", got)
	}
	for _, tt := range []struct {
		name string
		tok  *jwt.Token
		want error
	}{
		{"signed by k2, kid k2", signWith(k2, "k2"), nil},
		{"signed by k2, no kid", signWith(k2, ""), nil},
		{"signed by k2, kid k1", signWith(k2, "k1"), jwt.ErrTokenSignatureInvalid},
		{"kid of no key", signWith(k1, "retired"), keyring.ErrUnknownKey},
	} {
		err := verifies(t, r, tt.tok.Raw)
		if (tt.want == nil) != (err == nil) || tt.want != nil && !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
}

// A public key set verifies and cannot sign; its public keys are what
// PublicJWKS publishes, and secrets never are.
func TestPublicSet(t *testing.T) {
	dir := t.TempDir()
	priv := filepath.Join(dir, "private.json")
	writeJWKS(t, priv, privateJWK(t, keygen.ES256), privateJWK(t, keygen.EdDSA))
	signer, err := keyring.FromJWKS(priv, keyring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pub, err := signer.PublicJWKS()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(pub), `"d"`) {
		t.Fatalf("PublicJWKS holds a private part: %s", pub)
	}
	pubPath := filepath.Join(dir, "public.json")
	if err := os.WriteFile(pubPath, pub, 0o600); err != nil {
		t.Fatal(err)
	}
	verifier, err := keyring.FromJWKS(pubPath, keyring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := verifies(t, verifier, sign(t, signer, "x")); err != nil {
		t.Errorf("public set refused a token of its private set: %v", err)
	}
	if _, err := verifier.Sign(claims("x")); !errors.Is(err, keyring.ErrNoSigningKey) {
		t.Errorf("Sign with a public set: %v", err)
	}
	if _, err := josejwt.Signed(verifier.JOSESigner()).Claims(josejwt.Claims{}).Serialize(); !errors.Is(err, keyring.ErrNoSigningKey) {
		t.Errorf("JOSESigner with a public set: %v", err)
	}
	hmac, _ := keyring.FromEnv(keyring.Env{Lookup: lookup(map[string]string{"JWT_SECRET": strongHex})}, keyring.Options{})
	if _, err := hmac.PublicJWKS(); err == nil {
		t.Error("PublicJWKS of a ring of secrets: no error")
	}
	if verifier.Current().CanSign() {
		t.Error("a public key claims it can sign")
	}
}

// A reload that fails keeps the keys in use.
func TestFailedReloadKeepsKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys.json")
	writeJWKS(t, path, secretJWK(t, keygen.HS256, "k1"))
	r, err := keyring.FromJWKS(path, keyring.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tok := sign(t, r, "x")
	for name, content := range map[string]string{
		"truncated": `{"keys":[`,
		"weak key":  mustJSON(t, keygen.SecretJWK([]byte("password-password-password-12345"), keygen.HS256, "k2")),
	} {
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := r.Reload(); err == nil {
			t.Errorf("%s: Reload succeeded", name)
		}
		if err := verifies(t, r, tok); err != nil {
			t.Errorf("%s: after a failed reload, the old keys must stay: %v", name, err)
		}
	}
}

func mustJSON(t *testing.T, keys ...jose.JSONWebKey) string {
	t.Helper()
	b, err := keygen.MarshalJWKS(keys...)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
