package strength

import (
	_ "embed"
	"strings"
	"sync"
)

//go:generate go run ./internal/genfreq data/frequency.txt

// frequencyData holds the zxcvbn frequency lists (passwords, English words,
// names, TV and film words), generated from github.com/trustelem/zxcvbn/frequency.
// That package builds its lists in an initialiser, which would cost every
// jwtkey process several milliseconds at start-up; reading the same lists
// from embedded text costs nothing until a check runs. TestFrequencyData
// keeps the file equal to the module's lists.
//
//go:embed data/frequency.txt
var frequencyData string

// freqLists returns the frequency lists by name, parsed on first use. The
// words are substrings of frequencyData: nothing is copied.
var freqLists = sync.OnceValue(func() map[string][]string {
	lists := map[string][]string{}
	var name string
	data := frequencyData
	for len(data) > 0 {
		line, rest, _ := strings.Cut(data, "\n")
		data = rest
		switch {
		case strings.HasPrefix(line, "## "):
			name = line[3:]
			lists[name] = make([]string, 0, strings.Count(data[:sectionEnd(data)], "\n"))
		case strings.HasPrefix(line, "#"):
		default:
			lists[name] = append(lists[name], line)
		}
	}
	return lists
})

// sectionEnd returns the offset of the next section header in data, or
// len(data).
func sectionEnd(data string) int {
	if i := strings.Index(data, "\n## "); i >= 0 {
		return i + 1
	}
	return len(data)
}
