package audit

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// ShellQuote writes a secret so that it can be pasted into a POSIX shell
// and read back byte for byte: as is when that is safe, in single quotes
// when it is printable, and as $'…' with \xNN escapes otherwise.
func ShellQuote(b []byte) string {
	if len(b) == 0 {
		return "''"
	}
	plain, printable := true, utf8.Valid(b)
	for _, r := range string(b) {
		switch {
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
			printable, plain = false, false
		case !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:@%+=,", r)):
			plain = false
		}
	}
	switch {
	case plain:
		return string(b)
	case printable:
		return "'" + strings.ReplaceAll(string(b), "'", `'\''`) + "'"
	}
	var sb strings.Builder
	sb.WriteString("$'")
	for _, c := range b {
		switch {
		case c == '\\' || c == '\'':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		case c >= 0x20 && c < 0x7f:
			sb.WriteByte(c)
		default:
			fmt.Fprintf(&sb, `\x%02x`, c)
		}
	}
	sb.WriteByte('\'')
	return sb.String()
}

// shellWord quotes a command-line argument only when it needs it.
func shellWord(s string) string { return ShellQuote([]byte(s)) }
