// Package preset knows how each framework expects its JWT secret: the
// variable it reads, how many random bytes it wants, and how the string in
// the variable becomes key bytes. The CLI's --for, the store that writes
// keys and the keyring that reads them all take it from here.
package preset

import (
	"fmt"
	"strings"

	"github.com/jwtkey/jwtkey/keygen"
)

// Preset is how a framework expects its JWT secret: the variable it reads
// and how the string in it becomes key bytes.
type Preset struct {
	Name      string // what --for takes
	Aliases   []string
	Framework string
	Var       string          // the variable name the framework reads
	Encoding  keygen.Encoding // how the random bytes are written
	Size      int             // random bytes
	Reads     string          // how the framework turns the string into a key
	Source    string          // where that is documented
	Decodes   keygen.Encoding // what the framework decodes the value from to get the key bytes; "" when the text itself is the key
	Recipe    string          // how to accept the current and previous key during a rotation: a README section
}

// recipes is where the README's rotation recipes are.
const recipes = "https://github.com/jwtkey/jwtkey#"

// All lists the frameworks jwtkey knows, by Name.
var All = []Preset{
	{
		Name: "node", Aliases: []string{"jsonwebtoken", "express-jwt", "express"},
		Framework: "Node jsonwebtoken / express-jwt",
		Var:       "JWT_SECRET", Encoding: keygen.Hex, Size: 32,
		Reads:  "the string's UTF-8 bytes are the HMAC key (secretOrPrivateKey / secret)",
		Source: "https://github.com/auth0/node-jsonwebtoken#jwtsignpayload-secretorprivatekey-options-callback",
		Recipe: recipes + "node-jsonwebtoken-and-express-jwt",
	},
	{
		Name: "spring", Aliases: []string{"jjwt", "java"},
		Framework: "Spring / jjwt",
		Var:       "JWT_SECRET", Encoding: keygen.Base64, Size: 32,
		Reads:   "Keys.hmacShaKeyFor(Decoders.BASE64.decode(secret)): base64 that decodes to at least 32 bytes, else WeakKeyException",
		Source:  "https://github.com/jwtk/jjwt#secret-keys",
		Decodes: keygen.Base64,
		Recipe:  recipes + "spring-and-jjwt",
	},
	{
		Name: "authjs", Aliases: []string{"nextauth", "next-auth", "auth.js"},
		Framework: "Auth.js / NextAuth.js v5",
		Var:       "AUTH_SECRET", Encoding: keygen.Base64, Size: 32,
		Reads:  "a random string; `npx auth secret` writes 32 random bytes in base64 to .env.local (NextAuth v4 reads NEXTAUTH_SECRET)",
		Source: "https://authjs.dev/guides/environment-variables",
		Recipe: recipes + "authjs",
	},
	{
		Name: "django", Aliases: []string{"simplejwt", "djangorestframework-simplejwt"},
		Framework: "Django REST framework SimpleJWT",
		Var:       "SIGNING_KEY", Encoding: keygen.Hex, Size: 32,
		Reads:  "SIMPLE_JWT[\"SIGNING_KEY\"] (default settings.SECRET_KEY), used as the HMAC key string; read it with os.environ[\"SIGNING_KEY\"]",
		Source: "https://django-rest-framework-simplejwt.readthedocs.io/en/latest/settings.html#signing-key",
		Recipe: recipes + "django-rest-framework-simplejwt",
	},
	{
		Name: "rails", Aliases: []string{"ruby"},
		Framework: "Ruby on Rails",
		Var:       "SECRET_KEY_BASE", Encoding: keygen.Hex, Size: 64,
		Reads:  "ENV[\"SECRET_KEY_BASE\"] first; `bin/rails secret` prints SecureRandom.hex(64), 128 hex characters",
		Source: "https://api.rubyonrails.org/classes/Rails/Application.html#method-i-secret_key_base",
		Recipe: recipes + "ruby-on-rails",
	},
	{
		Name: "laravel", Aliases: []string{"jwt-auth", "php"},
		Framework: "Laravel tymon/jwt-auth",
		Var:       "JWT_SECRET", Encoding: keygen.Hex, Size: 32,
		Reads:  "config/jwt.php 'secret' => env('JWT_SECRET'), the string used as the HMAC key; `php artisan jwt:secret` writes it to .env",
		Source: "https://jwt-auth.readthedocs.io/en/develop/laravel-installation/",
		Recipe: recipes + "laravel-jwt-auth",
	},
	{
		Name: "go", Aliases: []string{"golang-jwt", "golang"},
		Framework: "Go golang-jwt/jwt",
		Var:       "JWT_SECRET", Encoding: keygen.Hex, Size: 32,
		Reads:  "SigningMethodHMAC takes a []byte key: []byte(os.Getenv(\"JWT_SECRET\"))",
		Source: "https://pkg.go.dev/github.com/golang-jwt/jwt/v5#SigningMethodHMAC",
		Recipe: recipes + "go-golang-jwt-and-go-jose-through-keyring",
	},
}

// Default is what a key is written as without a preset: JWT_SECRET,
// 32 random bytes (HS256) in hex, read as a raw string by most libraries.
var Default = Preset{Name: "default", Framework: "any", Var: "JWT_SECRET", Encoding: keygen.Hex, Size: 32,
	Recipe: recipes + "rotating-without-logging-everyone-out"}

// Lookup returns the preset called name or one of its aliases.
// Case does not matter.
func Lookup(name string) (Preset, error) {
	for _, p := range All {
		if strings.EqualFold(p.Name, name) {
			return p, nil
		}
		for _, a := range p.Aliases {
			if strings.EqualFold(a, name) {
				return p, nil
			}
		}
	}
	return Preset{}, fmt.Errorf("preset: no preset for %q", name)
}

// Names returns the names Lookup knows, without aliases.
func Names() []string {
	var names []string
	for _, p := range All {
		names = append(names, p.Name)
	}
	return names
}

// Previous returns the variable that holds the old key of name during a
// rotation, unless the user chose another: JWT_SECRET_PREVIOUS.
func Previous(name string) string { return name + "_PREVIOUS" }
