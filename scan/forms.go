package scan

import (
	"regexp"
	"sync"
)

// How each language names a value: the forms that define a name, the
// qualifiers that mean "this object", the headers of callables (whose
// parameters a value can be handed through), the lines that import another
// file, and the declarations that contain names (classes, objects,
// modules). They are data, like the rules: each form is a regular
// expression whose first group is the name; a definition's value starts
// where the match ends. TestForms runs the examples.
type langForms struct {
	defs      []string // group 1: the name being defined
	self      []string // qualifiers meaning the enclosing object
	callable  string   // group 1: the callable's name; group 2: its parameters
	imports   string   // group 1: a module path this file imports
	container string   // group 1: a class, object or module name

	defsRe                       []*regexp.Regexp
	callableRe, importRe, contRe *regexp.Regexp
}

// Definitions are matched at the start of a line, after indentation.
const (
	jsMods   = `(?:(?:export|default|static|readonly|private|public|protected|declare|async)\s+)*`
	javaMods = `(?:(?:public|private|protected|internal|static|final|readonly|const|volatile|transient|override|open|lateinit|sealed|abstract|new|unsafe|required)\s+)*`
)

var forms = map[lang]*langForms{
	langJS: {
		defs: []string{
			`(?m)^[ \t]*` + jsMods + `(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*[\w<>\[\]| .]+?)?\s*=\s*`,
			`(?m)^[ \t]*` + jsMods + `(?:this\.|exports\.|module\.exports\.)?([A-Za-z_$][\w$]*)\s*(?::\s*[\w<>\[\]| .]+?)?\s*=\s*`,
			`(?m)^[ \t]*['"]?([A-Za-z_$][\w$]*)['"]?\s*:\s*`,
			`(?m)^[ \t]*` + jsMods + `get\s+([A-Za-z_$][\w$]*)\s*\(\s*\)\s*(?::\s*\w+\s*)?\{\s*return\s+`,
		},
		self:      []string{"this", "exports", "module"},
		callable:  `(?:\bfunction\s*\*?\s*([A-Za-z_$][\w$]*)\s*\(([^)]*)\)|\b([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?\(([^)]*)\)\s*=>|\bclass\s+([A-Za-z_$][\w$]*)[^{]*\{\s*constructor\s*\(([^)]*)\))`,
		imports:   `(?:\bfrom\s+|\brequire\s*\(\s*|\bimport\s*\(\s*)['"]([^'"]+)['"]`,
		container: `(?:\bclass\s+([A-Za-z_$][\w$]*)|\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*\{)`,
	},
	langPython: {
		defs: []string{
			`(?m)^[ \t]*(?:self\.)?([A-Za-z_]\w*)\s*(?::\s*[\w\[\], .|]+?)?\s*=\s*`,
			`(?m)^[ \t]*def\s+([A-Za-z_]\w*)\s*\(\s*(?:self|cls)?\s*\)\s*(?:->\s*[\w\[\]]+\s*)?:\s*(?:#[^\n]*)?\s*return\s+`,
		},
		self:      []string{"self", "cls"},
		callable:  `\b(?:def|class)\s+([A-Za-z_]\w*)\s*\(([^)]*)\)`,
		imports:   `(?m)^\s*(?:from\s+([\w.]+)\s+import|import\s+([\w.]+))`,
		container: `(?m)^\s*class\s+([A-Za-z_]\w*)`,
	},
	langGo: {
		defs: []string{
			// [ \t], not \s: a definition's name is on its own line, never
			// the next one after a blank line.
			`(?m)^[ \t]*(?:(?:var|const)[ \t]+)?([A-Za-z_]\w*)(?:[ \t]+[\w.\[\]*]+)?[ \t]*(?::=|=)\s*`,
			`(?m)^[ \t]*func\s+([A-Za-z_]\w*)\s*\(\s*\)\s*[\w.\[\]*]*\s*\{\s*return\s+`,
		},
		callable:  `\bfunc\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)\s*\(([^)]*)\)`,
		imports:   `"([\w./-]+)"`,
		container: `(?m)^package\s+(\w+)`,
	},
	langJava: {
		defs: []string{
			`(?m)^[ \t]*` + javaMods + `(?:(?:val|var|const val)\s+|[\w<>\[\],.?]+\s+)([A-Za-z_]\w*)\s*(?::\s*[\w<>?.]+\s*)?=\s*`,
			`(?m)^[ \t]*([A-Za-z_]\w*)\s*=\s*`,
			`(?m)^[ \t]*` + javaMods + `(?:[\w<>\[\]]+\s+|fun\s+)([A-Za-z_]\w*)\s*\(\s*\)\s*(?::\s*\w+\s*)?(?:\{\s*return\s+|=\s*)`,
		},
		self:      []string{"this"},
		callable:  `\b(?:class|fun)\s+([A-Za-z_]\w*)\s*\(([^)]*)\)|\b([A-Za-z_]\w*)\s*\(([^)]*)\)\s*(?:throws\s+[\w., ]+)?\{`,
		imports:   `(?m)^\s*import\s+(?:static\s+)?([\w.]+)`,
		container: `\b(?:class|object|interface|enum)\s+([A-Za-z_]\w*)`,
	},
	langCSharp: {
		defs: []string{
			`(?m)^[ \t]*` + javaMods + `(?:[\w<>\[\],.?]+\s+)([A-Za-z_]\w*)\s*(?:\{\s*get;[^}]*\}\s*)?=>?\s*`,
			`(?m)^[ \t]*([A-Za-z_]\w*)\s*=\s*`,
			`(?m)^[ \t]*` + javaMods + `[\w<>\[\]]+\s+([A-Za-z_]\w*)\s*\{\s*get\s*(?:=>\s*|\{\s*return\s+)`,
		},
		self:      []string{"this"},
		callable:  `\b(?:class|record)\s+([A-Za-z_]\w*)\s*\(([^)]*)\)|\b([A-Za-z_]\w*)\s*\(([^)]*)\)\s*(?::\s*(?:base|this)\([^)]*\)\s*)?\{`,
		imports:   `(?m)^\s*using\s+(?:static\s+)?([\w.]+)\s*;`,
		container: `\b(?:class|struct|record|interface)\s+([A-Za-z_]\w*)`,
	},
	langPHP: {
		defs: []string{
			`(?m)^[ \t]*(?:(?:public|private|protected|static|var|readonly|const)\s+)*(?:\??[\w\\]+\s+)?\$?([A-Za-z_]\w*)\s*=\s*`,
			`(?m)^[ \t]*\$this->([A-Za-z_]\w*)\s*=\s*`,
			`\bdefine\s*\(\s*['"]([A-Za-z_]\w*)['"]\s*,\s*`,
			`(?m)^[ \t]*['"]([A-Za-z_][\w.-]*)['"]\s*=>\s*`,
		},
		self:      []string{"this", "self", "static"},
		callable:  `\bfunction\s+([A-Za-z_]\w*)\s*\(([^)]*)\)`,
		imports:   `(?:\brequire(?:_once)?|\binclude(?:_once)?|\buse)\s*\(?\s*['"]?([\w./\\]+)`,
		container: `\b(?:class|trait|interface)\s+([A-Za-z_]\w*)`,
	},
	langRuby: {
		defs: []string{
			`(?m)^[ \t]*(?:@@?|\$)?([A-Za-z_]\w*)\s*(?:=|\|\|=)\s*`,
			`(?m)^[ \t]*def\s+(?:self\.)?([A-Za-z_]\w*[?!]?)\s*(?:\(\s*\))?\s*(?:=\s*|\n\s*)`,
		},
		self:      []string{"self"},
		callable:  `\bdef\s+(?:self\.)?([A-Za-z_]\w*)\s*\(?([^)\n]*)\)?`,
		imports:   `\brequire(?:_relative)?\s*\(?\s*['"]([^'"]+)['"]`,
		container: `\b(?:class|module)\s+([A-Z]\w*)`,
	},
}

var formsOnce sync.Once

func compileForms() {
	formsOnce.Do(func() {
		for _, f := range forms {
			for _, d := range f.defs {
				f.defsRe = append(f.defsRe, regexp.MustCompile(d))
			}
			f.callableRe = regexp.MustCompile(f.callable)
			f.importRe = regexp.MustCompile(f.imports)
			f.contRe = regexp.MustCompile(f.container)
		}
	})
}

// formsOf returns the forms of a language, or nil where names are not
// followed (configuration files, whose settings the assignment rules read).
func formsOf(l lang) *langForms {
	compileForms()
	return forms[l]
}
