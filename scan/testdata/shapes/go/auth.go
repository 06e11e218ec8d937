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

var refreshKey = []byte{112, 101, 97, 114, 45, 51}

func refresh(t *jwt.Token) (string, error) { return t.SignedString(refreshKey) }
