package strength

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/jwtkey/jwtkey/strength/internal/wordlists"
)

// TestWordsData: data/words.txt names its sources, holds one section per
// language of the generator, and only words worth listing. With the
// zxcvbn-ts packages at hand (JWTKEY_WORDS_SRC names their directory, as
// internal/genwords describes; CI fetches them), the file must equal what
// the generator makes of them: run go generate's command again if not.
func TestWordsData(t *testing.T) {
	source := regexp.MustCompile(`(?m)^# (\w+): @zxcvbn-ts/([\w-]+)@([\d.]+) \S+/src/commonWords\.json sha256 [0-9a-f]{64}$`)
	found := map[string]bool{}
	for _, m := range source.FindAllStringSubmatch(wordsData, -1) {
		found[m[1]+" "+m[2]+" "+m[3]] = true
	}
	english := map[string]int{} // best rank in the English lists
	for _, l := range freqLists() {
		for i := range l.Len() {
			if r, ok := english[l.At(i)]; !ok || i+1 < r {
				english[l.At(i)] = i + 1
			}
		}
	}
	lists := langLists()
	for _, l := range wordlists.Languages {
		if !found[l.Name+" "+l.Package+" "+l.Version] {
			t.Errorf("data/words.txt does not name @zxcvbn-ts/%s@%s as the source of %s", l.Package, l.Version, l.Name)
		}
		list, ok := lists[l.Name]
		if !ok || list.Len() == 0 || list.Len() > wordlists.PerLanguage {
			t.Errorf("section %s: %d words, want 1 to %d", l.Name, list.Len(), wordlists.PerLanguage)
			continue
		}
		seen := map[string]bool{}
		for i := range list.Len() {
			w := list.At(i)
			letters := utf8.RuneCountInString(w) >= 3 && strings.ToLower(w) == w
			for _, r := range w {
				letters = letters && unicode.IsLetter(r)
			}
			// A word the English lists hold is worth listing in another
			// language only where it ranks far better there.
			r, inEnglish := english[w]
			if !letters || seen[w] || inEnglish && (l.Name == "en" || r <= 2*(i+1)) {
				t.Errorf("section %s: %q should not be listed", l.Name, w)
			}
			seen[w] = true
		}
	}
	dir := os.Getenv("JWTKEY_WORDS_SRC")
	if dir == "" {
		t.Log("JWTKEY_WORDS_SRC not set: the file was not compared with the packages")
		return
	}
	want, err := wordlists.Generate(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != wordsData {
		t.Error("data/words.txt differs from what internal/genwords makes of the packages: regenerate it")
	}
}
