// Package secretname answers one question for every verb that reads a
// project: does this name hold a secret? check --file, doctor and scan ask
// it of .env variables, scan of settings and variables in code, and they
// must never disagree.
//
// Two kinds of secret are told apart. A signing key (JWT_SECRET,
// SECRET_KEY_BASE, jwt.secret, jwtKey) is what jwtkey is about: scan looks
// for it in code and configuration. A secret (DB_PASSWORD, API_KEY,
// GITHUB_TOKEN) is any other credential: in a dotenv file it is judged like
// a signing key, because a guessable value there is a finding whatever it
// signs. Names that only sit next to a secret (JWT_SECRET_FILE,
// JWT_EXPIRES_IN, PUBLIC_KEY, CLIENT_ID) hold none.
//
// A project can name more signing keys of its own (APP_SIGNER): New
// returns a Classifier that knows them too. The package-level functions are
// the classifier without extra names.
package secretname

import "strings"

// Kind is what a name holds.
type Kind int

const (
	None       Kind = iota // not a secret: an id, a URL, a lifetime, a public key
	Secret                 // a credential: a password, an API key, a token
	SigningKey             // a JWT or session signing secret
)

func (k Kind) String() string {
	switch k {
	case Secret:
		return "secret"
	case SigningKey:
		return "signing key"
	}
	return "none"
}

// Classifier is the answer for one project: the built-in tables and the
// names the project adds. A nil *Classifier has no extra names.
type Classifier struct {
	extra map[string]bool // normalized
}

// New returns a classifier for which each of extra holds a signing key, in
// any naming style: "APP_SIGNER" also covers appSigner, app.signer and
// app-signer (and "signer" under an "app" section in code or
// configuration). A name is matched whole: APP_SIGNER_V2 is not covered.
// Empty names are ignored.
func New(extra ...string) *Classifier {
	c := &Classifier{extra: map[string]bool{}}
	for _, e := range extra {
		if n := Normalize(e); n != "" {
			c.extra[n] = true
		}
	}
	return c
}

// Mentioned reports whether text holds one of c's extra names in any naming
// style, so that a scanner's keyword filter does not skip a file that only
// names the project's own keys.
func (c *Classifier) Mentioned(text string) bool {
	if c == nil || len(c.extra) == 0 {
		return false
	}
	n := Normalize(text)
	for e := range c.extra {
		if strings.Contains(n, e) {
			return true
		}
	}
	return false
}

// Of is the package-level Of, with c's extra names as signing keys.
func (c *Classifier) Of(name string) Kind {
	if c != nil && c.extra[Normalize(name)] {
		return SigningKey
	}
	return Of(name)
}

// InSection is the package-level InSection, with c's extra names as
// signing keys: the name alone, or the name under the last sections of
// parent ("signer" under "config.app" is app.signer).
func (c *Classifier) InSection(name, parent string) Kind {
	if c != nil && len(c.extra) > 0 {
		n := Normalize(name)
		if c.extra[n] {
			return SigningKey
		}
		if n != "" {
			segs := strings.FieldsFunc(parent, func(r rune) bool { return r == '.' || r == ':' || r == '/' || r == ' ' })
			for i := len(segs) - 1; i >= 0; i-- {
				if c.extra[Normalize(strings.Join(segs[i:], ""))+n] {
					return SigningKey
				}
			}
		}
	}
	return InSection(name, parent)
}

// Of classifies a variable name as a dotenv file or the process
// environment has it: JWT_SECRET, DB_PASSWORD, JWT_EXPIRES_IN.
func Of(name string) Kind {
	words := split(name)
	if len(words) == 0 || beside(words) {
		return None
	}
	n := Normalize(name)
	if n == "pwd" || n == "oldpwd" {
		return None // the shell's working directory
	}
	if signing(n, "") {
		return SigningKey
	}
	for _, w := range words {
		if secretWords[w] {
			return Secret
		}
	}
	for _, g := range secretGlued {
		if strings.Contains(n, g) {
			return Secret
		}
	}
	return None
}

// InSection classifies a name in code or structured configuration, where
// only signing keys count: name is the setting or variable ("secret",
// "jwtSecret", "JWT_SECRET"), and parent the path of the sections around
// it ("jwt", "auth.token"), in any naming style, or "".
func InSection(name, parent string) Kind {
	if words := split(name); len(words) == 0 || beside(words) {
		return None
	}
	if signing(Normalize(name), Normalize(parent)) {
		return SigningKey
	}
	return None
}

// Normalize lowers a name and drops the separators of every naming style:
// JWT_SECRET, jwt.secret, jwtSecret and "jwt-secret" all read "jwtsecret".
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteByte(c)
		}
	}
	return b.String()
}

// split cuts a name into lower-case words at separators and at camelCase
// humps: "jwtSecretKey" and "JWT_SECRET_KEY" are both jwt, secret, key.
func split(s string) []string {
	var words []string
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			words = append(words, strings.ToLower(s[start:end]))
		}
		start = -1
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		alnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if !alnum {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		// A hump: aB, or the last capital of an acronym before a word
		// (JWTSecret: JWT, Secret).
		upper := c >= 'A' && c <= 'Z'
		prevLower := s[i-1] >= 'a' && s[i-1] <= 'z' || s[i-1] >= '0' && s[i-1] <= '9'
		nextLower := i+1 < len(s) && s[i+1] >= 'a' && s[i+1] <= 'z'
		prevUpper := s[i-1] >= 'A' && s[i-1] <= 'Z'
		if upper && (prevLower || prevUpper && nextLower) {
			flush(i)
			start = i
		}
	}
	flush(len(s))
	return words
}

// besideLast are last words of names that hold something about a secret,
// not the secret: where it is, how long it lives, how it is used.
var besideLast = map[string]bool{
	"id": true, "ids": true, "kid": true, "url": true, "urls": true, "uri": true, "host": true,
	"hostname": true, "port": true, "path": true, "file": true, "files": true, "dir": true,
	"name": true, "names": true, "ttl": true, "expiry": true, "expires": true, "expiration": true,
	"expire": true, "exp": true, "alg": true, "algorithm": true, "algo": true, "issuer": true,
	"iss": true, "audience": true, "aud": true, "header": true, "type": true, "length": true,
	"len": true, "size": true, "bits": true, "rounds": true, "lifetime": true, "age": true,
	"timeout": true, "enabled": true, "enable": true, "disabled": true, "version": true,
	"prefix": true, "format": true, "mode": true, "encoding": true, "days": true, "hours": true,
	"minutes": true, "seconds": true, "duration": true, "location": true, "region": true,
	"endpoint": true, "provider": true, "strategy": true, "method": true, "scope": true,
	"scopes": true, "field": true, "param": true, "count": true, "limit": true, "env": true,
	"in": true, // JWT_EXPIRES_IN
}

// beside reports whether a name is about a secret rather than one.
func beside(words []string) bool {
	for _, w := range words {
		if w == "public" || w == "pub" {
			return true
		}
	}
	return besideLast[words[len(words)-1]]
}

// secretWords make a name a credential wherever they stand as a word.
var secretWords = map[string]bool{
	"secret": true, "secrets": true, "password": true, "passwd": true, "passphrase": true,
	"pass": true, "pwd": true, "token": true, "tokens": true, "key": true, "keys": true,
	"apikey": true, "hmac": true, "salt": true, "pepper": true, "credential": true,
	"credentials": true, "jwt": true, "signing": true, "private": true,
}

// secretGlued are the same words glued to others: MYSECRET, APIKEY.
var secretGlued = []string{"secret", "password", "passwd", "apikey", "privatekey", "accesskey", "signingkey", "token"}

// keyNames are the settings and variables that hold a JWT signing secret,
// normalized.
var keyNames = map[string]bool{
	"tokensecret": true, "accesstokensecret": true, "refreshtokensecret": true,
	"authsecret": true, "nextauthsecret": true, "secretkey": true, "signingkey": true,
	"secretkeybase": true, "secretorkey": true, "secretorprivatekey": true, "hmacsecret": true,
	"hmackey": true, "hmacsecretkey": true, "tokensigningkey": true, "appsecretkey": true,
	"djangosecretkey": true, "flasksecretkey": true, "sessionsecret": true, "authjwtsecret": true,
	"jwtsecretkey": true, "signingsecret": true, "tokenkey": true, "accesstokenkey": true,
	"refreshtokenkey": true,
}

// keySuffixes extend keyNames to prefixed names: APP_ACCESS_TOKEN_SECRET.
var keySuffixes = []string{"tokensecret", "authsecret", "signingkey", "signingsecret", "hmacsecret", "jwtsecret", "jwtkey", "jwtsigningkey", "jwtsecretkey", "secretkeybase"}

// genericKeys name a signing key only under a JWT-ish parent ("jwt:
// secret:", [jwt] key = …, "Jwt": { "Key": … }).
var genericKeys = map[string]bool{"secret": true, "key": true, "secretkey": true, "signingkey": true, "hmacsecret": true, "hmackey": true, "signkey": true}

// IsGeneric reports whether a normalized name names a signing key only by
// its section ("secret" under "jwt"), so a report should name the section
// too.
func IsGeneric(n string) bool { return genericKeys[n] }

// signing reports whether a normalized name holds a JWT signing secret.
// parent is the normalized path of enclosing sections.
func signing(n, parent string) bool {
	if strings.Contains(n, "public") || strings.Contains(n, "private") || strings.HasSuffix(n, "id") {
		return false
	}
	if n == "secretkey" || n == "apisecretkey" {
		// SECRET_KEY alone signs Django and Flask sessions and many JWTs;
		// under aws, stripe or a Terraform provider it is an API key.
		return parent == "" || jwtParent(parent)
	}
	if keyNames[n] {
		return true
	}
	for _, s := range keySuffixes {
		if strings.HasSuffix(n, s) {
			return true
		}
	}
	if strings.Contains(n, "jwt") && (strings.HasSuffix(n, "secret") || strings.HasSuffix(n, "key")) {
		return true
	}
	return genericKeys[n] && (strings.Contains(parent, "jwt") || strings.HasSuffix(parent, "token") || strings.Contains(parent, "auth"))
}

// jwtParent reports whether an enclosing section is about signing tokens
// or sessions.
func jwtParent(p string) bool {
	for _, w := range []string{"jwt", "auth", "token", "security", "django", "flask", "session", "signing", "app", "settings", "config", "env", "variables", "data", "vars", "secrets"} {
		if strings.Contains(p, w) {
			return true
		}
	}
	return false
}
