// Command eval measures strength.Check on a labelled set of secrets kept
// outside the repository: the share of human-made secrets of 32 or more
// characters judged weak or compromised, by shape, and how many random keys
// from real generators are judged weak, with the kinds of finding: a key too
// small for HS256 (charset, uuid) is weak for its size, any pattern finding
// is a false alarm.
//
// Each input file is tab-separated: label, secret, source. Lines starting
// with "#" are skipped. The label is the shape of a human-made secret
// (phrase, mash, generator, encoding…) or "random" for a generator's key.
// The set is split once, by a keyed hash of each secret, into a tuning half
// and a report half; -half picks which one to measure.
//
//	go run ./bench/check/eval -half report /path/to/human.tsv /path/to/random.tsv
package main

import (
	"bufio"
	"crypto/sha256"
	"flag"
	"fmt"
	"log"
	"os"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/jwtkey/jwtkey/strength"
)

func main() {
	half := flag.String("half", "report", "which half to measure: tune, report or all")
	seed := flag.String("seed", "issue-11", "key of the hash that splits the set")
	misses := flag.Bool("misses", false, "print the human-made secrets judged strong and the random keys judged weak (tuning half only)")
	flag.Parse()
	type tally struct{ n, caught int }
	shapes := map[string]*tally{}
	random := &tally{}
	randomKinds := map[string]int{} // findings on random keys judged weak, by kind
	seen := map[string]bool{}
	for _, path := range flag.Args() {
		f, err := os.Open(path)
		if err != nil {
			log.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<16), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			label, rest, _ := strings.Cut(line, "\t")
			secret, _, _ := strings.Cut(rest, "\t")
			if utf8.RuneCountInString(secret) < strength.MinLength {
				continue
			}
			key := strings.ToLower(secret)
			if seen[key] {
				continue
			}
			seen[key] = true
			h := sha256.Sum256([]byte(*seed + "|" + secret))
			inTune := h[0]&1 == 0
			if *half == "tune" && !inTune || *half == "report" && inTune {
				continue
			}
			r, err := strength.Check([]byte(secret))
			if err != nil {
				fmt.Printf("error\t%s\t%v\n", label, err)
				continue
			}
			if label == "random" {
				random.n++
				if r.Verdict != strength.Strong {
					random.caught++
					for _, f := range r.Findings {
						randomKinds[f.Kind]++
					}
					if *misses && *half != "report" {
						fmt.Printf("false alarm\t%.0f bits\t%s\n", r.Bits, secret)
					}
				}
				continue
			}
			if label == "unsure" {
				continue // left out of every figure
			}
			t := shapes[label]
			if t == nil {
				t = &tally{}
				shapes[label] = t
			}
			t.n++
			if r.Verdict != strength.Strong {
				t.caught++
			} else if *misses && *half != "report" {
				fmt.Printf("missed\t%s\t%.0f bits\t%s\n", label, r.Bits, secret)
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			log.Fatal(err)
		}
	}
	var names []string
	total := tally{}
	for name, t := range shapes {
		names = append(names, name)
		total.n += t.n
		total.caught += t.caught
	}
	sort.Strings(names)
	fmt.Printf("half: %s (split key %q)\n", *half, *seed)
	for _, name := range names {
		t := shapes[name]
		fmt.Printf("%-12s %4d/%4d weak or compromised (%.1f%%)\n", name, t.caught, t.n, pct(t.caught, t.n))
	}
	fmt.Printf("%-12s %4d/%4d weak or compromised (%.1f%%)\n", "all human", total.caught, total.n, pct(total.caught, total.n))
	fmt.Printf("%-12s %4d/%4d judged weak", "random", random.caught, random.n)
	// A key too small for HS256 (charset, uuid) is weak for its size; any
	// other kind is a pattern found in a random key: a false alarm.
	var ks []string
	for k, n := range randomKinds {
		ks = append(ks, fmt.Sprintf("%s %d", k, n))
	}
	sort.Strings(ks)
	if len(ks) > 0 {
		fmt.Printf(" (findings: %s)", strings.Join(ks, ", "))
	}
	fmt.Println()
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}
