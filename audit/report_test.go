package audit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jwtkey/jwtkey/internal/golden"
)

// TestReportGolden pins the JSON that jwtkey audit --json prints.
func TestReportGolden(t *testing.T) {
	tok := parse(t, rawToken(`{"alg":"HS256","typ":"JWT","kid":"k1"}`, `{"iat":1700000000,"exp":1700172800}`, 32))
	sum := tok.Inspect(time.Unix(1700000100, 0))
	idx := uint64(25642)
	reports := []Report{
		{Line: 3, Summary: &sum, Result: &Result{
			Found: true, Secret: []byte("jw42"), Source: Source{Attack: "mask", Name: "?l?l?d?d", Index: &idx},
			Attacks: []AttackStats{
				{Attack: "builtin", Name: "built-in list", Candidates: 100140, Complete: true},
				{Attack: "mask", Name: "?l?l?d?d", Candidates: 25856, Keyspace: 67600},
			},
			Candidates: 125997, Elapsed: 50 * time.Millisecond,
		}},
		{Summary: &sum, Result: &Result{
			Found: true, Secret: []byte{0xff, 0x00}, Source: Source{Attack: "wordlist", Name: "words.txt", Line: 7, Base64: true},
			Attacks: []AttackStats{{Attack: "wordlist", Name: "words.txt", Candidates: 14}}, Candidates: 15, Elapsed: time.Second,
		}},
		{Summary: &sum, Result: &Result{
			Attacks:    []AttackStats{{Attack: "mask", Name: "?a?a?a?a?a?a?a?a", Candidates: 1000, Keyspace: 6634204312890625}},
			Candidates: 1001, Elapsed: 2 * time.Second, Interrupted: true, Resume: 996, ResumeValid: true,
		}},
		{Line: 4, Error: "malformed token: a compact JWS has 3 dot-separated parts (header.payload.signature), this has 1"},
	}
	var got bytes.Buffer
	for _, r := range reports {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		got.Write(b)
		got.WriteByte('\n')
	}
	golden.Check(t, filepath.Join("testdata", "report.golden.jsonl"), got.Bytes())
}

func ExampleToken_Inspect() {
	// A token with no exp claim, from a server that also publishes keys.
	tok, err := ParseToken("eyJhbGciOiJIUzI1NiIsImprdSI6Imh0dHBzOi8vZXhhbXBsZS5jb20vandrcy5qc29uIn0." +
		"eyJzdWIiOiJhbGljZSJ9.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
	if err != nil {
		panic(err)
	}
	for _, f := range tok.Inspect(time.Now()).Findings {
		fmt.Println(f.Severity, f.Code)
	}
	// Output:
	// warning hmac-with-public-key
	// warning no-exp
}

func ExampleExportToken() {
	tok, err := ParseToken("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.pW0bHrgG1cY7nQCxR_6e3w1ZhpLGw5axLxUXxyLPtpY")
	if err != nil {
		panic(err)
	}
	e, err := ExportToken(tok, John, "rockyou.txt", "")
	if err != nil {
		panic(err)
	}
	fmt.Println(e.Hash)
	fmt.Println(strings.Join(e.Commands[0], " "))
	// Output:
	// eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9#a56d1b1eb806d5c63b9d00b147fe9edf0d598692c6c396b12f1517c722cfb696
	// john --format=HMAC-SHA256 --wordlist=rockyou.txt jwt.john
}
