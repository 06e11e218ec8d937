package scan

import (
	"path"
	"strings"

	"github.com/jwtkey/jwtkey/dotenv"
)

// lang is how a file is read: which assignment syntax it has and whether a
// bare, unquoted value is a literal there.
type lang int

const (
	langOther      lang = iota
	langDotenv          // .env, .env.production, *.env, .envrc
	langYAML            // also compose and most CI files
	langJSON            // also appsettings.json
	langTOML            // and INI-like files with [sections]
	langProperties      // Java .properties
	langDocker          // Dockerfile, Containerfile
	langShell           // sh, Makefile
	langJS              // JavaScript and TypeScript
	langGo
	langPython
	langJava // and Kotlin, Groovy, Scala, Jenkinsfile
	langRuby
	langPHP
	langCSharp
	langTerraform
)

// config reports whether bare values are literals: "KEY=value" in these
// files sets a value, where in code "key = value" names a variable.
func (l lang) config() bool {
	switch l {
	case langDotenv, langYAML, langTOML, langProperties, langDocker, langShell:
		return true
	}
	return false
}

// code reports whether the file is source code, where call-site rules apply.
func (l lang) code() bool { return l >= langJS && l <= langCSharp }

var extLang = map[string]lang{
	".env": langDotenv, ".yml": langYAML, ".yaml": langYAML, ".json": langJSON,
	".json5": langJSON, ".jsonc": langJSON, ".toml": langTOML, ".ini": langTOML,
	".cfg": langTOML, ".conf": langTOML, ".properties": langProperties,
	".sh": langShell, ".bash": langShell, ".zsh": langShell, ".mk": langShell,
	".js": langJS, ".mjs": langJS, ".cjs": langJS, ".jsx": langJS, ".ts": langJS,
	".mts": langJS, ".cts": langJS, ".tsx": langJS, ".vue": langJS, ".svelte": langJS,
	".go": langGo, ".py": langPython, ".java": langJava, ".kt": langJava,
	".kts": langJava, ".groovy": langJava, ".gradle": langJava, ".scala": langJava,
	".rb": langRuby, ".rake": langRuby, ".php": langPHP, ".cs": langCSharp,
	".tf": langTerraform, ".tfvars": langTerraform, ".hcl": langTerraform,
}

// langOf classifies a slash-separated path by its name.
func langOf(p string) lang {
	base := path.Base(p)
	lb := strings.ToLower(base)
	if dotenv.IsFile(lb) || lb == ".envrc" {
		return langDotenv
	}
	switch {
	case lb == "dockerfile" || strings.HasPrefix(lb, "dockerfile.") || strings.HasSuffix(lb, ".dockerfile") || lb == "containerfile":
		return langDocker
	case lb == "makefile" || lb == "gnumakefile" || lb == ".bashrc" || lb == ".profile" || lb == ".zshrc":
		return langShell
	case lb == "jenkinsfile":
		return langJava
	case lb == "gemfile" || lb == "rakefile":
		return langRuby
	}
	// A template (.env.example, config.yml.sample) is read as the file it
	// stands for.
	if s, ok := dotenv.TemplateOf(lb); ok {
		lb = s
	}
	return extLang[path.Ext(lb)]
}

// isTemplate reports whether a file is an example meant to be copied
// (.env.example, config.sample.yml): placeholders there are not findings.
func isTemplate(p string) bool { return dotenv.IsTemplate(path.Base(p)) }

// skippedDirs are vendored, generated or tool directories: walked trees skip
// them, and files under them are skipped in git trees too.
var skippedDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true, "node_modules": true, "vendor": true,
	"bower_components": true, "jspm_packages": true, "dist": true, "build": true,
	"target": true, "out": true, ".next": true, ".nuxt": true, ".svelte-kit": true,
	".venv": true, "venv": true, "__pycache__": true, ".tox": true, ".mypy_cache": true,
	".pytest_cache": true, ".gradle": true, ".idea": true, ".terraform": true,
	"coverage": true, ".cache": true, "Pods": true, ".yarn": true,
}

// skippedFiles are lock files, minified bundles and source maps: generated,
// large, and never where a person types a secret.
func skippedFile(lb string) bool {
	switch lb {
	case "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "go.sum", "cargo.lock",
		"composer.lock", "poetry.lock", "pipfile.lock", "gemfile.lock", "bun.lockb":
		return true
	}
	for _, s := range []string{".min.js", ".min.css", ".map", ".bundle.js", ".pb.go", ".svg", ".lock"} {
		if strings.HasSuffix(lb, s) {
			return true
		}
	}
	return false
}

// isDoc reports whether a file is prose documentation, whose examples
// (jwt.sign(payload, "secret") in a README) are not deployed secrets.
func isDoc(lb string) bool {
	for _, s := range []string{".md", ".markdown", ".rst", ".adoc", ".asciidoc"} {
		if strings.HasSuffix(lb, s) {
			return true
		}
	}
	return false
}

// isTestPath reports whether a path, relative to the scan root, is a test
// or a test fixture: keys there sign test tokens, not production ones.
func isTestPath(p string) bool {
	lp := strings.ToLower(p)
	dirs := strings.Split(lp, "/")
	base := dirs[len(dirs)-1]
	for _, d := range dirs[:len(dirs)-1] {
		switch d {
		case "test", "tests", "__tests__", "testdata", "test-data", "test_data", "fixtures", "test-fixtures",
			"test_fixtures", "testfixtures", "__fixtures__", "__mocks__", "mocks", "spec", "e2e", "cypress", "testing":
			return true
		}
		// testkeys, testutils, test-infra, functest, integrationtests.
		if strings.HasPrefix(d, "test") && len(d) > 4 && !isLetterByte(d[4]) || strings.HasPrefix(d, "testkey") || strings.HasPrefix(d, "testutil") ||
			strings.HasSuffix(d, "-test") || strings.HasSuffix(d, "_test") || strings.HasSuffix(d, "-tests") || strings.HasSuffix(d, "_tests") ||
			d == "functest" || d == "functests" || d == "integrationtest" || d == "integrationtests" || d == "unittest" || d == "unittests" {
			return true
		}
	}
	switch {
	case strings.HasSuffix(base, "_test.go"), strings.Contains(base, "_test.go."),
		strings.Contains(base, ".test."), strings.Contains(base, ".spec."), strings.Contains(base, ".tst."),
		strings.HasPrefix(base, "test_") && strings.HasSuffix(base, ".py"),
		strings.HasSuffix(base, "_test.py"), strings.HasSuffix(base, "_spec.rb"),
		strings.HasSuffix(base, "test.java"), strings.HasSuffix(base, "tests.cs"),
		strings.HasSuffix(base, "test.php"), strings.HasSuffix(base, "test.kt"):
		return true
	}
	return false
}

// skipReason says why a path is not scanned by name alone, or "".
func skipReason(p string, includeTests bool) string {
	dirs := strings.Split(p, "/")
	for _, d := range dirs[:len(dirs)-1] {
		if skippedDirs[d] {
			return "vendored or generated directory " + d
		}
	}
	lb := strings.ToLower(dirs[len(dirs)-1])
	switch {
	case skippedFile(lb):
		return "generated file"
	case isDoc(lb):
		return "documentation"
	case !includeTests && isTestPath(p):
		return "test file"
	}
	return ""
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
