package strength

import (
	_ "embed"
	"iter"
	"strings"
	"sync"
)

//go:embed data/published.txt
var publishedData string

type published struct {
	secret string
	source string
}

var publishedList = sync.OnceValue(func() []published {
	var out []published
	for line := range strings.Lines(publishedData) {
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		secret, source, ok := strings.Cut(line, "\t")
		if !ok || secret == "" || source == "" {
			panic("strength: data/published.txt: a line without a source: " + line)
		}
		out = append(out, published{secret, source})
	}
	return out
})

// How many of each frequency list Known yields. The whole passwords list
// and the most common English words: what a cracker tries first, small
// enough to try against a token in milliseconds.
const (
	knownPasswords = 30000
	knownEnglish   = 20000
)

// Known yields the built-in weak and published secrets an attacker tries
// first: the curated JWT list (data/published.txt), then the 30,000 most
// common passwords and the 20,000 most common English words of the zxcvbn
// frequency lists: 50,073 entries with the current curated list, no
// duplicates. audit and scan try
// these against tokens. It builds nothing: the lists are read in place.
func Known() iter.Seq[[]byte] {
	return func(yield func([]byte) bool) {
		seen := map[string]bool{}
		for _, p := range publishedList() {
			if seen[p.secret] {
				continue
			}
			seen[p.secret] = true
			if !yield([]byte(p.secret)) {
				return
			}
		}
		for _, l := range []struct {
			name string
			n    int
		}{{"passwords", knownPasswords}, {"english_wikipedia", knownEnglish}} {
			list := freqLists()[l.name]
			for i := range min(l.n, list.Len()) {
				w := list.At(i)
				if seen[w] {
					continue
				}
				if !yield([]byte(w)) {
					return
				}
			}
		}
	}
}
