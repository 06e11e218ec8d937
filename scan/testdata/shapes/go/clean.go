package auth

import "os"

func fromEnv(t *jwt.Token) (string, error) {
	return t.SignedString([]byte(os.Getenv("JWT_SECRET")))
}
