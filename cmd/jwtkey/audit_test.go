package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"os"
	"strconv"
	"strings"

	"github.com/golang-jwt/jwt/v5"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/jwtkey/jwtkey/keygen"
	"github.com/jwtkey/jwtkey/strength"
)

func init() {
	scriptCmds["jwtsign"] = cmdJWTSign
	scriptCmds["crlf"] = cmdCRLF
	scriptCmds["envfile"] = cmdEnvFile
	scriptCmds["audit-oddname"] = cmdOddName
}

// cmdOddName copies FILE to a name holding an escape sequence and a
// newline, which a script cannot write, and puts the name in VAR:
// "audit-oddname FILE VAR".
func cmdOddName(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: audit-oddname FILE VAR")
	}
	name := "w\x1b[31mred\n.txt"
	ts.Check(os.WriteFile(ts.MkAbs(name), []byte(ts.ReadFile(args[0])), 0o600))
	ts.Setenv(args[1], name)
}

// cmdEnvFile sets an environment variable to a file's contents without
// the trailing newline: "envfile VAR FILE", so a token can be an argument.
func cmdEnvFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: envfile VAR FILE")
	}
	ts.Setenv(args[0], strings.TrimSuffix(ts.ReadFile(args[1]), "\n"))
}

// cmdJWTSign writes a signed token to a file:
//
//	jwtsign ALG SECRET FILE [CLAIMS-JSON]
//
// SECRET is text:STRING, hex:HEX, known:N (the N-th entry of the built-in
// list, so scripts do not depend on its contents) or random (a key from
// keygen.GenerateHMAC). For RS256 and ES256 a new key pair signs and
// SECRET is ignored. The default claims expired long ago, so the CLI does
// not warn about a live token on the command line.
func cmdJWTSign(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 || len(args) > 4 {
		ts.Fatalf("usage: jwtsign ALG SECRET FILE [CLAIMS-JSON]")
	}
	alg, spec, file := args[0], args[1], ts.MkAbs(args[2])
	claims := jwt.MapClaims{"sub": "test", "iat": 1700000000, "exp": 1700000900}
	if len(args) == 4 {
		claims = jwt.MapClaims{}
		ts.Check(json.Unmarshal([]byte(args[3]), &claims))
	}
	var key any
	switch {
	case alg == "ES256":
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		ts.Check(err)
		key = k
	case spec == "random":
		k, err := keygen.GenerateHMAC(keygen.Algorithm(alg))
		ts.Check(err)
		key = k
	case strings.HasPrefix(spec, "text:"):
		key = []byte(strings.TrimPrefix(spec, "text:"))
	case strings.HasPrefix(spec, "hex:"):
		k, err := hex.DecodeString(strings.TrimPrefix(spec, "hex:"))
		ts.Check(err)
		key = k
	case strings.HasPrefix(spec, "known:"):
		n, err := strconv.Atoi(strings.TrimPrefix(spec, "known:"))
		ts.Check(err)
		for s := range strength.Known() {
			if len(s) > 0 {
				if n--; n == 0 {
					key = s
					break
				}
			}
		}
		if key == nil {
			ts.Fatalf("the built-in list has too few entries")
		}
	default:
		ts.Fatalf("jwtsign: unknown secret %q", spec)
	}
	s, err := jwt.NewWithClaims(jwt.GetSigningMethod(alg), claims).SignedString(key)
	ts.Check(err)
	ts.Check(os.WriteFile(file, []byte(s+"\n"), 0o600))
}

// cmdCRLF rewrites a file with CRLF line ends: "crlf FILE".
func cmdCRLF(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: crlf FILE")
	}
	name := ts.MkAbs(args[0])
	b, err := os.ReadFile(name)
	ts.Check(err)
	ts.Check(os.WriteFile(name, []byte(strings.ReplaceAll(string(b), "\n", "\r\n")), 0o600))
}
