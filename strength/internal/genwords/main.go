// Command genwords writes strength/data/words.txt: the most common words of
// Spanish, Portuguese, French, German, Italian, Indonesian, Dutch and
// Polish, and of spoken English, from the zxcvbn-ts language packages (word
// frequencies of OpenSubtitles 2024, via OPUS, ODC-BY; the packages are
// MIT). People write
// their secrets in their own language; without these words a Spanish
// sentence looks random. The English section holds only what the zxcvbn
// English lists leave out, short words mostly (cat, sun, bag).
//
// The packages are npm packages; fetch them with npm and unpack them in one
// directory, then run genwords on it:
//
//	mkdir -p /tmp/zxcvbn-ts && cd /tmp/zxcvbn-ts
//	for p in language-es-es@4.1.2 language-pt-br@4.1.1 language-fr@4.1.2 \
//	    language-de@3.0.2 language-it@3.0.2 language-id@4.1.1 language-nl-be@3.0.2 \
//	    language-pl@3.0.2 language-en@4.1.1; do
//	    npm pack @zxcvbn-ts/$p && tar xzf zxcvbn-ts-$p.tgz && mv package ${p%@*}; done
//	go run ./internal/genwords -src /tmp/zxcvbn-ts data/words.txt   # in strength/
//
// Each list keeps the first N words of the package's commonWords.json, in
// order, less the words the English lists already hold, words shorter than
// three letters (the estimate ignores them in long secrets) and tokens that
// are not one word (l', c.bg_transparent, 10): see package wordlists.
// TestWordsData in strength checks the file against the packages when they
// are at hand (JWTKEY_WORDS_SRC names the directory; CI fetches them).
package main

import (
	"flag"
	"log"
	"os"

	"github.com/jwtkey/jwtkey/strength/internal/wordlists"
)

func main() {
	src := flag.String("src", "", "directory holding the unpacked packages, one directory per package named as in wordlists.Languages")
	flag.Parse()
	if *src == "" || flag.NArg() != 1 {
		log.Fatal("usage: genwords -src DIR OUTPUT")
	}
	out, err := wordlists.Generate(os.DirFS(*src))
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(flag.Arg(0), out, 0o644); err != nil {
		log.Fatal(err)
	}
}
