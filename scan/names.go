package scan

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/jwtkey/jwtkey/internal/display"
	"github.com/jwtkey/jwtkey/internal/lazyre"
)

// Following a value by name: a literal held in a variable, a constant, a
// field, a property or a getter, and used at a JWT call in the same file
// or in another file of the repository. No type system: the names a
// language defines and refers to are matched by the forms in forms.go.

// def is a name a file defines with a literal value.
type def struct {
	name      string
	lit       literal // offsets in the file
	container string  // lower case: the class, object or module around it, or ""
}

// ref is a name used where a JWT library takes its key, not yet resolved.
type ref struct {
	chain []string // the name and its qualifiers: ["config", "jwtSecret"]
	rule  *Rule
	sink  string // the call it is used at: "jwt.sign"
	at    int    // offset of the use
}

// collectDefs returns the names the file defines with literal values,
// computed once.
func (t *text) collectDefs() map[string][]def {
	if t.defs == nil {
		t.defs = t.scanDefs(nil)
	}
	return t.defs
}

// scanDefs finds definitions: in the whole text, or with words only on
// the lines that hold one of them (in lower case), which is much less
// work on a large file.
func (t *text) scanDefs(words []string) map[string][]def {
	defs := map[string][]def{}
	f := formsOf(t.lang)
	if f == nil {
		return defs
	}
	var conts []span
	contsDone := false
	find := func(from, to int) {
		for _, re := range f.defsRe {
			for _, m := range re.FindAllStringSubmatchIndex(t.s[from:to], -1) {
				name := t.s[from+m[2] : from+m[3]]
				v := from + m[1]
				if v < len(t.s) && (t.s[v] == '=' || t.s[v] == '>' || t.s[v] == ':') {
					continue // ==, =>, ::
				}
				lit, ok := literalIn(t.s, v, valueEnd(t.s, v))
				if !ok {
					continue
				}
				if !contsDone {
					conts, contsDone = t.containers(f), true
				}
				defs[name] = append(defs[name], def{name: name, lit: lit, container: containerAt(conts, from+m[0])})
			}
		}
	}
	if words == nil {
		find(0, len(t.s))
		return defs
	}
	for off := 0; off < len(t.s); {
		eol := strings.IndexByte(t.s[off:], '\n')
		if eol < 0 {
			eol = len(t.s)
		} else {
			eol += off
		}
		if lower := t.lower[off:eol]; strings.ContainsAny(lower, "=:") && containsAny(lower, words) {
			find(off, eol)
		}
		off = eol + 1
	}
	return defs
}

// span is a container declaration: its name and where it starts.
type span struct {
	name string
	at   int
}

func (t *text) containers(f *langForms) []span {
	var out []span
	for _, m := range f.contRe.FindAllStringSubmatchIndex(t.s, -1) {
		for g := 2; g+1 < len(m); g += 2 {
			if m[g] >= 0 {
				out = append(out, span{strings.ToLower(t.s[m[g]:m[g+1]]), m[0]})
				break
			}
		}
	}
	return out
}

// containerAt is the last container declared before off: an approximation
// of the one around it that is right for the flat files that hold keys.
func containerAt(conts []span, off int) string {
	c := ""
	for _, s := range conts {
		if s.at > off {
			break
		}
		c = s.name
	}
	return c
}

// valueEnd returns where the expression starting at s[i] ends: like
// exprEnd, but an expression whose line ends in an operator, or whose next
// line starts with one, goes on.
func valueEnd(s string, i int) int {
	for n := 0; n < 4; n++ {
		e := exprEnd(s, i)
		if e >= len(s) || s[e] != '\n' && s[e] != '\r' {
			return e
		}
		line := strings.TrimRight(s[i:e], " \t\r")
		next := e + 1
		for next < len(s) && (s[next] == ' ' || s[next] == '\t' || s[next] == '\r' || s[next] == '\n') {
			next++
		}
		rest := s[next:min(len(s), next+4)]
		cont := line == "" || strings.HasSuffix(line, "||") || strings.HasSuffix(line, "??") || strings.HasSuffix(line, " or") ||
			strings.HasSuffix(line, "?:") || strings.HasSuffix(line, "=") || strings.HasSuffix(line, "(") ||
			strings.HasPrefix(rest, "||") || strings.HasPrefix(rest, "??") || strings.HasPrefix(rest, "or ") || strings.HasPrefix(rest, "?:")
		if !cont {
			return e
		}
		i = e + 1
	}
	return exprEnd(s, i)
}

var (
	refChainRe = lazyre.New(`^(?:\$|@@?)?[A-Za-z_][\w]*(?:\s*(?:\.|->|::|\?\.)\s*\$?[A-Za-z_][\w]*)*(\s*\(\s*\))?$`)
	chainSep   = lazyre.New(`\s*(?:\.|->|::|\?\.)\s*`)
	// refRoots are where a name's value comes from outside the code: the
	// environment, request data, framework configuration.
	refRoots = map[string]bool{
		"process": true, "os": true, "env": true, "system": true, "environment": true, "rails": true,
		"req": true, "request": true, "ctx": true, "context": true, "import": true, "window": true,
		"configservice": true, "configuration": true, "builder": true, "getenv": true, "null": true,
		"nil": true, "none": true, "undefined": true, "true": true, "false": true,
	}
)

// refIn returns the name an expression refers to, through the wrappers
// literalIn sees through: jwtKey in []byte(jwtKey), KEY in
// Encoding.UTF8.GetBytes(KEY), config.jwtSecret, $this->key, SECRET.getBytes().
func refIn(s string, a, b int) ([]string, bool) {
	if a < 0 || b > len(s) || a > b {
		return nil, false
	}
	s = s[:b]
	for depth := 0; depth < 5; depth++ {
		a = skipSpaceNL(s, a)
		for b > a && (isSpaceByte(s[b-1]) || s[b-1] == '!') {
			b--
		}
		if a >= b {
			return nil, false
		}
		if m := kwArg().FindStringIndex(s[a:b]); m != nil {
			a += m[1]
			continue
		}
		// A trailing conversion: SECRET.getBytes(...), key.encode().
		if i := strings.LastIndexByte(s[a:b], '.'); i > 0 {
			if m := methodEnd().FindStringIndex(s[a+i : b]); m != nil && (a+i+m[1] == b || s[a+i+m[1]-1] == '(' && closing(s, a+i+m[1]-1, b-a-i-m[1]+2) == b-1) {
				b = a + i
				continue
			}
		}
		expr := s[a:b]
		if m := refChainRe().FindStringSubmatchIndex(expr); m != nil {
			getter := m[2] >= 0
			if getter {
				expr = expr[:m[2]]
			}
			parts := chainSep().Split(expr, -1)
			for i, p := range parts {
				parts[i] = strings.TrimLeft(p, "$@")
			}
			if refRoots[strings.ToLower(parts[0])] || len(parts) == 1 && algName().MatchString(parts[0]) {
				return nil, false
			}
			return parts, true
		}
		m := callStart().FindStringSubmatchIndex(expr)
		if m == nil {
			return nil, false
		}
		_, ok := wrapperName(expr[m[2]:m[3]])
		open := a + m[1] - 1
		if !ok || closing(s, open, b-open+1) != b-1 {
			return nil, false
		}
		args := splitArgs(s, open)
		if len(args) == 0 {
			return nil, false
		}
		a, b = args[0][0], args[0][1]
	}
	return nil, false
}

// resolve looks the names used at JWT calls up among the file's own
// definitions. A name that is a parameter of the callable around its use
// is followed to the calls of that callable in the file. What stays
// unresolved goes to the cross-file stage.
func (t *text) resolve(refs []ref, out []match) ([]match, []xref) {
	if len(refs) == 0 {
		return out, nil
	}
	f := formsOf(t.lang)
	if f == nil {
		return out, nil
	}
	defs := t.collectDefs()
	var unresolved []xref
	for _, r := range refs {
		use := fmt.Sprintf("used by %s at %s:%d", r.sink, display.Name(t.path), t.lineOf(r.at))
		if d, ok := t.lookup(f, defs, r.chain, r.at); ok {
			out = append(out, match{rule: r.rule, key: d.name, value: d.lit.value, start: d.lit.start, end: d.lit.end, via: use})
			continue
		}
		name := r.chain[len(r.chain)-1]
		if len(r.chain) == 1 {
			if callee, idx, ok := t.paramOf(f, name, r.at); ok {
				out = t.wrapperCalls(f, defs, r.rule, callee, idx, use, out)
				continue
			}
		}
		unresolved = append(unresolved, xref{chain: r.chain, sink: r.sink, rule: r.rule, file: t.path, line: t.lineOf(r.at), imports: t.importStems(f)})
	}
	return out, unresolved
}

// lookup finds the definition a chain names in this file: the last one
// before the use, else the first after it. A qualifier must be the object
// itself (this, self) or a container the file declares.
func (t *text) lookup(f *langForms, defs map[string][]def, chain []string, at int) (def, bool) {
	name := chain[len(chain)-1]
	ds := defs[name]
	if len(ds) == 0 {
		return def{}, false
	}
	qual := ""
	if len(chain) > 1 {
		qual = strings.ToLower(chain[len(chain)-2])
		for _, s := range f.self {
			if qual == s {
				qual = ""
			}
		}
	}
	best, found := def{}, false
	for _, d := range ds {
		if qual != "" && d.container != qual && qual != t.stem() {
			continue
		}
		if d.lit.start < at || !found {
			best, found = d, true
		}
	}
	return best, found
}

// paramOf reports whether name is a parameter of the callable whose header
// comes last before off, and which one.
func (t *text) paramOf(f *langForms, name string, off int) (callee string, idx int, ok bool) {
	from := max(0, off-4000)
	ms := f.callableRe.FindAllStringSubmatchIndex(t.s[from:off], -1)
	for k := len(ms) - 1; k >= 0 && k >= len(ms)-2; k-- {
		m := ms[k]
		for g := 2; g+3 < len(m); g += 4 {
			if m[g] < 0 {
				continue
			}
			callee = t.s[from+m[g] : from+m[g+1]]
			for i, p := range strings.Split(t.s[from+m[g+2]:from+m[g+3]], ",") {
				if hasIdent(p, name) {
					return callee, i, true
				}
			}
		}
	}
	return "", 0, false
}

// hasIdent reports whether a parameter declaration names name: "secret",
// "secret string", "string secret", "private val secret: String", "$secret".
func hasIdent(p, name string) bool {
	for i := 0; ; {
		j := strings.Index(p[i:], name)
		if j < 0 {
			return false
		}
		j += i
		before := j == 0 || !isIdentByte(p[j-1])
		after := j+len(name) == len(p) || !isIdentByte(p[j+len(name)])
		if before && after {
			// Not a default value or a type after "=" or ":".
			head := p[:j]
			return !strings.ContainsAny(head, "=")
		}
		i = j + len(name)
	}
}

// wrapperCalls finds the calls of callee in the file and follows argument
// idx of each: a literal is a secret handed to the JWT call inside.
func (t *text) wrapperCalls(f *langForms, defs map[string][]def, r *Rule, callee string, idx int, use string, out []match) []match {
	re := regexp.MustCompile(`\b(?:new\s+)?` + regexp.QuoteMeta(callee) + `\s*\(`)
	for _, loc := range re.FindAllStringIndex(t.s, -1) {
		// Not the callable's own header, nor a method of something else
		// that happens to share its name (signer.sign(key, 'base64')).
		if h := strings.TrimSpace(t.s[max(0, loc[0]-12):loc[0]]); strings.HasSuffix(h, "function") || strings.HasSuffix(h, "def") ||
			strings.HasSuffix(h, "fun") || strings.HasSuffix(h, "func") || strings.HasSuffix(h, "class") ||
			strings.HasSuffix(h, ".") || strings.HasSuffix(h, "->") || strings.HasSuffix(h, "::") {
			continue
		}
		args := splitArgs(t.s, loc[1]-1)
		if idx >= len(args) {
			continue
		}
		a, b := args[idx][0], args[idx][1]
		via := fmt.Sprintf("passed to %s, %s", callee, use)
		if lit, ok := literalIn(t.s, a, b); ok {
			if candidate(lit.value, t.template) && !algName().MatchString(lit.value) {
				out = append(out, match{rule: r, value: lit.value, start: lit.start, end: lit.end, via: via})
			}
			continue
		}
		if chain, ok := refIn(t.s, a, b); ok {
			if d, ok := t.lookup(f, defs, chain, a); ok {
				out = append(out, match{rule: r, key: d.name, value: d.lit.value, start: d.lit.start, end: d.lit.end, via: via})
			}
		}
	}
	return out
}

// importStems returns the base names of the modules the file imports:
// "config" for require('./config/config') and from app.config import x.
func (t *text) importStems(f *langForms) []string {
	var out []string
	for _, m := range f.importRe.FindAllStringSubmatch(t.s, 64) {
		for _, g := range m[1:] {
			if g == "" {
				continue
			}
			g = strings.ReplaceAll(strings.ReplaceAll(g, "\\", "/"), ".", "/")
			out = append(out, strings.ToLower(path.Base(g)))
		}
	}
	return out
}

// exportWords pre-filter the definitions another file may use as a key:
// names about keys and secrets. Others are not kept, so memory does not
// grow with every constant of a large tree.
var exportWords = []string{"secret", "key", "jwt", "token", "sign", "hmac", "pass", "salt", "cred"}

// exportFiles pre-filter the files whose definitions are kept at all.
var exportFiles = []string{"secret", "jwt", "hmac", "signing", "signkey"}

// maxExport bounds the value kept for a definition another file may use.
const maxExport = 512

// xref is a name used at a JWT call that its own file does not define.
type xref struct {
	chain   []string
	sink    string
	rule    *Rule
	file    string
	line    int
	imports []string
}

// exportDefs returns the file's definitions that other files may use,
// those whose names are about keys, with where each literal is.
func (t *text) exportDefs() []def {
	f := formsOf(t.lang)
	if f == nil || !t.has(exportFiles) {
		return nil
	}
	defs := t.defs
	if defs == nil {
		defs = t.scanDefs(exportWords)
	}
	var out []def
	for name, ds := range defs {
		if !containsAny(strings.ToLower(name), exportWords) {
			continue
		}
		for _, d := range ds {
			if len(d.lit.value) <= maxExport {
				out = append(out, d)
			}
		}
	}
	return out
}
