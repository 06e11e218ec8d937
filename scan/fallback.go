package scan

import (
	"regexp"
	"strings"
	"sync"

	"github.com/jwtkey/jwtkey/internal/secretname"
)

// Env-var fallbacks, judged by the expression whatever the assigned name:
// process.env.JWT_SECRET || 'dev' ships 'dev' wherever the variable is not
// set. The forms that read the environment, and where each takes its
// default, are data.

type defaultAt int

const (
	defaultAfter defaultAt = iota // after the read: ||, ??, or, ?:, .orElse(…), a Ruby block
	defaultArg                    // the read's own next argument: os.getenv("X", "dev")
)

// envForm is one way a language reads an environment variable (or a
// configuration setting that comes from it): group 1 is the variable's
// name. For defaultArg forms the match ends at the call's "(".
type envForm struct {
	langs []lang
	lit   string // a string every match holds: the regexp runs only where it is
	re    string
	at    defaultAt
	arg   int // defaultArg: which argument holds the default
	rx    *regexp.Regexp
}

var envForms = []*envForm{
	{langs: []lang{langJS}, lit: "process.env", re: `process\.env(?:\.([A-Za-z_]\w*)|\[\s*['"]([^'"]+)['"]\s*\])`},
	{langs: []lang{langJS}, lit: "import.meta.env", re: `import\.meta\.env\.([A-Za-z_]\w*)`},
	{langs: []lang{langJS}, lit: ".get", re: `\.\s*(?:get|getOrThrow)\s*(?:<[^<>()]*>)?\s*\(\s*['"]([A-Za-z_][\w.:]*)['"]\s*\)`},
	{langs: []lang{langJS}, lit: ".get", re: `\.\s*get\s*(?:<[^<>()]*>)?\s*\(`, at: defaultArg, arg: 1},
	{langs: []lang{langPython}, lit: "env", re: `\b(?:os\.)?(?:getenv|environ\.get)\s*\(`, at: defaultArg, arg: 1},
	{langs: []lang{langPython}, lit: "env", re: `\b(?:os\.)?(?:getenv|environ\.get)\s*\(\s*['"]([^'"]+)['"]\s*\)`},
	{langs: []lang{langPython}, lit: "os.environ", re: `\bos\.environ\s*\[\s*['"]([^'"]+)['"]\s*\]`},
	{langs: []lang{langPython}, lit: "default", re: `\b(?:config|env)\s*\(`, at: defaultArg, arg: 1},
	{langs: []lang{langPHP}, lit: "env(", re: `\benv\s*\(`, at: defaultArg, arg: 1},
	{langs: []lang{langPHP}, lit: "getenv", re: `\bgetenv\s*\(\s*['"]([^'"]+)['"]\s*\)`},
	{langs: []lang{langPHP}, lit: "$_", re: `\$_(?:ENV|SERVER)\s*\[\s*['"]([^'"]+)['"]\s*\]`},
	{langs: []lang{langRuby}, lit: "ENV.fetch", re: `\bENV\.fetch\s*\(`, at: defaultArg, arg: 1},
	{langs: []lang{langRuby}, lit: "ENV.fetch", re: `\bENV\.fetch\s*\(\s*['"]([^'"]+)['"]\s*\)`},
	{langs: []lang{langRuby}, lit: "ENV", re: `\bENV\s*\[\s*['"]([^'"]+)['"]\s*\]`},
	{langs: []lang{langGo}, lit: "os.Getenv", re: `\bos\.Getenv\s*\(\s*"([^"]+)"\s*\)`},
	{langs: []lang{langGo}, lit: "nv(", re: `\b[A-Za-z_]*[Ee]nv[A-Za-z]*\s*\(`, at: defaultArg, arg: 1},
	{langs: []lang{langGo}, lit: "cmp.Or", re: `\bcmp\.Or\s*\(`, at: defaultArg, arg: 1},
	{langs: []lang{langJava}, lit: "getOrDefault", re: `System\.getenv\s*\(\s*\)\s*\.\s*getOrDefault\s*\(`, at: defaultArg, arg: 1},
	{langs: []lang{langJava}, lit: "System.getenv", re: `System\.getenv\s*\(\s*"([^"]+)"\s*\)`},
	{langs: []lang{langJava}, lit: "getProperty", re: `\b(?:env|environment)\s*\.\s*getProperty\s*\(`, at: defaultArg, arg: 1},
	{langs: []lang{langCSharp}, lit: "GetEnvironmentVariable", re: `Environment\.GetEnvironmentVariable\s*\(\s*"([^"]+)"\s*\)`},
	{langs: []lang{langCSharp}, lit: "\"]", re: `\[\s*"([A-Za-z_][\w:.]*)"\s*\]`},
	{langs: []lang{langCSharp}, lit: "GetValue", re: `\bGetValue\s*<\s*string\s*>\s*\(`, at: defaultArg, arg: 1},
}

var envFormsOnce sync.Once

func compileEnvForms() {
	envFormsOnce.Do(func() {
		for _, f := range envForms {
			f.rx = regexp.MustCompile(f.re)
		}
	})
}

// envKeyName reports whether an environment variable or setting name
// ("JWT_SECRET", "Jwt:Key", "jwt.secret") holds a signing key.
func (t *text) envKeyName(name string) bool {
	if t.names.Of(name) == secretname.SigningKey {
		return true
	}
	parent, last := "", name
	if i := strings.LastIndexAny(name, ":."); i >= 0 {
		parent, last = name[:i], name[i+1:]
	}
	if t.names.InSection(last, parent) == secretname.SigningKey {
		return true
	}
	// JWT_KEY_ADMIN, JWT_SECRET_V2: a JWT key with a suffix.
	n := secretname.Normalize(name)
	return t.names.Of(name) != secretname.None && strings.Contains(n, "jwt") && (strings.Contains(n, "secret") || strings.Contains(n, "key"))
}

// fallbacks finds literal defaults of environment variables that hold
// signing keys.
func (t *text) fallbacks(r *Rule, out []match) []match {
	compileEnvForms()
	for _, f := range envForms {
		if !f.appliesTo(t.lang) {
			continue
		}
		if !strings.Contains(t.s, f.lit) {
			continue
		}
		for _, m := range f.rx.FindAllStringSubmatchIndex(t.s, -1) {
			if lit, name, ok := t.envDefault(f, m, 0); ok && t.envKeyName(name) {
				out = t.accept(out, r, name, lit)
			}
		}
	}
	if t.lang == langJS {
		out = t.destructured(r, out)
	}
	return out
}

func (f *envForm) appliesTo(l lang) bool {
	for _, x := range f.langs {
		if x == l {
			return true
		}
	}
	return false
}

// envDefault returns the literal default of the read matched at m, and
// the variable's name.
func (t *text) envDefault(f *envForm, m []int, depth int) (literal, string, bool) {
	s := t.s
	if f.at == defaultArg {
		args := splitArgs(s, m[1]-1)
		if len(args) <= f.arg {
			return literal{}, "", false
		}
		nameLit, ok := literalIn(s, args[0][0], args[0][1])
		if !ok {
			// cmp.Or(os.Getenv("X"), "dev"): the name is in the read.
			m := envNameIn.FindStringSubmatchIndex(s[args[0][0]:args[0][1]])
			if m == nil {
				return literal{}, "", false
			}
			nameLit = literal{value: s[args[0][0]+m[2] : args[0][0]+m[3]]}
		}
		a, b := args[f.arg][0], args[f.arg][1]
		if kw := strings.Index(s[a:b], "default="); kw >= 0 && strings.TrimSpace(s[a:a+kw]) == "" {
			a += kw + len("default=")
		}
		if lit, ok := literalIn(s, a, b); ok {
			return lit, nameLit.value, true
		}
		// env('JWT_SECRET', env('APP_SECRET', 'dev')): the inner default.
		if depth < 2 {
			if lit, ok := t.nestedDefault(a, b, depth); ok {
				return lit, nameLit.value, true
			}
		}
		return literal{}, "", false
	}
	name := ""
	for g := 2; g+1 < len(m); g += 2 {
		if m[g] >= 0 {
			name = s[m[g]:m[g+1]]
			break
		}
	}
	if name == "" {
		return literal{}, "", false
	}
	if lit, ok := t.after(m[1]); ok {
		return lit, name, true
	}
	if t.lang == langGo || t.lang == langPython {
		if lit, ok := t.emptyCheck(m[0]); ok {
			return lit, name, true
		}
	}
	return literal{}, "", false
}

// nestedDefault reads the default of an environment read that is itself
// the default of another.
func (t *text) nestedDefault(a, b, depth int) (literal, bool) {
	for _, f := range envForms {
		if !f.appliesTo(t.lang) || f.at != defaultArg {
			continue
		}
		loc := f.rx.FindStringSubmatchIndex(t.s[a:b])
		if loc == nil || strings.TrimSpace(t.s[a:a+loc[0]]) != "" {
			continue
		}
		for i := range loc {
			if loc[i] >= 0 {
				loc[i] += a
			}
		}
		if lit, _, ok := t.envDefault(f, loc, depth+1); ok {
			return lit, true
		}
	}
	return literal{}, false
}

var (
	envNameIn  = regexp.MustCompile(`(?i)env\w*\s*\(\s*["']([A-Za-z_][\w.:]*)["']`)
	fallbackOp = regexp.MustCompile(`^(?:\)\s*)?(?:\|\||\?\?|\bor\b|\?:|\.\s*orElse\s*\(|\{)`)
	goVarRe    = regexp.MustCompile(`([A-Za-z_]\w*)\s*(?::=|=)\s*$`)
)

// after reads a default that follows a read: "|| 'dev'" on the same line
// or the next ones, ".orElse("dev")", "{ 'dev' }".
func (t *text) after(i int) (literal, bool) {
	s := t.s
	p := skipSpaceNL(s, i)
	if p > i && strings.Count(s[i:p], "\n") > 2 {
		return literal{}, false
	}
	loc := fallbackOp.FindStringIndex(s[p:min(len(s), p+40)])
	if loc == nil {
		return literal{}, false
	}
	v := skipSpaceNL(s, p+loc[1])
	e := valueEnd(s, v)
	if strings.HasSuffix(s[p:p+loc[1]], "{") {
		e = strings.IndexByte(s[v:min(len(s), v+200)], '}')
		if e < 0 {
			return literal{}, false
		}
		e += v
	}
	return literalIn(s, v, e)
}

// emptyCheck reads Go's and Python's "default when empty": s :=
// os.Getenv("X") then if s == "" { s = "dev" } (or return "dev").
func (t *text) emptyCheck(read int) (literal, bool) {
	s := t.s
	ls := strings.LastIndexByte(s[:read], '\n') + 1
	vm := goVarRe.FindStringSubmatch(s[ls:read])
	if vm == nil {
		return literal{}, false
	}
	name := regexp.QuoteMeta(strings.TrimPrefix(vm[1], "var "))
	win := s[read:min(len(s), read+800)]
	var check *regexp.Regexp
	if t.lang == langGo {
		check = regexp.MustCompile(`\bif\s+` + name + `\s*==\s*""\s*\{`)
	} else {
		check = regexp.MustCompile(`\bif\s+(?:not\s+` + name + `|` + name + `\s+is\s+None)\s*:`)
	}
	loc := check.FindStringIndex(win)
	if loc == nil {
		return literal{}, false
	}
	body := read + loc[1]
	end := min(len(s), body+300)
	if t.lang == langGo {
		if c := closing(s, body-1, 300); c > 0 {
			end = c
		}
	}
	set := regexp.MustCompile(`(?:\b` + name + `\s*=\s*|\breturn\s+)`).FindStringIndex(s[body:end])
	if set == nil {
		return literal{}, false
	}
	v := body + set[1]
	return literalIn(s, v, valueEnd(s, v))
}

var (
	destructRe = regexp.MustCompile(`\}\s*=\s*(?:process\.env|import\.meta\.env)\b`)
	// NAME = default, or NAME: alias = default.
	destructName = regexp.MustCompile(`([A-Za-z_$][\w$]*)(?:\s*:\s*[A-Za-z_$][\w$]*)?\s*=\s*`)
)

// destructured reads JavaScript's const { JWT_SECRET = 'dev' } = process.env.
func (t *text) destructured(r *Rule, out []match) []match {
	for _, loc := range destructRe.FindAllStringIndex(t.s, -1) {
		open := strings.LastIndexByte(t.s[max(0, loc[0]-800):loc[0]], '{')
		if open < 0 {
			continue
		}
		open += max(0, loc[0]-800)
		inner := t.s[open+1 : loc[0]]
		for _, m := range destructName.FindAllStringSubmatchIndex(inner, -1) {
			name := inner[m[2]:m[3]]
			v := open + 1 + m[1]
			if lit, ok := literalIn(t.s, v, exprEnd(t.s, v)); ok && t.envKeyName(name) {
				out = t.accept(out, r, name, lit)
			}
		}
	}
	return out
}
