package strength

import (
	"slices"
	"testing"
)

// TestInventedKeys: keys written to look random, long enough that brute
// force over their alphabet rates them above 256 bits, are weak, and the
// findings say they were made up. Reproductions written for this test in
// the styles of keys found in public code: kinds in a fixed order, no
// character again until most are used, letters along the keyboard.
func TestInventedKeys(t *testing.T) {
	loadOnce.Do(load)
	for _, s := range []string{
		"Xk9mP2vL8nQ4rT7wY3zB6cF1hJ5dG0sAeU7iO2pK9lZ4xC8vN3bM6qW1eR5tY",
		"sK3jD9fL2aQ8wE5rT1yU7iO4pZ6xC0vBnM8hG2kJ5lP9qW3eR7tY1uI4oA6",
		"Jd8Kf2Lp9Xz3Mq7Vn4Rt1Wy6Hb5Gs0Ce8Ua3Io7Pk2Lm9Nb4Vc6Qx1Zw5Er",
		"mK7#pL2$vN9@qR4&xT8!wZ3*bH6^jD1%fG5(sA0)eU2-iO7+kP4=lM9_xC3",
		"N7vR4tYwE1zBcH6sJdQ3uA8nMxK5pRtV2gF9cWkL0mP3qX8yZ2hD7jS4fG1a",
		"k8Jh3Gf7Ds2Aq9Wz4Xe6Rc1Vt5By0Nu8Mi3Ko7Lp2Pl9Oj4Ih6Ug1Yf5Td0Rs",
	} {
		b := []byte(s)
		e := &estimate{}
		brute, _ := e.bruteCosts(b)
		if sum(brute) < 256 {
			t.Fatalf("%q: brute force %.0f bits: too short to test the model", s, sum(brute))
		}
		r, err := Check(b)
		if err != nil {
			t.Fatal(err)
		}
		if r.Verdict != Weak || !containsKind(r, KindInvented) {
			t.Errorf("%q: %s %v, want weak with an invented finding", s, r.Summary(), kinds(r))
		}
	}
}

// TestInventedBeyondShares: random strings whose kinds of character come in
// other shares than brute force assumes (mostly digits, hex and dashes)
// are not taken for invented ones.
func TestInventedBeyondShares(t *testing.T) {
	loadOnce.Do(load)
	for _, s := range []string{
		"0.8273641927364519-0.1928374650192837", // two Math.random() values
		"550e8400-e29b-41d4-a716-446655440000",
		"6ba7b810-9dad-41d1-80b4-00c04fd430c8-550e8400-e29b-41d4-a716-446655440000",
		"1717171234.5561-1700000001.9921-1699999999.1234",
	} {
		r, err := Check([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		if containsKind(r, KindInvented) {
			t.Errorf("%q: %s %v: an invented finding", s, r.Summary(), kinds(r))
		}
	}
}

// TestChanceWords: keys from crypto/rand in which short words, l33t and
// reversed, happened to line up are strong: a word written rApi is not one
// of a phrase, so it does not get a phrase's price.
func TestChanceWords(t *testing.T) {
	for _, key := range []string{
		"l4mayTgrApis1h7rFPTNpaPWWq17908L/7ex7nBy7a8=", // TESTING KEY: openssl rand -base64 32
	} {
		r, err := Check([]byte(key))
		if err != nil {
			t.Fatal(err)
		}
		if r.Verdict != Strong || len(r.Findings) > 0 {
			t.Errorf("TESTING KEY %s: %s %v", key, r.Summary(), kinds(r))
		}
	}
	loadOnce.Do(load)
	for _, tc := range []struct {
		s    string
		word bool
	}{
		{"xxrapixx", true}, {"xxRapixx", true}, {"xxRAPIxx", true}, {"xxrApixx", false},
	} {
		var ms []match
		low := make([]byte, len(tc.s))
		for i := range tc.s {
			low[i] = normTable[tc.s[i]]
		}
		matchDictionary([]byte(tc.s), low, false, &ms)
		i := slices.IndexFunc(ms, func(m match) bool { return m.i == 2 && m.j == 6 && m.text == "rapi" })
		if i < 0 {
			t.Fatalf("%q: no match for rapi in %+v", tc.s, ms)
		}
		if ms[i].word != tc.word {
			t.Errorf("%q: a phrase word %v, want %v", tc.s, ms[i].word, tc.word)
		}
	}
}
