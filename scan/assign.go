package scan

import (
	"strings"

	"github.com/jwtkey/jwtkey/internal/lazyre"
	"github.com/jwtkey/jwtkey/internal/secretname"
)

// The assignment extractor: names that hold a signing key, set to a
// literal, line by line, with the enclosing sections of structured files.

// structure tracks the enclosing sections of a line: YAML indentation,
// JSON and code braces, TOML and INI [sections].
type structure struct {
	yaml    []yamlKey
	braces  []braceKey
	depth   int
	section string
	// k8s and compose: "- name: JWT_SECRET" then "value: …"
	pendingName string
	pendingLine int
}

type yamlKey struct {
	indent int
	key    string
}

type braceKey struct {
	key   string
	level int
}

var (
	yamlKeyRe  = lazyre.New(`^(\s*)(?:-\s+)?["']?([^\s"'#:{}\[\],][^"'#:]*?)["']?\s*:(?:\s+(.*))?$`)
	braceKeyRe = lazyre.New(`["']?([A-Za-z_$][\w.\-$]*)["']?\s*[:=]\s*(?:[A-Za-z_][\w.]*\s*)?\{\s*(?://.*|#.*)?$`)
	tfBlockRe  = lazyre.New(`^\s*([A-Za-z_][\w\-]*)(?:\s+"[^"]*")*\s*=?\s*\{\s*$`)
	sectionRe  = lazyre.New(`^\s*\[+\s*([^\]]+?)\s*\]+\s*(?:[#;].*)?$`)
)

// parent updates the structure with a line and returns the dotted path of
// the sections that enclose it, as written ("jwt", "Jwt", "spring.jwt").
func (st *structure) parent(l lang, line string, n int) string {
	switch l {
	case langYAML:
		trim := strings.TrimSpace(line)
		if trim == "" || trim[0] == '#' {
			return st.yamlPath()
		}
		var m []string
		if strings.IndexByte(line, ':') >= 0 {
			m = yamlKeyRe().FindStringSubmatch(line)
		}
		indent := len(line) - len(strings.TrimLeft(line, " \t"))
		if m != nil && strings.HasPrefix(strings.TrimLeft(line, " \t"), "-") {
			indent += 2 // a list item's keys sit under its dash
		}
		for len(st.yaml) > 0 && st.yaml[len(st.yaml)-1].indent >= indent {
			st.yaml = st.yaml[:len(st.yaml)-1]
		}
		p := st.yamlPath()
		if m != nil && strings.TrimSpace(stripComment(m[3])) == "" {
			st.yaml = append(st.yaml, yamlKey{indent, m[2]})
		}
		return p
	case langTOML:
		if m := sectionRe().FindStringSubmatch(line); m != nil {
			st.section = m[1]
			return ""
		}
		return st.section
	case langJSON, langJS, langGo, langPython, langJava, langRuby, langPHP, langCSharp, langTerraform:
		if !strings.ContainsAny(line, "{}") {
			return st.bracePath()
		}
		p := st.bracePath()
		m := braceKeyRe().FindStringSubmatch(line)
		if m == nil && l == langTerraform {
			m = tfBlockRe().FindStringSubmatch(line)
		}
		if m != nil {
			st.braces = append(st.braces, braceKey{m[1], st.depth + 1})
		}
		st.depth += braceDelta(line)
		for len(st.braces) > 0 && st.braces[len(st.braces)-1].level > st.depth {
			st.braces = st.braces[:len(st.braces)-1]
		}
		return p
	}
	return ""
}

func (st *structure) yamlPath() string {
	var b strings.Builder
	for i, k := range st.yaml {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(k.key)
	}
	return b.String()
}

func (st *structure) bracePath() string {
	var b strings.Builder
	for _, k := range st.braces {
		if k.level <= st.depth {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(k.key)
		}
	}
	return b.String()
}

// braceDelta counts { minus } outside string literals.
func braceDelta(line string) int {
	d := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '{':
			d++
		case '}':
			d--
		case '"', '\'', '`':
			if _, next, ok := quotedAt(line, i); ok {
				i = next - 1
			}
		}
	}
	return d
}

func stripComment(s string) string {
	if i := strings.Index(s, " #"); i >= 0 {
		return s[:i]
	}
	if strings.HasPrefix(s, "#") {
		return ""
	}
	return s
}

// assignments finds JWT-ish names set to literals, line by line.
func (t *text) assignments(r *Rule, out []match) []match {
	var st structure
	structured := t.lang == langYAML || t.lang == langTOML || t.lang == langJSON || t.lang.code() || t.lang == langTerraform
	n := 0
	for off := 0; off < len(t.s); n++ {
		eol := strings.IndexByte(t.s[off:], '\n')
		if eol < 0 {
			eol = len(t.s)
		} else {
			eol += off
		}
		line, lower := t.s[off:eol], t.lower[off:eol]
		parent := ""
		if structured {
			parent = st.parent(t.lang, line, n)
		}
		if parent != "" || containsAny(lower, assignKeywords) || st.pendingName != "" || t.namesExtra() && t.names.Mentioned(line) {
			out = t.assignLine(r, out, &st, off, line, parent, n)
		}
		off = eol + 1
	}
	return out
}

func containsAny(s string, subs []string) bool {
	for _, k := range subs {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

func isNameByte(c byte) bool { return isIdentByte(c) || c == '.' || c == '-' || c == '$' }

// assignLine looks at each name on a line followed by an assignment
// operator.
func (t *text) assignLine(r *Rule, out []match, st *structure, off int, line, rawParent string, n int) []match {
	dockerEnv := t.lang == langDocker && (hasPrefixFold(strings.TrimSpace(line), "env ") || hasPrefixFold(strings.TrimSpace(line), "arg "))
	for i := 0; i < len(line); {
		if !isNameByte(line[i]) || line[i] == '.' || line[i] == '-' {
			i++
			continue
		}
		j := i
		for j < len(line) && isNameByte(line[j]) {
			j++
		}
		name := strings.TrimLeft(strings.TrimRight(line[i:j], ".-"), "$")
		i = j
		norm := secretname.Normalize(name)
		key := name
		if norm == "value" && st.pendingName != "" && n-st.pendingLine <= 2 {
			key, norm = st.pendingName, secretname.Normalize(st.pendingName)
		}
		// In code under a path about JWTs (JsonWebToken/Key.cs), a name
		// ending in "secret" signs them.
		isKey := t.signingKey(key, rawParent) || t.jwtPath && t.lang.code() && strings.HasSuffix(norm, "secret")
		if isKey && secretname.IsGeneric(norm) && rawParent != "" {
			key = rawParent + "." + name // "jwt.secret", "Jwt.Key"
		}
		if !isKey && !(norm == "name" && t.lang == langYAML) {
			// In code, obj.jwtSecret and this.config.jwt.secret name
			// their last part under the parts before it.
			d := strings.LastIndexByte(name, '.')
			if d < 0 || !t.lang.code() {
				continue
			}
			if !t.signingKey(name[d+1:], rawParent+"."+name[:d]) {
				continue
			}
			norm = secretname.Normalize(name[d+1:])
		}
		// Step over the closing quote or bracket of "key": or ["KEY"] =.
		k := j
		for c := 0; c < 2 && k < len(line) && (line[k] == '"' || line[k] == '\'' || line[k] == ']' || line[k] == '`'); c++ {
			k++
		}
		k = skipSpace(line, k)
		v, ok := assignOp(line, k, dockerEnv && k > j)
		if !ok {
			continue
		}
		// YAML's key ends in ": " or ":" at the end of the line; in
		// "signing_key:secrets/path" the colon is text.
		if t.lang == langYAML && line[v-1] == ':' && v < len(line) && line[v] != ' ' && line[v] != '\t' {
			continue
		}
		v = skipSpace(line, v)
		if norm == "name" {
			// k8s: remember "- name: JWT_SECRET" for the "value:" below it.
			if lit, ok := t.configValue(line, v); ok && t.signingKey(lit.value, "") {
				st.pendingName, st.pendingLine = lit.value, n
			}
			continue
		}
		var lit literal
		if t.lang.config() {
			lit, ok = t.configValue(line, v)
		} else {
			e := exprEnd(line, v)
			lit, ok = literalIn(line, v, e)
		}
		if !ok {
			continue
		}
		if t.lang == langDotenv && line[v] != '$' {
			// dotenv knows its quoting and escapes best; the position
			// stays ours.
			if dv, ok := t.dotenvVar(n+1, key); ok && dv.Value != "" {
				lit.value = dv.Value
			}
		}
		lit.start += off
		lit.end += off
		out = t.accept(out, r, key, lit)
		i = max(i, lit.end-off)
	}
	return out
}

// signingKey reports whether a name in a section holds a JWT signing key,
// by the project's classifier.
func (t *text) signingKey(name, parent string) bool {
	return t.names.InSection(name, parent) == secretname.SigningKey
}

func hasPrefixFold(s, p string) bool { return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) }

// assignOp reads an assignment operator at line[k] and returns where the
// value starts. Comparisons (==, ===, !=) are not assignments.
func assignOp(line string, k int, spaceOK bool) (int, bool) {
	rest := line[k:]
	switch {
	case strings.HasPrefix(rest, "=>"), strings.HasPrefix(rest, ":="), strings.HasPrefix(rest, "?="), strings.HasPrefix(rest, "||="):
		return k + strings.IndexByte(rest, '=') + 1 + boolInt(strings.HasPrefix(rest, "=>")), true
	case strings.HasPrefix(rest, "=="), strings.HasPrefix(rest, "::"):
		return 0, false
	case strings.HasPrefix(rest, "="), strings.HasPrefix(rest, ":"):
		return k + 1, true
	case spaceOK && rest != "":
		return k, true
	}
	return 0, false
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// exprEnd returns the end of the expression that starts at s[i]: a
// top-level comma, semicolon or closing bracket, or the end of the line.
func exprEnd(s string, i int) int {
	depth := 0
	end := min(len(s), i+argLimit)
	for ; i < end; i++ {
		switch c := s[i]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			if depth == 0 {
				return i
			}
			depth--
		case ',', ';', '\n':
			if depth == 0 {
				return i
			}
		case '"', '\'', '`':
			if _, next, ok := quotedAt(s, i); ok {
				i = next - 1
			}
		case '#':
			if depth == 0 && i > 0 && s[i-1] == ' ' {
				return i
			}
		case '/':
			if depth == 0 && i+1 < len(s) && s[i+1] == '/' {
				return i
			}
		}
	}
	return i
}

// configValue reads the value of a configuration setting: quoted or bare,
// up to a comment.
func (t *text) configValue(line string, v int) (literal, bool) {
	if v >= len(line) {
		return literal{}, false
	}
	switch line[v] {
	case '"', '\'':
		lit, _, ok := quotedAt(line, v)
		return lit, ok
	case '|', '>', '&', '*', '!':
		if t.lang == langYAML {
			return literal{}, false
		}
	}
	e := len(line)
	stop := " \t#"
	switch t.lang {
	case langProperties:
		stop = ""
	case langDotenv, langYAML, langTOML:
		stop = "#"
	case langDocker, langShell:
		stop = " \t;#"
	}
	if e > v+argLimit {
		e = v + argLimit // a value, not a minified bundle
	}
	for i := v; i < e; i++ {
		if strings.IndexByte(stop, line[i]) >= 0 && (line[i] != '#' || i == v || line[i-1] == ' ' || line[i-1] == '\t') {
			e = i
			break
		}
	}
	for e > v && (line[e-1] == ' ' || line[e-1] == '\t' || line[e-1] == '\r' || t.lang == langYAML && line[e-1] == ',') {
		e--
	}
	if e <= v {
		return literal{}, false
	}
	return literal{value: line[v:e], start: v, end: e}, true
}
