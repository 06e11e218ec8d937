package audit

import (
	"fmt"
	"strings"
)

// ruleChain is rule sets applied one after the other, as hashcat applies
// several rule files: every rule of the first, followed by every rule of
// the second, and so on. Candidate k of a word is numbered in that order,
// the last set varying fastest.
type ruleChain struct {
	sets  []*RuleSet
	total uint64 // rules in the chain: the product of the sets' sizes
}

// MaxRuleChain bounds the rules one chain makes of each word.
const MaxRuleChain = 1 << 32

func newRuleChain(sets []*RuleSet) *ruleChain {
	c := &ruleChain{sets: sets, total: 1}
	for _, s := range sets {
		c.total *= uint64(len(s.Rules))
	}
	return c
}

// chainSize returns how many rules sets make together, or an error when
// they make more than MaxRuleChain.
func chainSize(sets []*RuleSet) (uint64, error) {
	n := uint64(1)
	for _, s := range sets {
		n *= uint64(len(s.Rules))
		if n > MaxRuleChain {
			return 0, fmt.Errorf("audit: the rule files combine into more than %d rules per word", uint64(MaxRuleChain))
		}
	}
	return n, nil
}

// rules returns the rules that make candidate k, one per set.
func (c *ruleChain) rules(k uint64) []*Rule {
	out := make([]*Rule, len(c.sets))
	for i := len(c.sets) - 1; i >= 0; i-- {
		n := uint64(len(c.sets[i].Rules))
		out[i] = &c.sets[i].Rules[k%n]
		k /= n
	}
	return out
}

// text writes the rules that make candidate k as one rule.
func (c *ruleChain) text(k uint64) string {
	var parts []string
	for _, r := range c.rules(k) {
		parts = append(parts, r.Text)
	}
	return strings.Join(parts, " ")
}

// ruleRunner applies a chain to one word after another; one per worker.
// It keeps the candidate after each set, so a rule of the first set runs
// once for all the rules of the next.
type ruleRunner struct {
	c    *ruleChain
	st   []ruleState // st[0] the word, st[i+1] after a rule of set i
	tmpl [maxBlock]byte
}

// maxBlock is the largest hash block: SHA-512's.
const maxBlock = 128

// ruleEmitter takes the candidates of a ruleRunner, with their numbers.
type ruleEmitter interface {
	// emitRule takes the candidate a followed by b.
	emitRule(k uint64, a, b []byte) bool
	// emitAppends takes the candidates of rules, which only append, made
	// from word, numbered from k; tmpl holds word then zeros when word is
	// shorter than maxBlock: a key block but for the tail.
	emitAppends(k uint64, word []byte, tmpl *[maxBlock]byte, rules []Rule) bool
}

func newRuleRunner(c *ruleChain) *ruleRunner {
	return &ruleRunner{c: c, st: make([]ruleState, len(c.sets)+1)}
}

// each gives e every candidate the chain makes from word, in order,
// with its number. It stops when e returns false and reports whether it
// ran to the end.
func (rr *ruleRunner) each(word []byte, e ruleEmitter) bool {
	if !rr.st[0].load(word) {
		return true // longer than rules take: hashcat makes nothing of it
	}
	return rr.level(0, 0, e)
}

func (rr *ruleRunner) level(l int, base uint64, e ruleEmitter) bool {
	rules := rr.c.sets[l].Rules
	last := l == len(rr.c.sets)-1
	src, dst := &rr.st[l], &rr.st[l+1]
	for i := 0; i < len(rules); i++ {
		r := &rules[i]
		k := base*uint64(len(rules)) + uint64(i)
		if last && r.appends {
			// The common last rules append: hand a run of them over at
			// once, with the word so far, without running anything.
			j := i + 1
			for j < len(rules) && rules[j].appends {
				j++
			}
			if src.n < maxBlock {
				copy(rr.tmpl[:], src.buf[:src.n])
				clear(rr.tmpl[src.n:])
			}
			if !e.emitAppends(k, src.buf[:src.n], &rr.tmpl, rules[i:j]) {
				return false
			}
			i = j - 1
			continue
		}
		dst.copyFrom(src)
		if !dst.apply(r) {
			continue
		}
		switch {
		case !last:
			if !rr.level(l+1, k, e) {
				return false
			}
		case dst.n > 0: // the empty secret was tried first
			if !e.emitRule(k, dst.buf[:dst.n], nil) {
				return false
			}
		}
	}
	return true
}

// appendTail returns what rule r, which only appends, adds to a word of n
// bytes, and false when it makes nothing of it, as hashcat.
func (r *Rule) appendTail(n int) ([]byte, bool) {
	if n >= maxRuleWord && !r.identity {
		return nil, false
	}
	return r.tail[:min(len(r.tail), max(0, maxRuleWord-1-n))], true
}
