// Package dotenv reads and edits .env files without disturbing them.
//
// A File keeps every byte it was parsed from. Set, SetAfter and Delete
// change only the lines of the one assignment they touch (or add one line),
// so comments, blank lines, order, quoting, "export " prefixes, CRLF line
// endings, a missing final newline, a byte-order mark and lines this package
// cannot parse all come out exactly as they went in.
//
// # Syntax
//
// The syntax read is the common ground of the dotenv readers in use (Node
// dotenv, python-dotenv, godotenv, Docker Compose, Ruby dotenv):
//
//	# a comment
//	NAME=value            # unquoted; a comment needs whitespace before '#'
//	export NAME='literal'  # single quotes: no escapes
//	NAME="a\nb"            # double quotes: \n \r \t \\ \" \$ escapes
//	NAME=`literal`         # backticks: as single quotes
//
// Quoted values may span lines. Spaces and tabs around '=' are allowed.
// A line that fits none of this is kept as it is and reported by Problems.
//
// # Dialects
//
// The readers agree on the lines above but not everywhere. [File.Analyze]
// tells what each one reads for an assignment, so that a secret they read
// differently is reported as ambiguous and judged by its shortest reading.
// Their rules, read from each project's parser:
//
//	                 unquoted "#"     $NAME, ${NAME}     escapes in "…"        '…'         `…`
//	Node dotenv      ends the value   kept as written    \n \r               literal     quotes, literal
//	python-dotenv    after a space    ${NAME} only       \\ \' \" \a \b \f \n \r \t \v  \\ and \'   part of the value
//	godotenv         after a space    expanded           \n \r; \x is x       literal     part of the value
//	Ruby dotenv      ends the value   expanded, $(cmd)   \x is x; \n kept      literal     part of the value
//	Docker Compose   ends the value   expanded, $$ is $  \n \r; \x is x       literal     part of the value
//
// A variable a value refers to counts as empty: its value is not in the
// file. So JWT_SECRET=ab#… is two characters to Node dotenv, Ruby dotenv
// and Compose, and pa$word is "pa" to the readers that expand.
//
// # Writing values
//
// Set writes a value in the quoting style the existing assignment used when
// that style can hold it. A new assignment is unquoted when the value holds
// only characters every reader agrees on (letters, digits and _ . / + = : @
// % , -, which covers hex and base64 keys), in single quotes otherwise, and
// in double quotes with escapes only when it holds a single quote or a line
// break.
package dotenv

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxSize is the largest file Parse accepts. A .env file is a few kilobytes;
// anything near this is not one.
const MaxSize = 8 << 20

// ErrNotText is returned by Parse for data that is not UTF-8 text, such as a
// binary file given by mistake.
var ErrNotText = errors.New("dotenv: not a text file")

// ErrInvalidName is returned for a variable name that is not an identifier:
// letters, digits and underscores, not starting with a digit.
var ErrInvalidName = errors.New("dotenv: invalid variable name")

// ErrDuplicate is returned when an edit would touch a variable that the
// file assigns more than once: readers disagree on which line wins, and a
// value left on the other line would outlive its rotation.
var ErrDuplicate = errors.New("dotenv: a variable is assigned more than once")

// ErrUnreadable is returned when an edit would touch, or follow, a line that
// assigns a variable but cannot be parsed: changing the file around it could
// change what other readers see.
var ErrUnreadable = errors.New("dotenv: the file has a line that cannot be parsed")

// Var is one variable assignment in a .env file.
type Var struct {
	Name  string
	Value string // unquoted, escapes resolved
	Line  int    // 1-based line number
}

// Problem is a line that looks like an assignment but cannot be parsed.
type Problem struct {
	Line   int    // 1-based
	Name   string // the variable it seems to assign
	Reason string
	open   bool // an opening quote is never closed
}

func (p Problem) String() string { return fmt.Sprintf("line %d: %s: %s", p.Line, p.Name, p.Reason) }

// line is one physical line: its text and the line ending after it ("\n",
// "\r\n", or for a last line without a newline "" or a lone "\r").
type line struct {
	text string
	eol  string
}

// entry is a parsed assignment over lines first..last. The assignment's text
// is prefix + quoted value + suffix, where prefix is the first line up to
// the value and suffix the last line after it.
type entry struct {
	Var
	first, last int
	prefix      string
	suffix      string
	quote       byte // 0, '\'', '"' or '`'
	nameAt      int  // where the name starts in prefix, after any "export "
}

// File is a parsed .env file that can be edited and written back byte for
// byte, apart from the lines that were changed.
type File struct {
	bom      bool
	lines    []line
	entries  []entry
	vars     []Var
	problems []Problem
}

const bom = "\uFEFF"

// Parse reads a .env file. Lines it cannot parse are kept as they are. It
// fails only for data that is not text (ErrNotText) or larger than MaxSize.
func Parse(data []byte) (*File, error) {
	if len(data) > MaxSize {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrNotText, MaxSize)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, fmt.Errorf("%w: NUL byte at offset %d", ErrNotText, i)
	}
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%w: invalid UTF-8", ErrNotText)
	}
	f := &File{}
	s := string(data)
	if strings.HasPrefix(s, bom) {
		f.bom = true
		s = s[len(bom):]
	}
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			// A carriage return at the very end is a line ending cut
			// short, not part of the last value.
			if t, ok := strings.CutSuffix(s, "\r"); ok {
				f.lines = append(f.lines, line{text: t, eol: "\r"})
			} else {
				f.lines = append(f.lines, line{text: s})
			}
			break
		}
		t, eol := s[:i], "\n"
		if strings.HasSuffix(t, "\r") {
			t, eol = t[:len(t)-1], "\r\n"
		}
		f.lines = append(f.lines, line{text: t, eol: eol})
		s = s[i+1:]
	}
	f.parse()
	return f, nil
}

func (f *File) parse() {
	f.entries, f.vars, f.problems = nil, nil, nil
	for i := 0; i < len(f.lines); {
		e, p := parseEntry(f.lines, i)
		if p != nil {
			f.problems = append(f.problems, *p)
		}
		if e == nil {
			i++
			continue
		}
		f.entries = append(f.entries, *e)
		f.vars = append(f.vars, e.Var)
		i = e.last + 1
	}
}

// Vars returns the assignments in file order.
func (f *File) Vars() []Var { return f.vars }

// Problems returns the lines that look like assignments but cannot be
// parsed, in file order.
func (f *File) Problems() []Problem { return f.problems }

// Lookup returns the value of the last assignment of name, the one readers
// that let later lines win will use.
func (f *File) Lookup(name string) (string, bool) {
	for i := len(f.vars) - 1; i >= 0; i-- {
		if f.vars[i].Name == name {
			return f.vars[i].Value, true
		}
	}
	return "", false
}

// Bytes returns the file's content.
func (f *File) Bytes() []byte {
	var b strings.Builder
	if f.bom {
		b.WriteString(bom)
	}
	for _, l := range f.lines {
		b.WriteString(l.text)
		b.WriteString(l.eol)
	}
	return []byte(b.String())
}

// CheckName returns an error matching ErrInvalidName unless ValidName
// accepts name.
func CheckName(name string) error {
	if !ValidName(name) {
		return fmt.Errorf("%w %q", ErrInvalidName, name)
	}
	return nil
}

// ValidName reports whether name can be written as a variable name: ASCII
// letters, digits and underscores, not starting with a digit. That is what
// POSIX shells accept, so every dotenv reader does too.
func ValidName(name string) bool {
	if name == "" || isDigit(name[0]) {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !isDigit(c) && !isLetter(c) && c != '_' {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'A' <= c&^0x20 && c&^0x20 <= 'Z' }

// isNameByte is what a reader accepts in a name: more than ValidName allows,
// since some readers take dots and dashes.
func isNameByte(c byte) bool { return isDigit(c) || isLetter(c) || c == '_' || c == '.' || c == '-' }

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// parseEntry parses the assignment starting on lines[i]. It returns nil for
// comments and blank lines, and nil with a Problem for a line that starts
// like an assignment but is not one.
func parseEntry(lines []line, i int) (*entry, *Problem) {
	t := lines[i].text
	p := skipSpace(t, 0)
	if p == len(t) || t[p] == '#' {
		return nil, nil
	}
	if strings.HasPrefix(t[p:], "export") && len(t) > p+6 && (t[p+6] == ' ' || t[p+6] == '\t') {
		p = skipSpace(t, p+6)
	}
	start := p
	for p < len(t) && isNameByte(t[p]) {
		p++
	}
	name := t[start:p]
	if name == "" || isDigit(name[0]) {
		return nil, nil // not an assignment at all: kept as it is
	}
	problem := func(reason string, open bool) (*entry, *Problem) {
		return nil, &Problem{Line: i + 1, Name: name, Reason: reason, open: open}
	}
	p = skipSpace(t, p)
	if p == len(t) || t[p] != '=' {
		return nil, nil
	}
	p = skipSpace(t, p+1)
	e := &entry{Var: Var{Name: name, Line: i + 1}, first: i, prefix: t[:p], nameAt: start}
	if p < len(t) && (t[p] == '\'' || t[p] == '"' || t[p] == '`') {
		q := t[p]
		value, last, end, ok := scanQuoted(lines, i, p+1, q)
		if !ok {
			return problem(fmt.Sprintf("the %c that opens the value is never closed", q), true)
		}
		rest := lines[last].text[end:]
		if r := skipSpace(rest, 0); r < len(rest) && rest[r] != '#' {
			// Past a line break, where the value ends is uncertain.
			return problem("text after the closing quote", last > i)
		}
		e.Value, e.quote, e.last, e.suffix = value, q, last, rest
		return e, nil
	}
	v := t[p:]
	for j := 0; j < len(v); j++ {
		if v[j] == '#' && (j > 0 && (v[j-1] == ' ' || v[j-1] == '\t') || j == 0 && p > 0 && (t[p-1] == ' ' || t[p-1] == '\t')) {
			v = v[:j]
			break
		}
	}
	v = strings.TrimRight(v, " \t")
	e.Value, e.last, e.suffix = v, i, t[p+len(v):]
	if v == "" {
		// Keep the spacing before a comment with the comment, so that a
		// value written here later stays apart from it.
		e.prefix, e.suffix = strings.TrimRight(e.prefix, " \t"), t[len(strings.TrimRight(e.prefix, " \t")):]
	}
	return e, nil
}

// scanQuoted reads a quoted value that starts at lines[i].text[p], just
// after the opening quote q. It returns the value, the line and offset just
// past the closing quote.
func scanQuoted(lines []line, i, p int, q byte) (value string, last, end int, ok bool) {
	var b strings.Builder
	for ; i < len(lines); i, p = i+1, 0 {
		t := lines[i].text
		for ; p < len(t); p++ {
			c := t[p]
			switch {
			case c == q:
				return b.String(), i, p + 1, true
			case c == '\\' && q == '"' && p+1 < len(t):
				p++
				switch t[p] {
				case 'n':
					b.WriteByte('\n')
				case 'r':
					b.WriteByte('\r')
				case 't':
					b.WriteByte('\t')
				case '\\', '"', '$':
					b.WriteByte(t[p])
				default:
					b.WriteByte('\\')
					b.WriteByte(t[p])
				}
			default:
				b.WriteByte(c)
			}
		}
		b.WriteByte('\n')
	}
	return "", 0, 0, false
}
