package dotenv

import (
	"strings"
)

// This file only reads: it tells what other programs would make of an
// assignment, so that a value they read differently is reported rather than
// judged by one reading. Nothing here changes how a File is edited.

// Dialect is a dotenv reader in common use, whose rules differ from the
// others' in places (see the package documentation's table).
type Dialect int

const (
	NodeDotenv   Dialect = iota // dotenv for Node.js
	PythonDotenv                // python-dotenv
	Godotenv                    // github.com/joho/godotenv
	RubyDotenv                  // the dotenv gem
	Compose                     // Docker Compose env_file and .env
)

// Dialects lists every dialect, in the order reports name them.
var Dialects = []Dialect{NodeDotenv, PythonDotenv, Godotenv, RubyDotenv, Compose}

func (d Dialect) String() string {
	switch d {
	case NodeDotenv:
		return "Node dotenv"
	case PythonDotenv:
		return "python-dotenv"
	case Godotenv:
		return "godotenv"
	case RubyDotenv:
		return "Ruby dotenv"
	case Compose:
		return "Docker Compose"
	}
	return "unknown"
}

// Reading is the value one dialect reads for an assignment. A variable the
// value refers to ($NAME, ${NAME}) reads as empty: which value it has is
// not in the file.
type Reading struct {
	Dialect Dialect
	Value   string
}

// Analysis is what the dialects make of one assignment.
type Analysis struct {
	// Readings holds each dialect's value, in the order of Dialects.
	Readings []Reading
	// Ambiguous is set when two dialects read different values.
	Ambiguous bool
	// Shortest is the shortest reading: the one to judge, since a secret
	// is as weak as the weakest way it is read.
	Shortest string
}

// Analyze returns what every dialect reads for v, one of f's assignments.
// For a Var that is not f's it returns the Var's own value, unambiguous.
func (f *File) Analyze(v Var) Analysis {
	raw, ok := f.rawValue(v)
	if !ok {
		return Analysis{Shortest: v.Value}
	}
	a := Analysis{Readings: make([]Reading, 0, len(Dialects))}
	for i, d := range Dialects {
		val := readAs(d, raw)
		a.Readings = append(a.Readings, Reading{Dialect: d, Value: val})
		if i == 0 || len(val) < len(a.Shortest) {
			a.Shortest = val
		}
		if i > 0 && val != a.Readings[0].Value {
			a.Ambiguous = true
		}
	}
	return a
}

// ShortestBy names the dialects that read the shortest value.
func (a Analysis) ShortestBy() []Dialect {
	var out []Dialect
	for _, r := range a.Readings {
		if r.Value == a.Shortest {
			out = append(out, r.Dialect)
		}
	}
	return out
}

// rawValue returns the text of v's assignment from the start of its value
// (after "=" and the spaces after it) to the end of its last line.
func (f *File) rawValue(v Var) (string, bool) {
	for _, e := range f.entries {
		if e.Line != v.Line || e.Name != v.Name {
			continue
		}
		var b strings.Builder
		for i := e.first; i <= e.last; i++ {
			if i > e.first {
				b.WriteByte('\n')
			}
			b.WriteString(f.lines[i].text)
		}
		return b.String()[len(e.prefix):], true
	}
	return "", false
}

// readAs applies one dialect's rules to raw, the text after "=".
func readAs(d Dialect, raw string) string {
	raw = strings.TrimLeft(raw, " \t")
	q := byte(0)
	if raw != "" {
		q = raw[0]
	}
	switch d {
	case NodeDotenv:
		if q == '\'' || q == '"' || q == '`' {
			if body, ok := quotedBody(raw, q, true); ok {
				if q == '"' {
					body = strings.NewReplacer(`\n`, "\n", `\r`, "\r").Replace(body)
				}
				return body
			}
		}
		return strings.TrimSpace(cutLine(cutAt(raw, "#")))
	case PythonDotenv:
		switch q {
		case '\'':
			if body, ok := quotedBody(raw, q, true); ok {
				return strings.NewReplacer(`\\`, `\`, `\'`, `'`).Replace(body)
			}
		case '"':
			if body, ok := quotedBody(raw, q, true); ok {
				return expandBraces(pythonEscapes(body))
			}
		}
		v := cutLine(raw)
		if strings.HasPrefix(v, "#") {
			return "" // a comment where the value would be
		}
		return expandBraces(strings.TrimRight(cutSpaceHash(v), " \t\r"))
	case Godotenv, Compose:
		if q == '\'' || q == '"' {
			if body, ok := quotedBody(raw, q, false); ok {
				if q == '"' {
					body = expandDollar(goEscapes(body), d == Compose)
				}
				return body
			}
		}
		v := cutLine(raw)
		if d == Compose {
			v = cutAt(v, "#")
		} else {
			v = cutLastSpaceHash(v)
		}
		return expandDollar(strings.Trim(v, " \t\r\v\f"), d == Compose)
	case RubyDotenv:
		if q == '\'' || q == '"' {
			if body, ok := quotedBody(raw, q, true); ok {
				if q == '\'' {
					return body
				}
				return expandDollar(unescapeRuby(body), false)
			}
		}
		v := strings.TrimSpace(cutLine(cutAt(raw, "#")))
		return expandDollar(unescapeRuby(v), false)
	}
	return raw
}

// quotedBody returns the text between the quote q that opens raw and the
// next one that closes it. With escapedQuote a backslash before q keeps it
// open (and stays in the body), as in the readers' regular expressions.
func quotedBody(raw string, q byte, escapedQuote bool) (string, bool) {
	for i := 1; i < len(raw); i++ {
		if raw[i] != q {
			continue
		}
		if raw[i-1] == '\\' && (escapedQuote || q != '`') {
			continue
		}
		return raw[1:i], true
	}
	return "", false
}

func cutLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		return s[:i]
	}
	return s
}

func cutAt(s, sep string) string {
	if i := strings.Index(s, sep); i >= 0 {
		return s[:i]
	}
	return s
}

// cutSpaceHash removes a comment that whitespace introduces: "v # c".
func cutSpaceHash(s string) string {
	for i := 1; i < len(s); i++ {
		if s[i] == '#' && (s[i-1] == ' ' || s[i-1] == '\t') {
			return s[:i]
		}
	}
	return s
}

// cutLastSpaceHash is godotenv's rule: the comment starts at the last "#"
// with whitespace before it.
func cutLastSpaceHash(s string) string {
	for i := len(s) - 1; i > 0; i-- {
		if s[i] == '#' && (s[i-1] == ' ' || s[i-1] == '\t') {
			return s[:i]
		}
	}
	return s
}

func pythonEscapes(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			if r, ok := map[byte]string{'\\': `\`, '\'': `'`, '"': `"`, 'a': "\a", 'b': "\b", 'f': "\f", 'n': "\n", 'r': "\r", 't': "\t", 'v': "\v"}[s[i+1]]; ok {
				b.WriteString(r)
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// goEscapes is godotenv's: \n and \r, then a backslash before anything but
// "$" is dropped.
func goEscapes(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case '$':
				b.WriteString(`\$`)
			default:
				b.WriteByte(s[i+1])
			}
			i++
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// unescapeRuby drops a backslash before anything but "$"; "\n" stays as
// the two characters (the gem's default line-break mode).
func unescapeRuby(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && s[i+1] != '$' {
			if s[i+1] == 'n' || s[i+1] == 'r' {
				b.WriteByte('\\')
			}
			b.WriteByte(s[i+1])
			i++
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// expandBraces replaces ${NAME} and ${NAME:-default} with their default
// (python-dotenv expands only the braced form).
func expandBraces(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '$' && i+1 < len(s) && s[i+1] == '{' {
			if j := strings.IndexByte(s[i:], '}'); j > 0 {
				inner := s[i+2 : i+j]
				if _, def, ok := strings.Cut(inner, ":-"); ok {
					b.WriteString(def)
				}
				i += j
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// expandDollar replaces $NAME, ${NAME} and $(command) with nothing, or
// with a ${NAME:-default}'s default; "\$" is a literal dollar, and so is
// "$$" in Compose.
func expandDollar(s string, compose bool) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) && s[i+1] == '$' {
			b.WriteByte('$')
			i++
			continue
		}
		if c != '$' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		n := s[i+1]
		switch {
		case compose && n == '$':
			b.WriteByte('$')
			i++
		case n == '{':
			j := strings.IndexByte(s[i:], '}')
			if j < 0 {
				b.WriteByte(c)
				continue
			}
			if _, def, ok := strings.Cut(s[i+2:i+j], ":-"); ok {
				b.WriteString(def)
			}
			i += j
		case n == '(' && !compose:
			j := strings.IndexByte(s[i:], ')')
			if j < 0 {
				b.WriteByte(c)
				continue
			}
			i += j
		case n == '_' || isLetter(n):
			j := i + 1
			for j < len(s) && (s[j] == '_' || isLetter(s[j]) || isDigit(s[j])) {
				j++
			}
			i = j - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
