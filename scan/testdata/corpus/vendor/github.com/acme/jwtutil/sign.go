package jwtutil

func Sign(t *jwt.Token) (string, error) { return t.SignedString([]byte("vendored-secret")) }
