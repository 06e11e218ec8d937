package audit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync/atomic"
	"time"

	"github.com/jwtkey/jwtkey/internal/fasthmac"
	"github.com/jwtkey/jwtkey/strength"
)

// Attack is one way of choosing candidate secrets: Builtin, Wordlist or
// Masks.
type Attack interface{ attackName() string }

// Builtin tries the built-in weak and published secrets (strength.Known),
// as they are and base64-decoded. Rules do not apply: the list already
// holds the common variants, and mutating tens of thousands of entries
// would turn milliseconds into minutes.
type Builtin struct{}

// Wordlist tries one candidate per line of a stream: "\n" or "\r\n" ends
// a line, every other byte (spaces too) belongs to it, empty lines are
// skipped.
type Wordlist struct {
	Reader io.Reader
	Name   string // how sources name it, e.g. the file name
	Size   int64  // bytes, for progress; 0 when unknown
	Rules  bool   // also try each line's rule mutations
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

func (Builtin) attackName() string  { return "builtin" }
func (Wordlist) attackName() string { return "wordlist" }
func (Secrets) attackName() string  { return "secrets" }
func (Masks) attackName() string    { return "mask" }

// Options tune a Cracker.
type Options struct {
	Threads  int  // worker goroutines; 0 means one per CPU
	NoBase64 bool // do not also try base64-decoded list and wordlist entries
}

// Source says where a secret came from.
type Source struct {
	Attack string  `json:"attack"`           // "empty", "secrets", "builtin", "wordlist" or "mask"
	Name   string  `json:"name,omitempty"`   // wordlist name or mask
	Line   uint64  `json:"line,omitempty"`   // 1-based entry of the built-in list or line of the wordlist
	Index  *uint64 `json:"index,omitempty"`  // candidate number in a mask attack, as Masks.Skip counts
	Rule   string  `json:"rule,omitempty"`   // the mutation applied, if any
	Base64 bool    `json:"base64,omitempty"` // the entry was base64-decoded
}

func (s Source) String() string {
	var out string
	switch s.Attack {
	case "empty":
		return "the empty secret"
	case "secrets":
		return fmt.Sprintf("%s, entry %d", s.Name, s.Line)
	case "builtin":
		out = fmt.Sprintf("built-in list, entry %d", s.Line)
	case "wordlist":
		out = fmt.Sprintf("wordlist %s, line %d", s.Name, s.Line)
	case "mask":
		return fmt.Sprintf("mask %s, candidate %d", s.Name, *s.Index)
	}
	if s.Rule != "" {
		out += ", rule: " + s.Rule
	}
	if s.Base64 {
		out += ", base64-decoded"
	}
	return out
}

// AttackStats says how far one attack got.
type AttackStats struct {
	Attack     string `json:"attack"`
	Name       string `json:"name,omitempty"`
	Candidates uint64 `json:"candidates"`
	Keyspace   uint64 `json:"keyspace,omitempty"` // masks only
	Complete   bool   `json:"complete"`
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
	// of Attacks) where it stopped: a Masks.Skip in candidates or a
	// Wordlist.Skip in lines. Valid when ResumeValid.
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
	Attack     string // the running attack
	Name       string // its wordlist or mask
	Candidates uint64 // tried so far, all attacks together
	Done       uint64 // tried by the running attack
	Total      uint64 // the running attack's candidates; 0 when unknown
	BytesDone  int64  // of a wordlist, in lines fully tried
	BytesTotal int64  // of a wordlist; 0 when unknown
}

// ErrInterrupted is wrapped by Run's error when its context ends first.
var ErrInterrupted = errors.New("audit: interrupted")

// Cracker tries candidate secrets against one HMAC-signed token, on every
// core.
type Cracker struct {
	tok      *Token
	v        *fasthmac.Verifier
	threads  int
	base64   bool
	batchLen int

	cur    atomic.Pointer[attackRun]
	before atomic.Uint64 // candidates tried before the running attack
}

// NewCracker prepares to crack t. Tokens that are not HMAC-signed are a
// *NotHMACError.
func NewCracker(t *Token, o Options) (*Cracker, error) {
	h, err := t.Hash()
	if err != nil {
		return nil, err
	}
	v, err := fasthmac.New(h, t.SigningInput, t.Signature)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	c := &Cracker{tok: t, v: v, threads: o.Threads, base64: !o.NoBase64}
	if c.threads <= 0 {
		c.threads = runtime.NumCPU()
	}
	// Batches of a few hundred candidates keep the per-batch bookkeeping
	// (progress, stop checks) out of the profile.
	bs := max(1, v.BatchSize())
	c.batchLen = bs * max(1, (256+bs-1)/bs)
	return c, nil
}

// Threads is the number of workers Run uses.
func (c *Cracker) Threads() int { return c.threads }

// Run tries the empty secret and then each attack in turn until one finds
// the secret. When ctx ends first, Run returns what it did so far and an
// error wrapping ErrInterrupted and ctx's error. A Cracker does one Run at
// a time.
func (c *Cracker) Run(ctx context.Context, attacks ...Attack) (*Result, error) {
	start := time.Now()
	res := &Result{}
	defer func() { res.Elapsed = time.Since(start) }()
	c.cur.Store(nil)
	if c.v.Check([]byte{}) {
		res.Found, res.Secret, res.Source = true, []byte{}, Source{Attack: "empty"}
		res.Candidates = 1
		return res, nil
	}
	res.Candidates = 1
	for _, a := range attacks {
		if err := ctx.Err(); err != nil {
			res.Interrupted = true
			return res, fmt.Errorf("%w: %w", ErrInterrupted, err)
		}
		r, err := c.prepare(a)
		if err != nil {
			return res, err
		}
		c.before.Store(res.Candidates)
		c.cur.Store(r)
		stop := context.AfterFunc(ctx, r.stop)
		switch a := a.(type) {
		case Builtin:
			err = c.runBuiltin(r)
		case Secrets:
			err = c.runSecrets(r, a)
		case Wordlist:
			err = c.runWordlist(r, a, res)
		case Masks:
			err = c.runMasks(r, a, res)
		}
		stop()
		r.stats.Candidates = r.done()
		res.Candidates += r.stats.Candidates
		r.stats.Complete = err == nil && !r.stopped.Load()
		res.Attacks = append(res.Attacks, r.stats)
		if r.secret != nil {
			res.Found, res.Secret, res.Source = true, r.secret, r.source
			res.ResumeValid = false
			return res, nil
		}
		if err != nil {
			return res, err
		}
		if ctx.Err() != nil {
			res.Interrupted = true
			return res, fmt.Errorf("%w: %w", ErrInterrupted, ctx.Err())
		}
	}
	return res, nil
}

// prepare sets up the shared state of an attack, all that Progress reads
// and workers do not write.
func (c *Cracker) prepare(a Attack) (*attackRun, error) {
	r := &attackRun{stats: AttackStats{Attack: a.attackName()}, counters: make([]counter, c.threads)}
	switch a := a.(type) {
	case Builtin:
		r.stats.Name = "built-in list"
	case Secrets:
		r.stats.Name = a.Name
	case Wordlist:
		r.stats.Name, r.size = a.Name, a.Size
		r.lines = newLineReader(a.Reader)
	case Masks:
		ks, err := newKeyspace(a.Masks)
		if err != nil {
			return nil, err
		}
		if len(a.Masks) == 0 {
			return nil, errors.New("audit: no masks to try")
		}
		if a.Skip > ks.total {
			return nil, fmt.Errorf("audit: cannot skip %d candidates: the keyspace has %d", a.Skip, ks.total)
		}
		r.keyspace = ks
		r.stats.Name = a.Masks[len(a.Masks)-1].String()
		r.stats.Keyspace = ks.total
		r.total = ks.total - a.Skip
	default:
		return nil, fmt.Errorf("audit: unknown attack %T", a)
	}
	return r, nil
}

// Progress reports how far Run has got. It is safe to call while Run runs.
func (c *Cracker) Progress() Progress {
	r := c.cur.Load()
	if r == nil {
		return Progress{}
	}
	p := Progress{Attack: r.stats.Attack, Name: r.stats.Name, Total: r.total, BytesTotal: r.size}
	p.Done = r.done()
	p.Candidates = c.before.Load() + p.Done
	p.BytesDone = r.bytesDone.Load()
	return p
}

// FindKnownSecret tries the empty secret and the built-in weak and
// published secrets (strength.Known), as themselves and base64-decoded,
// against an HMAC-signed token. It takes milliseconds on one goroutine and
// allocates little, for callers that check many tokens (scan).
func FindKnownSecret(t *Token) (secret []byte, ok bool) {
	c, err := NewCracker(t, Options{Threads: 1})
	if err != nil {
		return nil, false
	}
	if c.v.Check([]byte{}) {
		return []byte{}, true
	}
	var n atomic.Uint64
	b := c.newBatch(&n, 64*c.batchLen)
	check := func() ([]byte, bool) {
		i := b.check()
		if i >= 0 {
			return bytes.Clone(b.keys[i]), true
		}
		b.reset()
		return nil, false
	}
	// Entries are copied into the batch: Known may reuse its buffers.
	add := func(k []byte) ([]byte, bool) {
		if b.full() || cap(b.arena)-len(b.arena) < len(k) {
			if s, ok := check(); ok {
				return s, true
			}
		}
		dst, _ := b.space(len(k))
		b.keep(append(dst, k...), 0)
		return nil, false
	}
	var dec []byte
	for s := range strength.Known() {
		if len(s) == 0 {
			continue
		}
		if secret, ok := add(s); ok {
			return secret, true
		}
		dec = slices.Grow(dec[:0], len(s))
		if d, ok := decodeBase64(dec, s); ok {
			if secret, ok := add(d); ok {
				return secret, true
			}
		}
	}
	return check()
}
