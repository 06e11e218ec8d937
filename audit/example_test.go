package audit_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/jwtkey/jwtkey/audit"
)

func ExampleCracker() {
	tok, err := audit.ParseToken("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." +
		"eyJzdWIiOiJhbGljZSIsImV4cCI6MTcwMDAwMDkwMH0.l1W3hNgV_BPmCXA4ABR03tTbk79zy9ibeTCuTf0fRzs")
	if err != nil {
		panic(err)
	}
	c, err := audit.NewCracker(tok, audit.Options{})
	if err != nil {
		panic(err)
	}
	words := "password\nletmein\ncorrect horse battery staple\n"
	res, err := c.Run(context.Background(), audit.Wordlist{Reader: strings.NewReader(words), Name: "words.txt"})
	if err != nil {
		panic(err)
	}
	if res.Found {
		fmt.Printf("found %q in %s\n", res.Secret, res.Source)
	}
	// Output: found "correct horse battery staple" in wordlist words.txt, line 3
}
