package auth

import "os"

var signingKey = []byte("apricot-8")

func jwtSecret() string {
	s := os.Getenv("JWT_SECRET")
	if s == "" {
		s = "fig-2"
	}
	return s
}

func issue(t *jwt.Token) (string, error) { return t.SignedString(signingKey) }
