package recipes_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/jwtkey/jwtkey/preset"
)

func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(b), "\r\n", "\n")
}

// The recipes in the README are the files the tests run, byte for byte.
func TestReadmeShowsTestedFiles(t *testing.T) {
	doc := readme(t)
	marker := regexp.MustCompile("<!-- recipe: (recipes/[^ ]+) -->\n```[a-z]*\n")
	shown := map[string]bool{}
	for _, m := range marker.FindAllStringSubmatchIndex(doc, -1) {
		path := doc[m[2]:m[3]]
		body, _, ok := strings.Cut(doc[m[1]:], "```\n")
		if !ok {
			t.Fatalf("README: the block of %s is not closed", path)
		}
		file, err := os.ReadFile(strings.TrimPrefix(path, "recipes/"))
		if err != nil {
			t.Errorf("README shows %s: %v", path, err)
			continue
		}
		if body != string(file) {
			t.Errorf("README's block for %s differs from the file: copy the file into the README", path)
		}
		shown[path] = true
	}
	for _, path := range []string{
		"recipes/node/jsonwebtoken.js", "recipes/node/express-jwt.js", "recipes/node/authjs.mjs",
		"recipes/python/pyjwt_rotation.py", "recipes/python/simplejwt_rotation.py",
	} {
		if !shown[path] {
			t.Errorf("README does not show %s", path)
		}
	}
}

// slug is the anchor GitHub gives a heading.
func slug(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Every preset's Recipe, which jwtkey rotate prints, names a section of
// the README; the sections of recipes that cannot be tested here say so,
// and every preset's recipe is tested or listed as untested.
func TestPresetRecipesInReadme(t *testing.T) {
	doc := readme(t)
	sections := map[string]string{}
	var current string
	for line := range strings.Lines(doc) {
		if h, ok := strings.CutPrefix(line, "## "); ok {
			current = slug(strings.TrimSpace(h))
		} else if h, ok := strings.CutPrefix(line, "### "); ok {
			current = slug(strings.TrimSpace(h))
		}
		sections[current] += line
	}
	tested := map[string]bool{}
	for _, r := range recipes {
		tested[r.preset] = true
	}
	for _, p := range append(slices.Clone(preset.All), preset.Default) {
		anchor, ok := strings.CutPrefix(p.Recipe, "https://github.com/jwtkey/jwtkey#")
		if !ok {
			t.Errorf("preset %s: recipe %q is not a section of the project's README", p.Name, p.Recipe)
			continue
		}
		body, ok := sections[anchor]
		if !ok {
			t.Errorf("preset %s: the README has no section #%s", p.Name, anchor)
			continue
		}
		says := strings.Contains(body, "**Untested here**")
		switch {
		case slices.Contains(untested, p.Name) && !says:
			t.Errorf("preset %s: section #%s must say **Untested here**", p.Name, anchor)
		case !slices.Contains(untested, p.Name) && says:
			t.Errorf("preset %s: section #%s says untested", p.Name, anchor)
		case !slices.Contains(untested, p.Name) && !tested[p.Name] && p.Name != preset.Default.Name:
			t.Errorf("preset %s: its recipe is neither tested nor listed as untested", p.Name)
		}
	}
}
