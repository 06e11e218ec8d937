package keygen_test

import (
	"fmt"

	"github.com/jwtkey/jwtkey/keygen"
)

func ExampleGenerateHMAC() {
	key, err := keygen.GenerateHMAC(keygen.HS512)
	if err != nil {
		panic(err)
	}
	text, _ := keygen.EncodeSecret(key, keygen.Base64URL)
	fmt.Println(len(key), "bytes,", len(text), "base64url characters")
	// Output: 64 bytes, 86 base64url characters
}

func ExampleGenerateHMACSize() {
	_, err := keygen.GenerateHMACSize(keygen.HS256, 16)
	fmt.Println(err)
	// Output: keygen: 16 bytes is too short for HS256: the minimum is 32 bytes
}

func ExampleAlgorithm_HashSize() {
	for _, alg := range []keygen.Algorithm{keygen.HS256, keygen.HS384, keygen.HS512} {
		fmt.Printf("%s: at least %d bits, at most %d useful bytes\n", alg, alg.HashSize()*8, alg.BlockSize())
	}
	// Output:
	// HS256: at least 256 bits, at most 64 useful bytes
	// HS384: at least 384 bits, at most 128 useful bytes
	// HS512: at least 512 bits, at most 128 useful bytes
}
