package display

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Shell writes bytes so that they can be pasted into a POSIX shell and
// read back byte for byte: as is when that is safe, in single quotes when
// they are printable, and as $'…' with \xNN escapes otherwise.
func Shell(s string) string {
	b := []byte(s)
	if len(b) == 0 {
		return "''"
	}
	plain, printable := true, utf8.Valid(b)
	for _, r := range string(b) {
		switch {
		case r < 0x20 || r == 0x7f || r == utf8.RuneError || !unicode.IsPrint(r) && r != ' ':
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

// Command writes an argument list as a command line to paste into a
// shell, quoting each word with Shell, and only the value of a
// --flag=value word.
func Command(argv []string) string {
	words := make([]string, len(argv))
	for i, arg := range argv {
		if name, value, ok := strings.Cut(arg, "="); ok && strings.HasPrefix(name, "--") && Shell(name) == name {
			words[i] = name + "=" + Shell(value)
			continue
		}
		words[i] = Shell(arg)
	}
	return strings.Join(words, " ")
}
