package scan

import (
	"path"
	"sort"
	"strings"

	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/internal/secretname"
)

// text is one file's content on its way through the extractors: read once,
// looked at by every rule, then dropped.
type text struct {
	path     string
	lang     lang
	template bool
	// jwtPath is set when the path names JWTs (jwt/, JsonWebToken/,
	// jwt.js): a setting named *secret there signs tokens.
	jwtPath bool
	s       string
	lower   string

	names *secretname.Classifier // the project's: built-in names and Options.SecretNames

	env     *dotenv.File // parsed once, for dotenv files
	envDone bool
	lines   lineIndex // built on first use
	defs    map[string][]def
	seen    map[string]bool // keyword → whether the text holds it
}

func newText(p, s string) *text {
	lp := strings.ToLower(p)
	return &text{path: p, lang: langOf(p), template: isTemplate(p), s: s, lower: asciiLower(s),
		jwtPath: strings.Contains(lp, "jwt") || strings.Contains(lp, "jsonwebtoken")}
}

// stem is the file's base name without extensions: what other files of a
// repository import it as (config for config.js, settings for settings.py).
func (t *text) stem() string {
	b := path.Base(t.path)
	if i := strings.IndexByte(b, '.'); i > 0 {
		b = b[:i]
	}
	return strings.ToLower(b)
}

// dotenvFile returns the file parsed as package dotenv reads it, or nil.
func (t *text) dotenvFile() *dotenv.File {
	if !t.envDone {
		t.envDone = true
		t.env, _ = dotenv.Parse([]byte(t.s))
	}
	return t.env
}

// dotenvVar returns the variable a dotenv file assigns on a 1-based line,
// as package dotenv reads it: unquoted, escapes resolved.
func (t *text) dotenvVar(line int, name string) (dotenv.Var, bool) {
	f := t.dotenvFile()
	if f == nil {
		return dotenv.Var{}, false
	}
	for _, v := range f.Vars() {
		if v.Line == line && v.Name == name {
			return v, true
		}
	}
	return dotenv.Var{}, false
}

func (t *text) lineIdx() lineIndex {
	if t.lines == nil {
		t.lines = newLineIndex(t.s)
	}
	return t.lines
}

// lineOf returns the 1-based line of a byte offset.
func (t *text) lineOf(off int) int {
	l, _ := t.lineIdx().position(t.s, off)
	return l
}

func asciiLower(s string) string {
	b := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return string(b)
}

// has reports whether the text holds one of the keywords, in lower case.
// Rules share keywords: each is looked for once a file.
func (t *text) has(keywords []string) bool {
	if t.seen == nil {
		t.seen = make(map[string]bool, 32)
	}
	for _, k := range keywords {
		in, ok := t.seen[k]
		if !ok {
			in = strings.Contains(t.lower, k)
			t.seen[k] = in
		}
		if in {
			return true
		}
	}
	return false
}

// namesExtra reports whether the text mentions one of the project's own
// signing key names, which no rule's keywords know. Computed once.
func (t *text) namesExtra() bool {
	if t.seen == nil {
		t.seen = make(map[string]bool, 32)
	}
	const k = "\x00extra" // not a keyword any rule has
	in, ok := t.seen[k]
	if !ok {
		in = t.names.Mentioned(t.s)
		t.seen[k] = in
	}
	return in
}

// lineIndex maps byte offsets to lines and columns.
type lineIndex []int // start offset of each line

func newLineIndex(s string) lineIndex {
	idx := lineIndex{0}
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// position returns the 1-based line and the 1-based column in characters.
func (l lineIndex) position(s string, off int) (line, col int) {
	i := sort.Search(len(l), func(i int) bool { return l[i] > off }) - 1
	return i + 1, len([]rune(s[l[i]:off])) + 1
}

// bounds returns the offsets of a 1-based line, without its newline.
func (l lineIndex) bounds(s string, line int) (int, int) {
	start := l[line-1]
	end := len(s)
	if line < len(l) {
		end = l[line] - 1
	}
	if end < start {
		end = start
	}
	return start, end
}
