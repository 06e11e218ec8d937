package strength

import (
	_ "embed"
	"iter"
	"math"
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
// frequency lists: 50,058 entries with the current curated list, no
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

// Copies of a published key are edited by hand: a character changed, a
// suffix added, one half kept (wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY2,
// the second half of a tutorial's hex key). A fragment of fragMin or more
// characters of a published secret, found anywhere in a secret, costs what
// naming the entry, where the fragment starts in it and how long it is
// costs. A random key holds twelve given characters of one of the list's
// few thousand by chance about once in 10^15 keys.
const fragMin = 12

type fragRef struct {
	rank   int32 // 1-based, in publishedList
	offset int32 // where the fragMin characters start in the entry
}

// publishedFrags indexes every run of fragMin characters of the
// normalized published secrets that are at least 2·fragMin long.
var publishedFrags = sync.OnceValues(func() (map[string][]fragRef, []string) {
	idx := map[string][]fragRef{}
	var norm []string
	for i, p := range publishedList() {
		w := normalize(p.secret)
		norm = append(norm, w)
		if len(w) < 2*fragMin {
			continue
		}
		for o := 0; o+fragMin <= len(w); o++ {
			k := w[o : o+fragMin]
			idx[k] = append(idx[k], fragRef{int32(i + 1), int32(o)})
		}
	}
	return idx, norm
})

// matchPublishedFragments finds the longest fragments of published secrets
// in the normalized secret low. The whole of an entry is the dictionary's
// match; only a part of one is a fragment.
func matchPublishedFragments(low []byte, ms *[]match) {
	if len(low) < fragMin {
		return
	}
	idx, norm := publishedFrags()
	for i := 0; i+fragMin <= len(low); i++ {
		for _, r := range idx[string(low[i:i+fragMin])] {
			w := norm[r.rank-1]
			o := int(r.offset)
			if i > 0 && o > 0 && low[i-1] == w[o-1] {
				continue // found from an earlier position
			}
			j := i + fragMin
			for j < len(low) && o+j-i < len(w) && low[j] == w[o+j-i] {
				j++
			}
			if j-i == len(w) {
				continue // the whole entry
			}
			bits := math.Log2(float64(r.rank)) + 2*math.Log2(float64(len(w))) + 1
			*ms = append(*ms, match{i: i, j: j, kind: KindDictionary, dict: dictPublished,
				num: int(r.rank), bits: bits, zbits: bits, fragment: true})
		}
	}
}
