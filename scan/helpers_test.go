package scan

import "github.com/jwtkey/jwtkey/strength"

type strengthResult = strength.Result

func stubResult(b []byte) strength.Result {
	if len(b) >= 32 {
		return strength.Result{Verdict: strength.Strong, Bits: float64(len(b) * 4), GoodFor: []string{"HS256"}}
	}
	return strength.Result{Verdict: strength.Weak, Bits: float64(len(b) * 2), Fix: "generate one with: jwtkey --alg HS256"}
}
