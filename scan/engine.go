package scan

import (
	"sort"
	"strings"
	"sync"

	"github.com/jwtkey/jwtkey/audit"
	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/internal/lazyre"
	"github.com/jwtkey/jwtkey/internal/secretname"
)

// match is one secret a rule found in a text, before it is judged.
type match struct {
	rule  *Rule
	key   string // the setting or variable name, when known
	value string
	start int // byte offsets of the secret in the text
	end   int
}

// text is one file's content being matched.
type text struct {
	path     string
	lang     lang
	template bool
	s        string
	lower    string

	env     *dotenv.File // parsed once, for dotenv files
	envDone bool
}

// dotenvVar returns the variable a dotenv file assigns on a 1-based line,
// as package dotenv reads it: unquoted, escapes resolved.
func (t *text) dotenvVar(line int, name string) (dotenv.Var, bool) {
	if !t.envDone {
		t.envDone = true
		t.env, _ = dotenv.Parse([]byte(t.s))
	}
	if t.env == nil {
		return dotenv.Var{}, false
	}
	for _, v := range t.env.Vars() {
		if v.Line == line && v.Name == name {
			return v, true
		}
	}
	return dotenv.Var{}, false
}

func newText(p, s string) *text {
	return &text{path: p, lang: langOf(p), template: isTemplate(p), s: s, lower: asciiLower(s)}
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

func (t *text) has(keywords []string) bool {
	for _, k := range keywords {
		if strings.Contains(t.lower, k) {
			return true
		}
	}
	return false
}

// matches runs every rule over the text, in rule order, one match per
// position.
func (t *text) matches() []match {
	compileRules()
	var out []match
	for _, r := range Rules {
		if !r.appliesTo(t.lang) || r.keywords == nil || !t.has(r.keywords) {
			continue
		}
		switch r.kind {
		case kindAssign:
			out = t.assignments(r, out)
		case kindCall:
			out = t.calls(r, out)
		case kindWindow:
			out = t.windows(r, out)
		case kindToken:
			out = t.tokens(r, out)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	dedup := out[:0]
	for i, m := range out {
		if i > 0 && m.start == out[i-1].start {
			continue
		}
		dedup = append(dedup, m)
	}
	return dedup
}

// accept decides whether a literal found by a rule is a secret worth a
// finding, and records it.
func (t *text) accept(out []match, r *Rule, key string, lit literal) []match {
	v := lit.value
	if ref, def := classify(v); ref {
		return out
	} else if def > 0 {
		lit = literal{value: v[def : len(v)-1], start: lit.start + def, end: lit.end - 1}
		v = lit.value
	}
	if strings.TrimSpace(v) == "" || notASecret(v) || t.template && isPlaceholder(v) {
		return out
	}
	if key != "" && apiKeyRe().MatchString(v) && secretname.Normalize(key[strings.LastIndexByte(key, '.')+1:]) == "secretkey" {
		return out // a payment or cloud API key under the ambiguous SECRET_KEY
	}
	return append(out, match{rule: r, key: key, value: v, start: lit.start, end: lit.end})
}

// apiKeyRe matches the prefixes of well-known API keys (Stripe, Freemius,
// OpenAI, AWS) that are set as "secret_key" but sign no JWT.
var apiKeyRe = lazyre.New(`^(?:[sprw]k_(?:live|test)?|sk-|AKIA|ASIA)`)

var algName = lazyre.New(`(?i)^(?:[HRPE]S(?:256|384|512)|EdDSA|none|utf-?8|ascii|latin1|base64(?:url)?|hex|binary|HmacSHA\d+)$`)

func (t *text) calls(r *Rule, out []match) []match {
	for _, loc := range r.anchorRe.FindAllStringIndex(t.s, -1) {
		open := loc[1] - 1
		if t.s[open] != '(' {
			open = -loc[1] // Ruby: arguments without parentheses
		}
		args := splitArgs(t.s, open)
		for i, a := range args {
			if r.arg >= 0 && i != r.arg {
				continue
			}
			lit, ok := literalIn(t.s, a[0], a[1])
			if !ok || r.arg < 0 && algName().MatchString(lit.value) {
				continue
			}
			out = t.accept(out, r, "", lit)
			break
		}
	}
	return out
}

func (t *text) windows(r *Rule, out []match) []match {
	for _, loc := range r.anchorRe.FindAllStringIndex(t.s, -1) {
		e := loc[1]
		w := t.s[e:min(len(t.s), e+600)]
		m := r.windowRe.FindStringSubmatchIndex(w)
		if m == nil {
			continue
		}
		if lit, ok := literalIn(t.s, e+m[2], e+m[3]); ok {
			out = t.accept(out, r, "", lit)
		}
	}
	return out
}

// tokenCache remembers the answer for each token tried: trying the whole
// weak list takes milliseconds, and fixtures repeat the same token.
var tokenCache struct {
	sync.Mutex
	m map[string]string // token → secret, "" for none
}

const tokenCacheMax = 10000

// tokens finds JWTs whose HMAC secret is on the built-in weak list.
func (t *text) tokens(r *Rule, out []match) []match {
	for _, loc := range r.anchorRe.FindAllStringIndex(t.s, -1) {
		raw := t.s[loc[0]:loc[1]]
		tokenCache.Lock()
		secret, seen := tokenCache.m[raw]
		tokenCache.Unlock()
		if !seen {
			if tok, err := audit.ParseToken(raw); err == nil {
				if s, ok := audit.FindKnownSecret(tok); ok {
					secret = string(s)
				}
			}
			tokenCache.Lock()
			if tokenCache.m == nil || len(tokenCache.m) >= tokenCacheMax {
				tokenCache.m = map[string]string{}
			}
			tokenCache.m[raw] = secret
			tokenCache.Unlock()
		}
		if secret != "" {
			out = append(out, match{rule: r, value: secret, start: loc[0], end: loc[1]})
		}
	}
	return out
}

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
		if parent != "" || containsAny(lower, assignKeywords) || st.pendingName != "" {
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
		isKey := signingKey(key, rawParent)
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
			if !signingKey(name[d+1:], rawParent+"."+name[:d]) {
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
		v = skipSpace(line, v)
		if norm == "name" {
			// k8s: remember "- name: JWT_SECRET" for the "value:" below it.
			if lit, ok := t.configValue(line, v); ok && signingKey(lit.value, "") {
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

// signingKey reports whether a name in a section holds a JWT signing key.
func signingKey(name, parent string) bool {
	return secretname.InSection(name, parent) == secretname.SigningKey
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
		case ',', ';':
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
