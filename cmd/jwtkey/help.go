package main

// The manual of each verb lives in help/: VERB.txt is its long help and
// VERB.examples.txt its examples, as "jwtkey help VERB" and the man pages
// in docs/man show them. Text is easier to edit, and to review, as text.

import (
	"embed"
	"strings"
)

//go:embed help/*.txt
var helpFiles embed.FS

// manual returns help/NAME.txt less its final newline, with each
// placeholder (@NAME@) of replace, given as pairs, set to its value.
func manual(name string, replace ...string) string {
	b, err := helpFiles.ReadFile("help/" + name + ".txt")
	if err != nil {
		panic(err) // embedded at build time: a missing file is a bug
	}
	return strings.NewReplacer(replace...).Replace(strings.TrimSuffix(string(b), "\n"))
}
