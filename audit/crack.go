package audit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync/atomic"
	"time"

	"github.com/jwtkey/jwtkey/internal/fasthmac"
	"github.com/jwtkey/jwtkey/strength"
)

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

// MaxThreads is the most workers a Cracker runs: 8 per CPU. More
// workers than CPUs do not check candidates faster, and each holds its own
// buffers.
func MaxThreads() int { return 8 * runtime.NumCPU() }

// NewCracker prepares to crack t. Tokens that are not HMAC-signed are a
// *NotHMACError.
func NewCracker(t *Token, o Options) (*Cracker, error) {
	h, err := t.Hash()
	if err != nil {
		return nil, err
	}
	if o.Threads > MaxThreads() {
		return nil, fmt.Errorf("audit: %d threads is more than %d, 8 per CPU", o.Threads, MaxThreads())
	}
	v, err := fasthmac.New(h, t.SigningInput, t.Signature)
	if err != nil {
		return nil, fmt.Errorf("preparing to check %s signatures: %w", t.Alg, err)
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
		res.Found, res.Secret, res.Source = true, []byte{}, Source{Attack: KindEmpty}
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
		case Hybrid:
			err = c.runHybrid(r, a, res)
		case Combinator:
			err = c.runCombinator(r, a, res)
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
	r := &attackRun{stats: AttackStats{Attack: a.Kind()}, counters: make([]counter, c.threads)}
	switch a := a.(type) {
	case Builtin:
		r.stats.Name = "built-in list"
	case Secrets:
		r.stats.Name = a.Name
	case Wordlist:
		r.stats.Name, r.size = a.Name, a.Size
		r.lines = newLineReader(a.Reader)
		if len(a.Rules) > 0 {
			r.rules = newRuleChain(a.Rules)
		}
	case Hybrid:
		if len(a.Masks) == 0 {
			return nil, errors.New("audit: no masks to try")
		}
		ks, err := newKeyspace(a.Masks)
		if err != nil {
			return nil, err
		}
		r.stats.Name, r.size = a.Name, a.Size
		r.lines = newLineReader(a.Reader)
		r.keyspace = ks
	case Combinator:
		if len(a.Right) == 0 {
			return nil, errors.New("audit: the second wordlist has no entries")
		}
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
