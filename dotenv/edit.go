package dotenv

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Set gives name the value. If name is assigned, the last assignment (the
// one readers use) is rewritten in place, keeping its "export " prefix,
// spacing, quoting style when it can hold the value, and trailing comment;
// earlier duplicate assignments are left alone. Otherwise one line is
// appended, with the file's line ending; a file without a final newline
// keeps having none.
func (f *File) Set(name, value string) error {
	return f.SetAfter(name, value, "")
}

// SetAfter is Set, except that a new assignment goes on the line after the
// last assignment of after rather than at the end of the file, and is
// written in that line's style: its indentation, "export " prefix, spacing
// around '=' and quoting (when the quotes can hold the value), so that a
// shell sourcing the file exports both or neither. With after empty or not
// assigned it appends, as Set does.
func (f *File) SetAfter(name, value, after string) error {
	if err := f.checkEdit(name, value); err != nil {
		return err
	}
	if i := f.index(name); i >= 0 {
		e := f.entries[i]
		q := quote(value, e.quote)
		if s := e.suffix; s != "" && s[0] != ' ' && s[0] != '\t' && (q == "" || !strings.ContainsRune("'\"`", rune(q[0]))) {
			// A closing quote no longer separates the value from a
			// comment that followed it.
			q += " "
		}
		text := e.prefix + q + e.suffix
		f.replace(e.first, e.last+1, []line{{text: text, eol: f.lines[e.last].eol}})
		return nil
	}
	text := name + "=" + quote(value, 0)
	at := len(f.lines)
	if i := f.index(after); after != "" && i >= 0 {
		e := f.entries[i]
		at = e.last + 1
		text = e.prefix[:e.nameAt] + name + e.prefix[e.nameAt+len(e.Name):] + quote(value, e.quote)
	}
	f.insert(at, text)
	return nil
}

// CheckUnique returns an error matching ErrDuplicate if name is assigned on
// more than one line. The error shows each line with its value left out.
func (f *File) CheckUnique(name string) error {
	var lines []string
	for _, e := range f.entries {
		if e.Name == name {
			lines = append(lines, fmt.Sprintf("line %d (%s…)", e.Line, strings.TrimLeft(e.prefix, " \t")))
		}
	}
	if len(lines) < 2 {
		return nil
	}
	return fmt.Errorf("%w: %s on %s; keep one of them", ErrDuplicate, name, strings.Join(lines, " and "))
}

// Delete removes every assignment of name and reports whether there was
// one. Lines around them are kept. Like Set, it refuses to edit a file with
// an unparseable assignment of name or an unclosed quote.
func (f *File) Delete(name string) (bool, error) {
	for _, p := range f.problems {
		if p.open || p.Name == name {
			return false, fmt.Errorf("%w: line %d assigns %s: %s; fix that line by hand first", ErrUnreadable, p.Line, p.Name, p.Reason)
		}
	}
	found := false
	for i := len(f.entries) - 1; i >= 0; i-- {
		if e := f.entries[i]; e.Name == name {
			eol := f.lines[e.last].eol
			f.lines = append(f.lines[:e.first], f.lines[e.last+1:]...)
			// Removing a last line that had no newline leaves the new last
			// line with one; drop it so the file's ending style is kept.
			if !complete(eol) && e.first == len(f.lines) && e.first > 0 {
				f.lines[e.first-1].eol = eol
			}
			found = true
		}
	}
	if found {
		f.parse()
	}
	return found, nil
}

func (f *File) checkEdit(name, value string) error {
	if err := CheckName(name); err != nil {
		return err
	}
	if strings.ContainsAny(value, "\x00\r") || !utf8.ValidString(value) {
		return fmt.Errorf("dotenv: the value for %s is not text a dotenv reader keeps (NUL, carriage return or invalid UTF-8)", name)
	}
	for _, p := range f.problems {
		if p.open {
			// Readers disagree on where such a value ends; any line
			// written after it might close the quote and change it.
			return fmt.Errorf("%w: line %d assigns %s a quoted value whose end is unclear (%s); fix that line by hand first", ErrUnreadable, p.Line, p.Name, p.Reason)
		}
		if p.Name == name {
			return fmt.Errorf("%w: line %d assigns %s: %s; fix that line by hand first", ErrUnreadable, p.Line, name, p.Reason)
		}
	}
	return nil
}

func (f *File) index(name string) int {
	for i := len(f.entries) - 1; i >= 0; i-- {
		if f.entries[i].Name == name {
			return i
		}
	}
	return -1
}

// newline is the file's line ending: that of its first line, or "\n".
func (f *File) newline() string {
	for _, l := range f.lines {
		if l.eol == "\n" || l.eol == "\r\n" {
			return l.eol
		}
	}
	if n := len(f.lines); n > 0 && f.lines[n-1].eol == "\r" {
		return "\r\n"
	}
	return "\n"
}

// complete reports whether a line ending ends a line: "" and a lone "\r"
// at the end of the file do not.
func complete(eol string) bool { return eol == "\n" || eol == "\r\n" }

func (f *File) replace(from, to int, with []line) {
	lines := make([]line, 0, len(f.lines)-(to-from)+len(with))
	lines = append(lines, f.lines[:from]...)
	lines = append(lines, with...)
	f.lines = append(lines, f.lines[to:]...)
	f.parse()
}

// insert adds a line of text before lines[at].
func (f *File) insert(at int, text string) {
	nl := f.newline()
	l := line{text: text, eol: nl}
	if at == len(f.lines) && at > 0 && !complete(f.lines[at-1].eol) {
		// No final newline: the old last line gets one and the new last
		// line goes without, as the file did.
		if f.lines[at-1].eol == "\r" {
			nl = "\r\n" // the lone CR was half a CRLF
		}
		f.lines[at-1].eol, l.eol = nl, ""
	}
	f.replace(at, at, []line{l})
}

// plain reports whether a value can be written without quotes and be read
// back the same by every dotenv reader.
func plain(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !isDigit(c) && !isLetter(c) && !strings.ContainsRune("_./+=:@%,-", rune(c)) {
			return false
		}
	}
	return true
}

// quote writes v for a value slot whose current quoting is q (0 for none),
// keeping q when it can hold v.
func quote(v string, q byte) string {
	switch {
	case q == '"':
		return doubleQuote(v)
	case q != 0 && !strings.ContainsAny(v, string(q)+"\n"):
		return string(q) + v + string(q)
	case plain(v):
		return v
	case !strings.ContainsAny(v, "'\n"):
		return "'" + v + "'"
	}
	return doubleQuote(v)
}

func doubleQuote(v string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(v); i++ {
		switch c := v[i]; c {
		case '\\', '"', '$':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
