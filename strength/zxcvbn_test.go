package strength

import (
	"flag"
	"math"
	"testing"

	"github.com/trustelem/zxcvbn"
	"github.com/trustelem/zxcvbn/frequency"
)

var zxcvbnAll = flag.Bool("zxcvbn-all", false, "compare with zxcvbn on the whole 30,000-entry passwords list (slow)")

// TestNeverStrongerThanZxcvbn: on common weak passwords, jwtkey never
// estimates more guesses than zxcvbn (trustelem's port) does.
func TestNeverStrongerThanZxcvbn(t *testing.T) {
	pws := []string{
		"password1", "Password123", "P@ssw0rd", "p@$$w0rd", "qwerty123", "iloveyou2",
		"letmein!", "admin123", "welcome1", "abc123456", "1q2w3e4r", "1qaz2wsx",
		"zaq12wsx", "monkey12", "dragon2024", "summer2025", "Winter2024!", "trustno1",
		"123456789a", "aaaaaa", "abcabcabc", "1111111111", "qazwsxedc", "asdfghjkl",
		"superman1", "michael1", "jennifer88", "starwars!", "football10", "baseball7",
		"secret123", "changeme", "supersecret", "mysecretkey", "jwt_secret_key",
		"myapp2026", "asdfghjklasdfghjkl", "supersecretkey123", "your-256-bit-secret",
		"drowssap", "01011990", "1990-01-01", "12/25/1985", "0123456789", "9876543210",
		"abcdefgh", "zyxwvuts", "correcthorse", "Tr0ub4dor&3", "hunter2",
	}
	n := 2000
	if *zxcvbnAll {
		n = len(frequency.FrequencyLists["passwords"])
	}
	pws = append(pws, frequency.FrequencyLists["passwords"][:n]...)
	words := frequency.FrequencyLists["english_wikipedia"]
	names := frequency.FrequencyLists["surnames"]
	for i := range 300 {
		w := words[i]
		pws = append(pws, w+"123", w+"2024", "My"+w+"!", w+names[i])
	}
	for _, pw := range pws {
		r, err := Check([]byte(pw))
		if err != nil {
			t.Fatalf("%q: %v", pw, err)
		}
		z := math.Log2(zxcvbn.PasswordStrength(pw, nil).Guesses)
		if r.Bits > z+1e-9 {
			t.Errorf("%q: jwtkey %.2f bits, zxcvbn %.2f: rated stronger", pw, r.Bits, z)
		}
	}
}
