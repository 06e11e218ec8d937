package audit

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The rule language is hashcat's (https://hashcat.net/wiki/?id=rule_based_attack),
// with the semantics of hashcat 6.2.6 applying a rule on the CPU
// (hashcat --stdout -a 0 -j RULE): the tests hold this engine to that
// output byte for byte. Candidates are at most 255 bytes, as in hashcat:
// a function that would make a longer one leaves the word as it is, and
// rules make nothing of words of 256 bytes or more, but for ":", which
// passes a word of 256 bytes as it is.

// maxRuleWord is hashcat's RP_PASSWORD_SIZE: rule results stay below it.
const maxRuleWord = 256

// Argument kinds of a rule function.
const (
	argPos  = 'N' // a position or count: 0-9, A-Z (10-35), or p
	argChar = 'X' // any byte
)

// ruleFuncs maps each supported function to its arguments.
var ruleFuncs = map[byte]string{
	':': "", ' ': "", 'l': "", 'u': "", 'c': "", 'C': "", 't': "", 'T': "N",
	'r': "", 'd': "", 'p': "N", 'f': "", '{': "", '}': "", '$': "X", '^': "X",
	'[': "", ']': "", 'D': "N", 'x': "NN", 'O': "NN", 'i': "NX", 'o': "NX",
	'\'': "N", 's': "XX", '@': "X", 'z': "N", 'Z': "N", 'q': "",
	'k': "", 'K': "", '*': "NN", 'L': "N", 'R': "N", '+': "N", '-': "N",
	'.': "N", ',': "N", 'y': "N", 'Y': "N", 'E': "", 'e': "X", '3': "NX",
	'M': "", '4': "", '6': "", 'X': "NNN", 'Q': "",
	'<': "N", '>': "N", '_': "N", '!': "X", '/': "X", '(': "X", ')': "X",
	'=': "NX", '%': "NX",
}

// posMem marks a position argument written p: the position that the
// last matching reject function found.
const posMem = 0xff

// ruleOp is one function of a compiled rule with its arguments:
// positions as numbers (or posMem), characters as bytes.
type ruleOp struct {
	fn      byte
	a, b, c byte
	pm      uint8  // bit k set: argument k is p
	s       []byte // the string of opAppend and opPrepend
}

// Rule is one line of a rule file.
type Rule struct {
	Text     string // as written
	Line     int    // in its file, 1-based; 0 for a rule given alone
	ops      []ruleOp
	identity bool // the rule ":", which hashcat does not run at all
	// appends is set when the rule only appends tail (":" appends
	// nothing): the candidate is then written without running it.
	appends bool
	tail    []byte
}

// RuleError reports a rule that jwtkey cannot run: a function it does
// not know, one missing its arguments, or a bad position.
type RuleError struct {
	File string // "" for a rule given alone
	Line int
	Rule string
	Func string // the function at fault, as written
	Msg  string // what is wrong, naming the function
}

func (e *RuleError) Error() string {
	where := ""
	if e.File != "" {
		where = fmt.Sprintf("%s, line %d: ", displayName(e.File), e.Line)
	}
	return fmt.Sprintf("audit: rules: %srule %q: %s", where, e.Rule, e.Msg)
}

// ParseRule compiles one rule.
func ParseRule(text string) (Rule, error) {
	r := Rule{Text: text, identity: text == ":"}
	b := unhexRule(text)
	for i := 0; i < len(b); {
		fn := b[i]
		args, ok := ruleFuncs[fn]
		if !ok {
			return r, &RuleError{Rule: text, Func: string(fn), Msg: fmt.Sprintf("unsupported function %q", fn)}
		}
		if i+len(args) >= len(b) && len(args) > 0 {
			return r, &RuleError{Rule: text, Func: string(b[i:]), Msg: fmt.Sprintf("function %q needs %d argument%s", fn, len(args), plural(len(args)))}
		}
		op := ruleOp{fn: fn}
		dst := []*byte{&op.a, &op.b, &op.c}
		for k, kind := range []byte(args) {
			v := b[i+1+k]
			if kind == argPos {
				p, ok := rulePos(v)
				if !ok {
					return r, &RuleError{Rule: text, Func: string(b[i : i+1+len(args)]), Msg: fmt.Sprintf("%q: a position is 0-9, A-Z or p", b[i:i+1+len(args)])}
				}
				if p == posMem {
					op.pm |= 1 << k
				}
				v = p
			}
			*dst[k] = v
		}
		i += 1 + len(args)
		switch {
		case fn == ' ' || fn == ':':
			continue
		case (fn == '$' || fn == '^') && len(r.ops) > 0:
			// Runs of $ or ^ become one function that adds a string.
			last := &r.ops[len(r.ops)-1]
			if last.fn == fn || last.fn == opAppend && fn == '$' || last.fn == opPrepend && fn == '^' {
				if last.fn == fn {
					last.s = []byte{last.a}
					last.fn = map[byte]byte{'$': opAppend, '^': opPrepend}[fn]
				}
				last.s = append(last.s, op.a)
				continue
			}
		}
		r.ops = append(r.ops, op)
	}
	r.appends = true
	for _, op := range r.ops {
		switch op.fn {
		case '$':
			r.tail = append(r.tail, op.a)
		case opAppend:
			r.tail = append(r.tail, op.s...)
		default:
			r.appends = false
		}
	}
	return r, nil
}

// Functions that only compiled rules hold: a run of $ or of ^.
const (
	opAppend  = 0x01
	opPrepend = 0x02
)

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// rulePos reads a position: 0-9, then A-Z for 10-35, or p.
func rulePos(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'A' && c <= 'Z':
		return c - 'A' + 10, true
	case c == 'p':
		return posMem, true
	}
	return 0, false
}

// unhexRule replaces \xNN notation with the byte it names.
func unhexRule(s string) []byte {
	b := []byte(s)
	out := b[:0]
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+3 < len(b) && b[i+1] == 'x' && isHex(b[i+2]) && isHex(b[i+3]) {
			out = append(out, hexVal(b[i+2])<<4|hexVal(b[i+3]))
			i += 3
			continue
		}
		out = append(out, b[i])
	}
	return out
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func hexVal(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// RuleSet is the rules of one file, in order.
type RuleSet struct {
	Name  string
	Rules []Rule
}

// MaxRules bounds a rule file: the largest public sets (dive) have about
// 100,000 rules.
const MaxRules = 1 << 20

// ParseRules reads a rule file: one rule a line; empty lines and lines
// starting with # are skipped. A line jwtkey cannot run is an error that
// names the file, the line and the function, never skipped.
func ParseRules(r io.Reader, name string) (*RuleSet, error) {
	s := &RuleSet{Name: name}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), 64<<10)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSuffix(sc.Text(), "\r")
		if text == "" || text[0] == '#' {
			continue
		}
		rule, err := ParseRule(text)
		if err != nil {
			var re *RuleError
			if errors.As(err, &re) {
				re.File, re.Line = name, line
			}
			return nil, err
		}
		rule.Line = line
		if len(s.Rules) == MaxRules {
			return nil, fmt.Errorf("audit: rules: %s has more than %d rules", name, MaxRules)
		}
		s.Rules = append(s.Rules, rule)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading rules %s: %w", name, err)
	}
	if len(s.Rules) == 0 {
		return nil, fmt.Errorf("audit: rules: %s has no rules", name)
	}
	return s, nil
}
