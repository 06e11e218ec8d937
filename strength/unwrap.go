package strength

import "bytes"

// Unwrap joins a key that a tool printed over several lines: openssl rand
// -base64 64, base64 and xxd -p wrap their output at 64, 76 or 60
// characters. It returns the lines joined and true when every line is in
// one encoding's alphabet (base64, base64url or hex), each line but the
// last has the same length of at least 16 and the last is no longer;
// otherwise secret unchanged and false. One final line break is ignored;
// CRLF line ends count as LF.
//
// A caller that judges the joined key should say that the value as
// printed holds line breaks: wherever it is pasted as it is, they are part
// of the secret.
func Unwrap(secret []byte) ([]byte, bool) {
	s := bytes.TrimSuffix(bytes.TrimSuffix(secret, []byte("\n")), []byte("\r"))
	if !bytes.Contains(s, []byte("\n")) {
		return secret, false
	}
	lines := bytes.Split(s, []byte("\n"))
	width := -1
	var std, url, hex = true, true, true
	for i, l := range lines {
		l = bytes.TrimSuffix(l, []byte("\r"))
		lines[i] = l
		if i < len(lines)-1 {
			if width < 0 {
				width = len(l)
			}
			if len(l) != width || width < 16 {
				return secret, false
			}
		} else if len(l) == 0 || len(l) > width {
			return secret, false
		}
		for j, c := range l {
			pad := c == '=' && i == len(lines)-1 && j >= len(l)-2
			std = std && (isBase64Std(c) || pad)
			url = url && (isBase64URL(c) || pad)
			hex = hex && isHex(c)
		}
	}
	if !std && !url && !hex {
		return secret, false
	}
	return bytes.Join(lines, nil), true
}

func isBase64Std(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '+' || c == '/'
}

func isBase64URL(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '-' || c == '_'
}
