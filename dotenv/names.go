package dotenv

import (
	"path/filepath"
	"strings"
)

// Which files are dotenv files, which are templates and which environment a
// file is for: every verb that looks at a project asks these questions, so
// they are answered here, once.

// IsFile reports whether a base name is a dotenv file: .env, .env.local,
// .env.production, .env.production.local, production.env. Templates such
// as .env.example are dotenv files too: see IsTemplate. direnv's .envrc is
// not: it is a shell script.
func IsFile(base string) bool {
	b := strings.ToLower(base)
	return b == ".env" || strings.HasPrefix(b, ".env.") || len(b) > 4 && strings.HasSuffix(b, ".env")
}

// templateWords mark a file meant to be copied and filled in, wherever they
// stand as a dot-separated part of its name: .env.example,
// config.sample.yml, settings.py.tpl, example.env.
var templateWords = map[string]bool{
	"example": true, "examples": true, "sample": true, "template": true,
	"tmpl": true, "tpl": true, "dist": true,
}

// templateEndings mark a template only as the last part of a name:
// .env.defaults (dotenv-defaults) and .env.schema (dotenv-safe) hold
// defaults and names, while defaults.json or schema.rb hold real settings.
var templateEndings = map[string]bool{"defaults": true, "default": true, "schema": true, "in": true}

// IsTemplate reports whether a base name is a template meant to be copied
// and filled in, whose values are placeholders rather than secrets.
func IsTemplate(base string) bool {
	_, ok := TemplateOf(base)
	return ok
}

// TemplateOf reports whether a base name is a template and returns the
// name of the file it stands for: "config.yml" for "config.yml.sample",
// ".env" for ".env.example". When the marker is not a suffix
// (config.sample.yml) the name is returned as it is.
func TemplateOf(base string) (standsFor string, ok bool) {
	parts := strings.Split(strings.ToLower(base), ".")
	last := len(parts) - 1
	if last > 0 && (templateWords[parts[last]] || templateEndings[parts[last]]) {
		stem := base[:len(base)-len(parts[last])-1]
		// "config.h.in" and ".env.in" are templates; "input.in" is data.
		if parts[last] != "in" || strings.Contains(stem, ".") {
			return stem, true
		}
	}
	for i, p := range parts {
		if i < last && templateWords[p] {
			return base, true
		}
	}
	return "", false
}

// Environment returns the environment a dotenv file is for, by the
// convention of Next.js, Vite and dotenv-flow: "production" for
// .env.production, .env.production.local and production.env; "" for .env,
// .env.local and .envrc.
func Environment(base string) string {
	b := strings.ToLower(base)
	var env string
	switch {
	case strings.HasPrefix(b, ".env"):
		env = strings.TrimPrefix(strings.TrimPrefix(b, ".env"), ".")
	case strings.HasSuffix(b, ".env"):
		env = strings.TrimSuffix(b, ".env")
	}
	env = strings.TrimSuffix(strings.TrimSuffix(env, "local"), ".")
	return env
}

// A Use is one place a secret value is set: a variable of a file, or a
// value from outside files (a process environment variable) when File is
// empty. Place is how reports name it.
type Use struct {
	Place string
	File  string
	Name  string
	Value string
}

// environment is what Shared compares: the directory and environment of a
// dotenv file (so .env and .env.local are one), any other file by its path,
// and each value from outside files by itself.
func (u Use) environment() string {
	switch {
	case u.File == "":
		return "\x00" + u.Place
	case IsFile(filepath.Base(u.File)):
		return filepath.Dir(u.File) + "\x00" + Environment(filepath.Base(u.File))
	}
	return u.File
}

// SameEnvironment reports whether two uses are in one environment.
func (u Use) SameEnvironment(v Use) bool { return u.environment() == v.environment() }

// Shared returns the secret values that are set in more than one
// environment, each as the uses that set it, in the order given. Every
// environment needs its own key, so that one leak does not open the others;
// the same value twice in one environment (one file, or .env and .env.local)
// is not reported. Empty values are ignored.
func Shared(uses []Use) [][]Use {
	groups := map[string][]Use{}
	var order []string
	for _, u := range uses {
		if u.Value == "" {
			continue
		}
		if _, ok := groups[u.Value]; !ok {
			order = append(order, u.Value)
		}
		groups[u.Value] = append(groups[u.Value], u)
	}
	var out [][]Use
	for _, v := range order {
		g := groups[v]
		for _, u := range g[1:] {
			if !u.SameEnvironment(g[0]) {
				out = append(out, g)
				break
			}
		}
	}
	return out
}
