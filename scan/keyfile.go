package scan

import (
	"encoding/base64"
	"regexp"
	"strings"
)

// Key files: PEM private keys (PKCS #1, PKCS #8, SEC 1, OpenSSH) and JSON
// Web Keys with private members, in any file, including what "jwtkey
// generate -o" writes. A private key is not judged for strength: in the
// repository, it is exposed. So is an encrypted one (PKCS #8's ENCRYPTED
// PRIVATE KEY, PKCS #1 with Proc-Type and DEK-Info headers, OpenSSH with a
// cipher): only its passphrase protects it, and anyone with a clone can
// try passphrases offline.

var (
	pemBegin = regexp.MustCompile(`-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY)-----`)
	// pemHeader is an RFC 1421 header line of an encrypted PKCS #1 key,
	// ended by a newline or by the "\n" escape of a string in code.
	pemHeader = regexp.MustCompile(`(?:Proc-Type|DEK-Info): [^\n\r\\]*(?:\r?\n|(?:\\r)?\\n)`)
	// jwkPrivate is a private member of a JWK: "d" (RSA, EC, OKP), "k"
	// (oct), or an RSA prime or CRT value, with a base64url value.
	jwkPrivate = regexp.MustCompile(`["']?\b(d|k|p|q|dp|dq|qi)["']?\s*:\s*["']([A-Za-z0-9_-]{16,})["']`)
	jwkKty     = regexp.MustCompile(`["']?\bkty["']?\s*:\s*["'](RSA|EC|OKP|oct)["']`)
)

// pemBodyMin is the least base64 a real key's body holds (an Ed25519 PKCS
// #8 key is 64 characters); less is a placeholder ("MIIE...").
const pemBodyMin = 60

func (t *text) keyFiles(r *Rule, out []match) []match {
	for _, loc := range pemBegin.FindAllStringSubmatchIndex(t.s, -1) {
		kind := t.s[loc[2]:loc[3]]
		end := strings.Index(t.s[loc[1]:min(len(t.s), loc[1]+16<<10)], "-----END "+kind+"-----")
		if end < 0 {
			continue
		}
		body := t.s[loc[1] : loc[1]+end]
		if !pemBody(body, kind) {
			continue
		}
		out = append(out, match{rule: r, key: kind, value: t.s[loc[0] : loc[1]+end+len("-----END "+kind+"-----")], start: loc[0], end: loc[1]})
	}
	if strings.Contains(t.s, "kty") {
		reported := map[int]bool{} // by the "kty" of the key: one finding a key
		for _, loc := range jwkPrivate.FindAllStringSubmatchIndex(t.s, -1) {
			// The member must sit in an object that says what key it is:
			// the nearest "kty" before it, or else after it.
			from, to := max(0, loc[0]-2000), min(len(t.s), loc[1]+2000)
			ktys := jwkKty.FindAllStringSubmatchIndex(t.s[from:to], -1)
			near := -1
			for i, k := range ktys {
				if from+k[0] < loc[0] || near < 0 {
					near = i
				}
			}
			if near < 0 {
				continue
			}
			k := ktys[near]
			kty := [][]string{{"", t.s[from+k[2] : from+k[3]]}}
			if !jwkMember(t.s[loc[2]:loc[3]], kty) || reported[from+k[0]] {
				continue
			}
			reported[from+k[0]] = true
			out = append(out, match{rule: r, key: "JWK " + t.s[loc[2]:loc[3]], value: t.s[loc[4]:loc[5]], start: loc[4], end: loc[5]})
		}
	}
	return out
}

// jwkMember reports whether a member name is private for a key type near it.
func jwkMember(member string, kty [][]string) bool {
	for _, k := range kty {
		switch k[1] {
		case "oct":
			if member == "k" {
				return true
			}
		case "RSA":
			if member != "k" {
				return true
			}
		case "EC", "OKP":
			if member == "d" {
				return true
			}
		}
	}
	return false
}

// pemBody reports whether the text between a PEM's BEGIN and END lines is
// a key: enough base64 (line breaks, or the "\n" escapes of a string in
// code, between) that decodes to DER, or to OpenSSH's key format.
func pemBody(body, kind string) bool {
	encrypted := strings.Contains(body[:min(len(body), 200)], "Proc-Type: 4,ENCRYPTED")
	if encrypted {
		body = pemHeader.ReplaceAllString(body, "")
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == '\\' && i+1 < len(body) && (body[i+1] == 'n' || body[i+1] == 'r'):
			i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '"' || c == '\'' || c == '+' && i+1 < len(body) && (body[i+1] == '\n' || body[i+1] == ' ' || body[i+1] == '"'):
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=':
			b.WriteByte(c)
		default:
			return false
		}
	}
	s := b.String()
	if len(s) < pemBodyMin {
		return false
	}
	head, err := base64.StdEncoding.DecodeString(s[:len(s)/4*4])
	if err != nil || len(head) < 4 {
		head, err = base64.RawStdEncoding.DecodeString(s[:48])
		if err != nil {
			return false
		}
	}
	switch {
	case encrypted:
		return true // ciphertext: no structure to check
	case kind == "OPENSSH PRIVATE KEY":
		return strings.HasPrefix(string(head), "openssh-key-v1\x00")
	}
	return head[0] == 0x30 // a DER SEQUENCE
}
