package audit

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"
)

// Plan is what to try against a token, in hashcat's terms, after the
// empty secret, Secrets and the built-in list:
//
//   - Wordlist alone: each line (hashcat -a 0), through Rules and
//     BuiltinRules when given;
//   - Wordlist and Wordlist2: each line of the first joined with each line
//     of the second (-a 1);
//   - Wordlist and a mask: each line with each mask candidate after it,
//     or before it with Prepend (-a 6, -a 7);
//   - a mask alone: every candidate (-a 3).
//
// A mask is Mask, or with Increment the prefixes of Mask from MinLen to
// MaxLen, or Charset repeated MinLen to MaxLen times. Plan holds no flags:
// zero values mean "not given". A Plan is checked once (Check) and then
// run against any number of tokens (Cracker.RunPlan); it is not safe for
// concurrent use.
type Plan struct {
	Secrets [][]byte // tried first: secrets found in other tokens of a service; RunPlan adds those it finds

	Wordlist  string    // a file, or "-" for Stdin
	Wordlist2 string    // a file, joined after each line of Wordlist
	Stdin     io.Reader // read when a wordlist is "-"

	// MoreWordlists are tried after everything else, each line as it is
	// and through the rules, like Wordlist alone: a project's own lists.
	MoreWordlists []string

	Rules        []string // rule files in hashcat's language, chained as several -r
	BuiltinRules bool     // the built-in rules, before Rules

	Mask      string
	Custom    [4]string // the custom charsets ?1 to ?4
	Increment bool
	Charset   string // with Increment and no Mask; "" means "?a"
	MinLen    int    // with Increment; 0 means 1
	MaxLen    int    // with Increment; 0 means the mask's length, or 5 with Charset
	Prepend   bool   // a hybrid attack puts the mask before the word

	Skip      uint64 // mask candidates to skip: resumes a mask attack
	SkipLines uint64 // lines of Wordlist to skip: resumes the other attacks

	// Potfile names a file of cracked secrets, as hashcat keeps one: a
	// token found there is not cracked again, and a secret found is
	// added. ShowOnly looks tokens up there and tries nothing else.
	Potfile  string
	ShowOnly bool

	ready *prepared
}

// Defaults for Increment over a charset.
const (
	DefaultCharset = "?a"
	DefaultMaxLen  = 5
)

// MaxWordlist2 is the largest second wordlist of a combinator attack,
// which is held in memory: put the bigger list first.
const MaxWordlist2 = 64 << 20

// PlanError reports a Plan field whose value cannot work. Field is the
// field's name, Value its value as given; Msg says what is wrong and
// reads after the two ("3 is longer than the mask's 2 positions"), or Err
// is the error found in it, which names what it is about ("unknown
// placeholder ?x in "?l?x"…").
type PlanError struct {
	Field string
	Value string
	Msg   string
	Err   error
}

func (e *PlanError) Error() string {
	if e.Err != nil {
		if errors.Is(e.Err, ErrKeyspaceTooLarge) || slices.Contains(conflicts, e.Err) {
			return e.Err.Error()
		}
		return "audit: " + e.Field + ": " + e.Err.Error()
	}
	return fmt.Sprintf("audit: %s %s %s", e.Field, e.Value, e.Msg)
}

func (e *PlanError) Unwrap() error { return e.Err }

// prepared is a checked Plan: its masks, rules and second wordlist.
type prepared struct {
	masks   []*Mask
	rules   []*RuleSet
	right   [][]byte
	potfile *Potfile
}

//go:embed rules/*.rule
var builtinRuleFiles embed.FS

// BuiltinRules returns jwtkey's own rules: jwtkey-forms.rule (a word's
// case, l33t and separator forms) chained with jwtkey-tails.rule (digits,
// years and symbols appended), as hashcat runs two -r files.
var BuiltinRules = sync.OnceValue(func() []*RuleSet {
	var sets []*RuleSet
	for _, name := range []string{"jwtkey-forms.rule", "jwtkey-tails.rule"} {
		b, err := builtinRuleFiles.ReadFile("rules/" + name)
		if err != nil {
			panic(err)
		}
		s, err := ParseRules(bytes.NewReader(b), name)
		if err != nil {
			panic(err)
		}
		sets = append(sets, s)
	}
	return sets
})

// BuiltinRuleCount is the number of rules BuiltinRules makes of a word.
func BuiltinRuleCount() int {
	n, _ := chainSize(BuiltinRules())
	return int(n)
}

// Check reads and checks everything the plan names before any token is
// tried: masks, rule files, the second wordlist, the potfile, and that
// the wordlist can be opened. Cracker.RunPlan calls it when needed.
func (p *Plan) Check() error {
	if p.ready != nil {
		return nil
	}
	pr := &prepared{}
	var err error
	if pr.masks, err = p.buildMasks(); err != nil {
		return err
	}
	if p.BuiltinRules {
		pr.rules = append(pr.rules, BuiltinRules()...)
	}
	for _, name := range p.Rules {
		s, err := readRules(name)
		if err != nil {
			return err
		}
		pr.rules = append(pr.rules, s)
	}
	if _, err := chainSize(pr.rules); err != nil {
		return &PlanError{Field: "Rules", Err: err}
	}
	if err := p.Validate(); err != nil {
		return err
	}
	if p.Wordlist != "" && len(pr.masks) > 0 {
		total, _ := Keyspace(pr.masks...)
		if total > variantMask {
			return &PlanError{Field: "Mask", Value: pr.masks[len(pr.masks)-1].String(), Msg: fmt.Sprintf("has %d candidates, more than a hybrid attack takes for each word (%d)", total, uint64(variantMask))}
		}
	}
	for _, name := range append([]string{p.Wordlist}, p.MoreWordlists...) {
		if name == "" || name == "-" {
			continue
		}
		// Fail before any work when a wordlist cannot be read.
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("wordlist: %w", err)
		}
		f.Close()
	}
	if p.Wordlist2 != "" {
		if pr.right, err = p.readWordlist2(); err != nil {
			return err
		}
	}
	if p.Potfile != "" {
		if pr.potfile, err = OpenPotfile(p.Potfile); err != nil {
			return err
		}
	}
	p.ready = pr
	return nil
}

// The parts of a Plan that do not go together: Validate returns a
// *PlanError whose Err is one of these.
var (
	ErrRulesNeedWordlist   = errors.New("audit: rules apply to the lines of a wordlist, and there is none")
	ErrRulesAlone          = errors.New("audit: rules apply to a wordlist alone, not with a second wordlist or a mask")
	ErrWordlist2NeedsFirst = errors.New("audit: a second wordlist needs a first wordlist")
	ErrWordlist2WithMask   = errors.New("audit: a second wordlist cannot go with a mask")
	ErrPrependNeedsBoth    = errors.New("audit: prepend needs a wordlist and a mask")
	ErrCharsetAlone        = errors.New("audit: a charset applies to an incremental attack")
	ErrMaskAndCharset      = errors.New("audit: an incremental attack takes a mask or a charset, not both")
	ErrCustomAlone         = errors.New("audit: custom charsets apply to a mask or an incremental attack")
	ErrShowNeedsPotfile    = errors.New("audit: showing what a potfile knows needs a potfile")

	conflicts = []error{ErrRulesNeedWordlist, ErrRulesAlone, ErrWordlist2NeedsFirst, ErrWordlist2WithMask, ErrPrependNeedsBoth,
		ErrCharsetAlone, ErrMaskAndCharset, ErrCustomAlone, ErrShowNeedsPotfile}
)

// Validate reports, reading nothing, the parts of the plan that do not go
// together. Check calls it; a caller can call it first, to refuse a plan
// before any other work.
func (p *Plan) Validate() error {
	rules := p.BuiltinRules || len(p.Rules) > 0
	mask := p.Mask != "" || p.Increment
	switch {
	case !p.Increment && p.Charset != "":
		return &PlanError{Field: "Charset", Value: p.Charset, Err: ErrCharsetAlone}
	case p.Mask != "" && p.Charset != "":
		return &PlanError{Field: "Charset", Value: p.Charset, Err: ErrMaskAndCharset}
	case rules && p.Wordlist == "" && len(p.MoreWordlists) == 0:
		return &PlanError{Field: "Rules", Err: ErrRulesNeedWordlist}
	case rules && (p.Wordlist2 != "" || mask):
		return &PlanError{Field: "Rules", Err: ErrRulesAlone}
	case p.Wordlist2 != "" && p.Wordlist == "":
		return &PlanError{Field: "Wordlist2", Value: p.Wordlist2, Err: ErrWordlist2NeedsFirst}
	case p.Wordlist2 != "" && mask:
		return &PlanError{Field: "Wordlist2", Value: p.Wordlist2, Err: ErrWordlist2WithMask}
	case p.Prepend && (p.Wordlist == "" || !mask):
		return &PlanError{Field: "Prepend", Err: ErrPrependNeedsBoth}
	case p.Wordlist == "-" && p.Wordlist2 == "-":
		return &PlanError{Field: "Wordlist2", Value: "-", Msg: "cannot also be standard input"}
	case !mask && p.Custom != [4]string{}:
		return &PlanError{Field: "Custom", Err: ErrCustomAlone}
	case p.ShowOnly && p.Potfile == "":
		return &PlanError{Field: "ShowOnly", Err: ErrShowNeedsPotfile}
	}
	return nil
}

// buildMasks parses the mask, or the charset of an incremental attack,
// and returns the masks to run in turn.
func (p *Plan) buildMasks() ([]*Mask, error) {
	if p.Mask == "" && !p.Increment {
		return nil, nil
	}
	custom, err := parseCustomCharsets(p.Custom)
	if err != nil {
		return nil, &PlanError{Field: "Custom", Err: err}
	}
	var full *Mask
	if p.Mask != "" {
		if full, err = parseMask(p.Mask, custom); err != nil {
			return nil, &PlanError{Field: "Mask", Err: err}
		}
	} else {
		spec := p.Charset
		if spec == "" {
			spec = DefaultCharset
		}
		cs, err := parseCharset(spec, custom)
		if err != nil {
			return nil, &PlanError{Field: "Charset", Err: err}
		}
		n := p.MaxLen
		if n == 0 {
			n = DefaultMaxLen
		}
		full = RepeatCharset(cs, max(n, 1))
	}
	masks := []*Mask{full}
	if p.Increment {
		minLen, maxLen := max(p.MinLen, 1), p.MaxLen
		if maxLen == 0 {
			maxLen = full.Len()
		}
		switch {
		case p.MinLen < 0:
			return nil, &PlanError{Field: "MinLen", Value: fmt.Sprint(p.MinLen), Msg: "is less than 1"}
		case maxLen < minLen:
			return nil, &PlanError{Field: "MaxLen", Value: fmt.Sprint(maxLen), Msg: fmt.Sprintf("is less than the minimum length %d", minLen)}
		case maxLen > MaxMaskLen:
			return nil, &PlanError{Field: "MaxLen", Value: fmt.Sprint(maxLen), Msg: fmt.Sprintf("is more than %d", MaxMaskLen)}
		case maxLen > full.Len():
			return nil, &PlanError{Field: "MaxLen", Value: fmt.Sprint(maxLen), Msg: fmt.Sprintf("is longer than the mask's %d positions", full.Len())}
		}
		masks = masks[:0]
		for n := minLen; n <= maxLen; n++ {
			masks = append(masks, full.Prefix(n))
		}
	}
	total, err := Keyspace(masks...)
	if err != nil {
		return nil, &PlanError{Field: "Mask", Err: err}
	}
	if p.Wordlist == "" && p.Skip > total {
		return nil, &PlanError{Field: "Skip", Value: fmt.Sprint(p.Skip), Msg: fmt.Sprintf("is past the end: the masks have %d candidates", total)}
	}
	return masks, nil
}

func readRules(name string) (*RuleSet, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	defer f.Close()
	return ParseRules(f, name)
}

// readWordlist2 loads the second wordlist of a combinator attack.
func (p *Plan) readWordlist2() ([][]byte, error) {
	var r io.Reader = p.Stdin
	if p.Wordlist2 != "-" {
		f, err := os.Open(p.Wordlist2)
		if err != nil {
			return nil, fmt.Errorf("second wordlist: %w", err)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, MaxWordlist2+1))
	if err != nil {
		return nil, fmt.Errorf("reading second wordlist %s: %w", p.Wordlist2, err)
	}
	if len(b) > MaxWordlist2 {
		return nil, &PlanError{Field: "Wordlist2", Value: p.Wordlist2, Msg: fmt.Sprintf("is over %d MiB, and it is held in memory: put the bigger list first", MaxWordlist2>>20)}
	}
	var out [][]byte
	lr := newLineReader(bytes.NewReader(b))
	ch := newChunk(len(b) + 1)
	for {
		err := lr.fill(ch)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		for i := range ch.starts {
			// Empty lines stay, as holes, so that entries keep their
			// line numbers.
			out = append(out, bytes.Clone(ch.line(i)))
		}
	}
	if len(out) == 0 {
		return nil, &PlanError{Field: "Wordlist2", Value: p.Wordlist2, Msg: "has no entries"}
	}
	return out, nil
}

// attacks returns the plan's attacks against one token, with the
// function that closes what they opened.
func (p *Plan) attacks(secrets [][]byte) ([]Attack, func(), error) {
	pr := p.ready
	var out []Attack
	if len(secrets) > 0 {
		out = append(out, Secrets{List: secrets, Name: "secrets found in earlier tokens"})
	}
	out = append(out, Builtin{})
	closeFn := func() {}
	var r io.Reader
	var name string
	var size int64
	switch p.Wordlist {
	case "":
	case "-":
		r, name = p.Stdin, "(standard input)"
	default:
		f, err := os.Open(p.Wordlist)
		if err != nil {
			return nil, nil, fmt.Errorf("wordlist: %w", err)
		}
		closeFn = func() { f.Close() }
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
		r, name = f, p.Wordlist
	}
	switch {
	case r != nil && pr.right != nil:
		right := "(standard input)"
		if p.Wordlist2 != "-" {
			right = p.Wordlist2
		}
		out = append(out, Combinator{Reader: r, Name: name, Size: size, Right: pr.right, RightName: right, Skip: p.SkipLines})
	case r != nil && len(pr.masks) > 0:
		out = append(out, Hybrid{Reader: r, Name: name, Size: size, Masks: pr.masks, Prepend: p.Prepend, Skip: p.SkipLines})
	case r != nil:
		out = append(out, Wordlist{Reader: r, Name: name, Size: size, Rules: pr.rules, Skip: p.SkipLines})
	case len(pr.masks) > 0:
		out = append(out, Masks{Masks: pr.masks, Skip: p.Skip})
	}
	for _, name := range p.MoreWordlists {
		out = append(out, Wordlist{Reader: &lazyFile{name: name}, Name: name, Size: fileSize(name), Rules: pr.rules})
	}
	return out, closeFn, nil
}

// fileSize returns a regular file's size, for progress, or 0.
func fileSize(name string) int64 {
	if fi, err := os.Stat(name); err == nil && fi.Mode().IsRegular() {
		return fi.Size()
	}
	return 0
}

// lazyFile opens a wordlist when the search reaches it and closes it at
// its end, so a plan with many lists holds one open at a time.
type lazyFile struct {
	name string
	f    *os.File
	done bool
}

func (l *lazyFile) Read(b []byte) (int, error) {
	if l.done {
		return 0, io.EOF
	}
	if l.f == nil {
		f, err := os.Open(l.name)
		if err != nil {
			return 0, fmt.Errorf("wordlist: %w", err)
		}
		l.f = f
	}
	n, err := l.f.Read(b)
	if err == io.EOF {
		l.f.Close()
		l.done = true
	}
	return n, err
}

// PotfileTightened reports whether Check found the potfile readable by
// others and made it 0600.
func (p *Plan) PotfileTightened() bool {
	return p.ready != nil && p.ready.potfile != nil && p.ready.potfile.Tightened
}

// RunPlan checks the plan if it has not been (see Plan.Check), then looks
// the token up in the potfile, if any, and runs the plan's attacks until
// one finds the secret, which it adds to the potfile and to p.Secrets.
// Run's notes on ctx and errors apply.
func (c *Cracker) RunPlan(ctx context.Context, p *Plan) (*Result, error) {
	if err := p.Check(); err != nil {
		return nil, err
	}
	pot := p.ready.potfile
	if pot != nil {
		if s, ok := pot.Lookup(c.tok, c.v); ok {
			p.remember(s)
			return &Result{Found: true, Secret: s, Source: Source{Attack: KindPotfile, Name: pot.Name()}}, nil
		}
		if p.ShowOnly {
			return &Result{}, nil
		}
	}
	attacks, closeFn, err := p.attacks(p.Secrets)
	if err != nil {
		return nil, err
	}
	defer closeFn()
	res, err := c.Run(ctx, attacks...)
	if res != nil && res.Found {
		p.remember(res.Secret)
		if pot != nil {
			if perr := pot.Add(c.tok, res.Secret); perr != nil && err == nil {
				err = perr
			}
		}
	}
	return res, err
}

// remember adds a secret found to Secrets: tokens of one service often
// share a secret, so the next token tries it first.
func (p *Plan) remember(secret []byte) {
	if !slices.ContainsFunc(p.Secrets, func(s []byte) bool { return bytes.Equal(s, secret) }) {
		p.Secrets = append(p.Secrets, secret)
	}
}
