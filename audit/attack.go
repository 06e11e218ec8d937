package audit

import (
	"fmt"
	"io"
	"strconv"
	"time"
	"unicode"
)

// AttackKind names a way of choosing candidate secrets.
type AttackKind string

// The attack kinds, as Source, AttackStats and Progress report them.
const (
	KindEmpty      AttackKind = "empty"      // the empty secret, always tried first
	KindPotfile    AttackKind = "potfile"    // a secret recorded in a potfile
	KindSecrets    AttackKind = "secrets"    // Secrets
	KindBuiltin    AttackKind = "builtin"    // Builtin
	KindWordlist   AttackKind = "wordlist"   // Wordlist, with or without rules
	KindMask       AttackKind = "mask"       // Masks
	KindHybrid     AttackKind = "hybrid"     // Hybrid
	KindCombinator AttackKind = "combinator" // Combinator
)

// Attack is one way of choosing candidate secrets: Builtin, Secrets,
// Wordlist, Masks, Hybrid or Combinator.
type Attack interface{ Kind() AttackKind }

// Builtin tries the built-in weak and published secrets (strength.Known),
// as they are and base64-decoded. Rules do not apply: the list already
// holds the common variants, and mutating tens of thousands of entries
// would turn milliseconds into minutes.
type Builtin struct{}

// Wordlist tries one candidate per line of a stream: "\n" or "\r\n" ends
// a line, every other byte (spaces too) belongs to it, empty lines are
// skipped. With Rules, a line's candidates are what the rules make of it,
// as in hashcat -a 0 -r (several rule sets combine every rule of one with
// every rule of the next, as several -r do); the line itself is tried
// only through a rule that keeps it (":").
type Wordlist struct {
	Reader io.Reader
	Name   string // how sources name it, e.g. the file name
	Size   int64  // bytes, for progress; 0 when unknown
	Rules  []*RuleSet
	Skip   uint64 // lines to skip, to resume an interrupted attack
}

// Secrets tries a few given secrets as they are, such as those found in
// other tokens of the same service.
type Secrets struct {
	List [][]byte
	Name string // how sources name the list
}

// Masks tries every candidate of each mask in turn, numbered as one
// sequence from 0, starting at Skip.
type Masks struct {
	Masks []*Mask
	Skip  uint64
}

// Hybrid tries each line of a wordlist with every candidate of Masks
// appended, or in front of it with Prepend: hashcat's -a 6 and -a 7.
// Candidates are numbered line by line; Skip counts lines.
type Hybrid struct {
	Reader  io.Reader
	Name    string
	Size    int64
	Masks   []*Mask
	Prepend bool
	Skip    uint64 // lines to skip, to resume an interrupted attack
}

// Combinator tries each line of a wordlist joined with each entry of a
// second list held in memory: hashcat's -a 1. Skip counts lines of the
// first.
type Combinator struct {
	Reader    io.Reader
	Name      string
	Size      int64
	Right     [][]byte // the second list, without empty entries
	RightName string
	Skip      uint64
}

// Kind reports which kind of attack this is.
func (Builtin) Kind() AttackKind    { return KindBuiltin }
func (Wordlist) Kind() AttackKind   { return KindWordlist }
func (Secrets) Kind() AttackKind    { return KindSecrets }
func (Masks) Kind() AttackKind      { return KindMask }
func (Hybrid) Kind() AttackKind     { return KindHybrid }
func (Combinator) Kind() AttackKind { return KindCombinator }

// Options tune a Cracker.
type Options struct {
	Threads  int  // worker goroutines; 0 means one per CPU, at most MaxThreads
	NoBase64 bool // do not also try base64-decoded list and wordlist entries
}

// Source says where a secret came from.
type Source struct {
	Attack AttackKind `json:"attack"`
	Name   string     `json:"name,omitempty"`  // wordlist name, potfile or mask
	Line   uint64     `json:"line,omitempty"`  // 1-based entry of the built-in list or line of the wordlist
	Index  *uint64    `json:"index,omitempty"` // candidate number of the mask, as Masks.Skip counts
	Mask   string     `json:"mask,omitempty"`  // the mask of a hybrid attack
	// Prepend is set when a hybrid attack put the mask before the word.
	Prepend bool `json:"prepend,omitempty"`
	// The second wordlist of a combinator attack, and its line.
	Right     string `json:"right,omitempty"`
	RightLine uint64 `json:"right_line,omitempty"`
	Rule      string `json:"rule,omitempty"`   // the rule applied, if any
	Base64    bool   `json:"base64,omitempty"` // the entry was base64-decoded
}

// displayName writes a name that came from outside (a file name) so that
// it cannot forge output on a terminal: as it is when every character is
// printable, quoted as Go would otherwise.
func displayName(s string) string {
	for _, r := range s {
		if !unicode.IsPrint(r) || r == '"' || r == '\\' {
			return strconv.Quote(s)
		}
	}
	return s
}

func (s Source) String() string {
	name := displayName(s.Name)
	var out string
	switch s.Attack {
	case KindEmpty:
		return "the empty secret"
	case KindPotfile:
		return "potfile " + name
	case KindSecrets:
		return fmt.Sprintf("%s, entry %d", name, s.Line)
	case KindBuiltin:
		out = fmt.Sprintf("built-in list, entry %d", s.Line)
	case KindWordlist:
		out = fmt.Sprintf("wordlist %s, line %d", name, s.Line)
	case KindMask:
		return fmt.Sprintf("mask %s, candidate %d", name, *s.Index)
	case KindHybrid:
		w := fmt.Sprintf("wordlist %s, line %d", name, s.Line)
		m := fmt.Sprintf("mask %s, candidate %d", displayName(s.Mask), *s.Index)
		if s.Prepend {
			return m + " + " + w
		}
		return w + " + " + m
	case KindCombinator:
		return fmt.Sprintf("wordlist %s, line %d + wordlist %s, line %d", name, s.Line, displayName(s.Right), s.RightLine)
	}
	if s.Rule != "" {
		out += ", rule: " + displayName(s.Rule)
	}
	if s.Base64 {
		out += ", base64-decoded"
	}
	return out
}

// AttackStats says how far one attack got.
type AttackStats struct {
	Attack     AttackKind `json:"attack"`
	Name       string     `json:"name,omitempty"`
	Candidates uint64     `json:"candidates"`         // tried, exactly
	Keyspace   uint64     `json:"keyspace,omitempty"` // masks only
	Complete   bool       `json:"complete"`
}

// Result is the outcome of Cracker.Run.
type Result struct {
	Found      bool
	Secret     []byte
	Source     Source
	Attacks    []AttackStats
	Candidates uint64 // tried, all attacks together
	Elapsed    time.Duration
	// Interrupted is set when Run's context ended before the attacks did.
	Interrupted bool
	// Resume is the Skip that carries on the interrupted attack (the last
	// of Attacks) where it stopped, with nothing left out: a Masks.Skip in
	// candidates, or the Skip of a Wordlist, Hybrid or Combinator in
	// lines. Valid when ResumeValid.
	Resume      uint64
	ResumeValid bool
}

// Rate is candidates per second.
func (r *Result) Rate() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Candidates) / r.Elapsed.Seconds()
}

// Progress is a snapshot of a running Cracker.
type Progress struct {
	Attack     AttackKind // the running attack
	Name       string     // its wordlist or mask
	Candidates uint64     // tried so far, all attacks together
	Done       uint64     // tried by the running attack
	Total      uint64     // the running attack's candidates; 0 when unknown
	BytesDone  int64      // of a wordlist, in lines fully tried
	BytesTotal int64      // of a wordlist; 0 when unknown
}
