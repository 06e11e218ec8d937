package strength

import (
	"regexp"
	"testing"
)

// What a source says: a kind of public place (a page, a README, docs, a
// framework's shipped files), and no private or internal reference.
var (
	publicPlace = regexp.MustCompile(`(?i)\b(readme|docs?|documentation|debugger|tutorial|article|example|guide|course|defaults?|placeholder|fixture|generated|cli|tests)\b|\.env|\.ya?ml\b`)
	internalRef = regexp.MustCompile(`(?i)jwtkey|issue\s*#|internal|private|\bour\b|slack|jira|ticket|\bnotes?\b`)
)

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
