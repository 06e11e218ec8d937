package strength_test

import (
	"fmt"
	"strings"

	"github.com/jwtkey/jwtkey/strength"
)

func ExampleCheck() {
	r, err := strength.Check([]byte("my_super_secret_jwt_signing_key!!"))
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Verdict, r.Crackable())
	fmt.Println(r.Fix)
	// Output:
	// weak true
	// generate a new one with: jwtkey
}

func ExampleCheck_published() {
	// The example "good key" of a widely read article: random, and public.
	r, _ := strength.Check([]byte("a3f8c2d1e7b9044f2c68a5d3e1f7b290c4a8e6d2f0b1c3a5e7d9f2b4c6a8e0d3"))
	fmt.Println(r.Verdict)
	fmt.Println(r.Findings[0].Message)
	// Output:
	// compromised
	// the secret is published: "How to Generate a Strong JWT Secret Key" article: its example "good key"
}

func ExampleCheck_strong() {
	// TESTING KEY: 32 random bytes as hex, never used anywhere.
	r, _ := strength.Check([]byte("336b1cefe9e8fed5f3b851e74b846430240d65b4022b264f8fbc59b379a107e8"))
	fmt.Println(r.Summary())
	// Output:
	// strong: about 256 bits, good for HS256
}

func ExampleKnown() {
	n := 0
	for secret := range strength.Known() {
		if n < 2 {
			fmt.Println(string(secret))
		}
		n++
	}
	fmt.Println(n, "candidates")
	// Output:
	// your-256-bit-secret
	// your-384-bit-secret
	// 50058 candidates
}

func ExampleFindInWordlist() {
	leaked := strings.NewReader("hunter2\r\ncorrect horse battery staple\r\n")
	lines, _ := strength.FindInWordlist(leaked, []byte("correct horse battery staple"), []byte("other"))
	fmt.Println(lines)
	// Output:
	// [2 0]
}
