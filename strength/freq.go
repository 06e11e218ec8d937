package strength

import (
	_ "embed"
	"strings"
	"sync"
)

//go:generate go run ./internal/genfreq data/frequency.txt
// data/words.txt needs the npm packages; see internal/genwords.

// frequencyData holds the zxcvbn frequency lists (passwords, English words,
// names, TV and film words), generated from github.com/trustelem/zxcvbn/frequency.
// That package builds its lists in an initialiser, which would cost every
// jwtkey process several milliseconds at start-up; reading the same lists
// from embedded text costs nothing until a check runs. TestFrequencyData
// keeps the file equal to the module's lists.
//
//go:embed data/frequency.txt
var frequencyData string

// wordList is a ranked list of words kept as the text they came in and the
// offset where each word ends: 4 bytes a word rather than a 16-byte string
// header, which keeps the first check in a process cheap.
type wordList struct {
	data string   // the words, each followed by '\n'
	ends []uint32 // ends[i] is the offset of the '\n' after word i
}

// Len is the number of words.
func (l wordList) Len() int { return len(l.ends) }

// At returns word i, a substring of the list's text.
func (l wordList) At(i int) string {
	start := 0
	if i > 0 {
		start = int(l.ends[i-1]) + 1
	}
	return l.data[start:l.ends[i]]
}

// wordsData holds the most common words of six more languages, generated
// from the zxcvbn-ts language packages by internal/genwords; TestWordsData
// keeps it equal to what the generator makes of them.
//
//go:embed data/words.txt
var wordsData string

// freqLists returns the frequency lists by name, read on first use.
var freqLists = sync.OnceValue(func() map[string]wordList { return parseLists(frequencyData) })

// langLists returns the word lists of other languages by name.
var langLists = sync.OnceValue(func() map[string]wordList { return parseLists(wordsData) })

// parseLists reads "## name" sections of one word a line.
func parseLists(data string) map[string]wordList {
	lists := map[string]wordList{}
	for {
		i := strings.Index(data, "## ")
		if i < 0 || (i > 0 && data[i-1] != '\n') {
			break
		}
		nl := strings.IndexByte(data[i:], '\n')
		if nl < 0 {
			break
		}
		name := data[i+3 : i+nl]
		body := data[i+nl+1:]
		if next := strings.Index(body, "\n## "); next >= 0 {
			body, data = body[:next+1], body[next+1:]
		} else {
			data = ""
		}
		l := wordList{data: body, ends: make([]uint32, 0, strings.Count(body, "\n"))}
		for off := 0; off < len(body); {
			j := strings.IndexByte(body[off:], '\n')
			if j < 0 {
				break
			}
			l.ends = append(l.ends, uint32(off+j))
			off += j + 1
		}
		lists[name] = l
	}
	return lists
}
