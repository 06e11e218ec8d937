package main

import (
	"os"

	"github.com/golang-jwt/jwt/v5"
)

var envKey = []byte(os.Getenv("JWT_KEY"))

func sign(t *jwt.Token) (string, error) {
	return t.SignedString([]byte("go-secret"))
}

func parse(s string) (*jwt.Token, error) {
	return jwt.Parse(s, func(t *jwt.Token) (interface{}, error) {
		return []byte("keyfunc-secret"), nil
	})
}

func parseEnv(s string) (*jwt.Token, error) {
	return jwt.Parse(s, func(t *jwt.Token) (interface{}, error) {
		return envKey, nil
	})
}
