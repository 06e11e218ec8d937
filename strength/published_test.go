package strength

import (
	"regexp"
	"strings"
	"testing"
)

// What a source says: a kind of public place (a page, a README, docs, a
// framework's shipped files, a public repository or gist named
// owner/name first), and no private or internal reference.
var (
	publicPlace = regexp.MustCompile(`(?i)\b(readme|docs?|documentation|debugger|tutorial|article|example|guide|course|defaults?|placeholder|fixture|generated|cli|tests)\b|\.env|\.ya?ml\b|^(gist )?[\w.-]+/[\w.-]+ `)
	internalRef = regexp.MustCompile(`(?i)jwtkey|issue\s*#|internal|private|\bour\b|slack|jira|ticket|\bnotes?\b`)
	// The words that say what kind of place, not which one.
	kindOfPlace = regexp.MustCompile(`(?i)^(readme|docs?|documentation|cli|debugger|tutorials?|articles?|examples?|guides?|placeholders?|defaults?|framework|fixtures?|tests?|shipped|generated|config|page|site|a|an|the|of|and|for|in|on|its)$`)
)

// namesPlace reports whether a source names the place, not only its kind:
// the part before the first colon holds a word that is not a kind of
// place ("express-jwt README", "FastAPI docs"; not "tutorial
// placeholder").
func namesPlace(source string) bool {
	place, _, _ := strings.Cut(source, ":")
	for _, w := range strings.FieldsFunc(place, func(r rune) bool { return strings.ContainsRune(" ,;()\"'", r) }) {
		if !kindOfPlace.MatchString(w) {
			return true
		}
	}
	return false
}

// TestPublishedSources: every entry of data/published.txt names the public
// place where the secret was published, and none cites a private or
// internal reference (this project's own tracker, notes, or a person).
func TestPublishedSources(t *testing.T) {
	for _, p := range publishedList() {
		if !publicPlace.MatchString(p.source) {
			t.Errorf("%q: source %q does not name a public place", p.secret, p.source)
		}
		if internalRef.MatchString(p.source) {
			t.Errorf("%q: source %q cites a private or internal reference", p.secret, p.source)
		}
		if !namesPlace(p.source) {
			t.Errorf("%q: source %q says what kind of place, not which", p.secret, p.source)
		}
	}
}

// TestPublishedSourcesRule: the rule above tells the entry this list once
// had from a public one.
func TestPublishedSourcesRule(t *testing.T) {
	for src, want := range map[string]bool{
		"jwtkey issue #3: rated 4/4 by zxcvbn":                          true,
		"Micronaut Security documentation and guides":                   false,
		"jwt.io debugger: default HS256 secret":                         false,
		"internal wiki page":                                            true,
		"\"How to Generate a Strong JWT Secret Key\" article: bad keys": false,
	} {
		if got := internalRef.MatchString(src); got != want {
			t.Errorf("%q: internal = %v, want %v", src, got, want)
		}
	}
}

// TestNamesPlace: the rule above tells a source that names its place from
// one that only says what kind of place it was.
func TestNamesPlace(t *testing.T) {
	for src, want := range map[string]bool{
		"tutorial placeholder":                                          false,
		"documentation placeholder: 64 zeros":                           false,
		"framework default placeholder":                                 false,
		"node jsonwebtoken README: jwt.sign example":                    true,
		"jwt.io debugger: default HS256 secret":                         true,
		"FastAPI docs, OAuth2 with JWT tutorial":                        true,
		"\"How to Generate a Strong JWT Secret Key\" article: bad keys": true,
	} {
		if got := namesPlace(src); got != want {
			t.Errorf("%q: names its place = %v, want %v", src, got, want)
		}
	}
}
