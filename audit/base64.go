package audit

import "encoding/base64"

// minDecoded is the shortest base64-decoded entry tried as a key: 8 bytes
// (11 characters of base64). Nearly every dictionary word of 2 to 10
// letters is valid base64, and its decoding, a few bytes of noise, is no
// one's key; trying them doubled the work of a wordlist attack.
const minDecoded = 8

// worthDecoding reports whether a wordlist entry's base64 decoding can be
// a key: long enough, and holding both upper- and lower-case letters,
// which base64 of random bytes does but for 1 in 2,000 (measured for keys
// of 8 to 31 bytes) and dictionary words and passwords (lower case and
// digits, mostly) rarely do.
func worthDecoding(s []byte) bool {
	if len(s) < minDecoded*4/3+1 { // 11 characters: at least 8 bytes
		return false
	}
	var lower, upper bool
	for _, c := range s {
		switch {
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= 'A' && c <= 'Z':
			upper = true
		}
	}
	return lower && upper
}

// Classes of base64 characters: in both alphabets, or in one only.
const (
	b64Both uint8 = 1 << iota
	b64Std
	b64URL
)

var b64Class = func() (t [256]uint8) {
	for _, c := range []byte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") {
		t[c] = b64Both
	}
	t['+'], t['/'] = b64Std, b64Std
	t['-'], t['_'] = b64URL, b64URL
	return t
}()

// decodeBase64 decodes s when it is valid base64 in the standard or URL
// alphabet, padded or not, into dst; ok is false otherwise. Frameworks
// that base64-decode their configured secret sign with these bytes.
func decodeBase64(dst, s []byte) (out []byte, ok bool) {
	// Strip correct padding; the raw decoders then take both forms.
	n := len(s)
	for n > 0 && s[n-1] == '=' && len(s)-n < 2 {
		n--
	}
	if n < len(s) && len(s)%4 != 0 {
		return nil, false
	}
	s = s[:n]
	if len(s) < 2 {
		return nil, false
	}
	// One pass picks the alphabet and rejects most words early.
	var seen uint8
	for _, c := range s {
		k := b64Class[c]
		if k == 0 {
			return nil, false
		}
		seen |= k
	}
	enc := base64.RawStdEncoding
	switch seen & (b64Std | b64URL) {
	case b64Std | b64URL:
		return nil, false
	case b64URL:
		enc = base64.RawURLEncoding
	}
	need := enc.DecodedLen(len(s))
	if cap(dst) < need {
		return nil, false
	}
	k, err := enc.Decode(dst[:need], s)
	if err != nil || k == 0 {
		return nil, false
	}
	return dst[:k], true
}
