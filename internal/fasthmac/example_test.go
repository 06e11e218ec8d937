package fasthmac_test

import (
	"crypto"
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"log"

	"github.com/jwtkey/jwtkey/internal/fasthmac"
)

func ExampleVerifier_CheckBatch() {
	// The signing input (header.payload) of an HS256 token and its
	// signature, here made with a weak key.
	message := []byte("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9")
	m := hmac.New(sha256.New, []byte("secret"))
	m.Write(message)
	v, err := fasthmac.New(crypto.SHA256, message, m.Sum(nil))
	if err != nil {
		log.Fatal(err)
	}
	guesses := [][]byte{[]byte("password"), []byte("changeme"), []byte("secret"), []byte("jwt")}
	if i := v.CheckBatch(guesses); i >= 0 {
		fmt.Printf("signed with %q\n", guesses[i])
	}
	fmt.Println(v.Check([]byte("Secret")))
	// Output:
	// signed with "secret"
	// false
}
