package audit

// The workers: each takes candidates from a chunk of lines or a range of a
// keyspace, gathers them into batches in reused buffers and checks each
// batch with one fasthmac CheckBatch call.

import (
	"errors"
	"io"
	"sync"
	"sync/atomic"

	"github.com/jwtkey/jwtkey/internal/fasthmac"
	"github.com/jwtkey/jwtkey/strength"
)

// counter is one worker's count of candidates tried, on its own cache
// line so workers do not slow each other down.
type counter struct {
	n atomic.Uint64
	_ [56]byte
}

// attackRun is the shared state of one running attack.
type attackRun struct {
	stats     AttackStats
	total     uint64
	size      int64
	lines     *lineReader // of a wordlist
	keyspace  *keyspace   // of masks
	counters  []counter
	bytesDone atomic.Int64 // of lines fully tried
	stopped   atomic.Bool

	once   sync.Once
	secret []byte
	source Source

	mu       sync.Mutex
	inflight map[uint64]bool // first lines of wordlist chunks not yet tried
}

// track records that the chunk starting at line first was handed to a
// worker (true) or fully tried (false). Only wordlists track chunks.
func (r *attackRun) track(first uint64, handed bool) {
	if r.inflight == nil {
		return
	}
	r.mu.Lock()
	if handed {
		r.inflight[first] = true
	} else {
		delete(r.inflight, first)
	}
	r.mu.Unlock()
}

func (r *attackRun) stop() { r.stopped.Store(true) }

func (r *attackRun) done() uint64 {
	var n uint64
	for i := range r.counters {
		n += r.counters[i].n.Load()
	}
	return n
}

// found records the first secret found and stops every worker.
func (r *attackRun) found(key []byte, src Source) {
	r.once.Do(func() {
		r.secret = append([]byte{}, key...)
		r.source = src
	})
	r.stop()
}

// batch gathers candidates for one CheckBatch call. Candidates either
// point into the caller's buffers or are written into the batch's arena;
// nothing is allocated per candidate.
type batch struct {
	v     *fasthmac.Verifier
	n     *atomic.Uint64
	keys  [][]byte
	meta  []uint64
	arena []byte
}

func (c *Cracker) newBatch(n *atomic.Uint64, arena int) *batch {
	return &batch{
		v:     c.v.Clone(),
		n:     n,
		keys:  make([][]byte, 0, c.batchLen),
		meta:  make([]uint64, 0, c.batchLen),
		arena: make([]byte, 0, arena),
	}
}

// check runs the batch and empties it, returning the index of the
// matching candidate or -1.
func (b *batch) check() int {
	if len(b.keys) == 0 {
		return -1
	}
	i := b.v.CheckBatch(b.keys)
	b.n.Add(uint64(len(b.keys)))
	return i
}

func (b *batch) reset() {
	b.keys, b.meta, b.arena = b.keys[:0], b.meta[:0], b.arena[:0]
}

func (b *batch) full() bool { return len(b.keys) == cap(b.keys) }

// add appends a candidate that stays valid until the batch is checked.
func (b *batch) add(key []byte, meta uint64) {
	b.keys = append(b.keys, key)
	b.meta = append(b.meta, meta)
}

// space returns an empty slice with room for n bytes in the arena, or
// ok false when the arena is too full (check the batch first).
func (b *batch) space(n int) (dst []byte, ok bool) {
	l := len(b.arena)
	if cap(b.arena)-l < n {
		if l == 0 {
			b.arena = make([]byte, 0, 2*n)
			return b.arena[:0:n], true
		}
		return nil, false
	}
	return b.arena[l:l:(l + n)], true
}

// keep adds a candidate written into space's slice.
func (b *batch) keep(key []byte, meta uint64) {
	b.arena = b.arena[:len(b.arena)+len(key)]
	b.add(key, meta)
}

// The variants of one list entry, in the low bits of a batch's meta; the
// entry's index in its chunk is in the high bits.
const (
	variantAsIs   = 0
	variantBase64 = 1
	variantRule   = 2 // + rule number
	variantBits   = 20
)

// wordWorker tries the entries of chunks of lines.
type wordWorker struct {
	b     *batch
	r     *attackRun
	ch    *chunk
	mut   mutator
	rules bool
	b64   bool
	// describe turns a line number and variant into a Source.
	describe func(line uint64, variant int) Source
}

// run tries every entry of ch; false means stop.
func (w *wordWorker) run(ch *chunk) bool {
	w.ch = ch
	for i := range ch.starts {
		word := ch.line(i)
		if len(word) == 0 {
			continue
		}
		base := uint64(i) << variantBits
		if w.b.full() && !w.flush() {
			return false
		}
		w.b.add(word, base|variantAsIs)
		if w.b64 && len(word) >= 2 {
			dst, ok := w.room(len(word))
			if !ok {
				return false
			}
			if d, ok := decodeBase64(dst, word); ok {
				w.b.keep(d, base|variantBase64)
			}
		}
		if !w.rules {
			continue
		}
		w.mut.load(word)
		for f, form := range w.mut.forms {
			if form == nil {
				continue
			}
			for t, tail := range tails {
				if f == formAsIs && t == 0 {
					continue
				}
				dst, ok := w.room(len(form) + len(tail))
				if !ok {
					return false
				}
				dst = append(append(dst, form...), tail...)
				w.b.keep(dst, base|uint64(variantRule+f*len(tails)+t))
			}
		}
	}
	// Entries point into ch, which goes back to the reader after this.
	return w.flush()
}

// room makes space for one more candidate of n bytes, checking the batch
// first when it is full; false means stop.
func (w *wordWorker) room(n int) ([]byte, bool) {
	if w.b.full() {
		if !w.flush() {
			return nil, false
		}
	}
	dst, ok := w.b.space(n)
	if !ok {
		if !w.flush() {
			return nil, false
		}
		dst, _ = w.b.space(n)
	}
	return dst, true
}

// flush checks the batch; false means stop: found, or told to.
func (w *wordWorker) flush() bool {
	i := w.b.check()
	if i >= 0 {
		m := w.b.meta[i]
		w.r.found(w.b.keys[i], w.describe(w.ch.first+m>>variantBits, int(m&(1<<variantBits-1))))
	}
	w.b.reset()
	return !w.r.stopped.Load()
}

// variantSource fills in how a list entry was changed.
func variantSource(s Source, variant int) Source {
	switch {
	case variant == variantBase64:
		s.Base64 = true
	case variant >= variantRule:
		s.Rule = ruleName(variant - variantRule)
	}
	return s
}

// runLines feeds chunks from produce to the workers. produce gets a free
// chunk, fills it and hands it on with send; it returns when the input
// ends, on error, or when send reports false (stop).
func (c *Cracker) runLines(r *attackRun, rules, b64 bool, describe func(uint64, int) Source,
	produce func(free func() *chunk, send func(*chunk) bool) error) error {
	n := 2*c.threads + 2
	free := make(chan *chunk, n)
	for range n {
		// With rules every line becomes thousands of candidates: small
		// chunks keep every worker busy even on a short wordlist.
		size := chunkSize
		if rules {
			size = ruleChunkSize
		}
		free <- newChunk(size)
	}
	work := make(chan *chunk, n)
	var wg sync.WaitGroup
	for t := range c.threads {
		w := &wordWorker{b: c.newBatch(&r.counters[t].n, 64*c.batchLen), r: r, rules: rules, b64: b64, describe: describe}
		wg.Go(func() {
			for ch := range work {
				if !r.stopped.Load() && w.run(ch) {
					r.bytesDone.Add(int64(len(ch.buf)))
					r.track(ch.first, false)
				}
				free <- ch
			}
		})
	}
	err := produce(func() *chunk { return <-free }, func(ch *chunk) bool {
		if r.stopped.Load() {
			free <- ch
			return false
		}
		work <- ch
		return true
	})
	close(work)
	wg.Wait()
	return err
}

func (c *Cracker) runBuiltin(r *attackRun) error {
	describe := func(line uint64, variant int) Source {
		return variantSource(Source{Attack: "builtin", Line: line}, variant)
	}
	return c.runLines(r, false, c.base64, describe, func(free func() *chunk, send func(*chunk) bool) error {
		ch, line := free(), uint64(0)
		ch.reset()
		ch.first = 1
		for s := range strength.Known() {
			if len(ch.buf)+len(s) > cap(ch.buf) && len(ch.starts) > 0 {
				if !send(ch) {
					return nil
				}
				ch = free()
				ch.reset()
				ch.first = line + 1
			}
			ch.starts = append(ch.starts, len(ch.buf))
			ch.buf = append(ch.buf, s...)
			ch.ends = append(ch.ends, len(ch.buf))
			line++
		}
		if len(ch.starts) > 0 {
			send(ch)
		}
		return nil
	})
}

func (c *Cracker) runSecrets(r *attackRun, a Secrets) error {
	describe := func(line uint64, _ int) Source {
		return Source{Attack: "secrets", Name: a.Name, Line: line}
	}
	return c.runLines(r, false, false, describe, func(free func() *chunk, send func(*chunk) bool) error {
		ch := free()
		ch.reset()
		ch.first = 1
		for _, s := range a.List {
			ch.starts = append(ch.starts, len(ch.buf))
			ch.buf = append(ch.buf, s...)
			ch.ends = append(ch.ends, len(ch.buf))
		}
		send(ch)
		return nil
	})
}

// runWordlist tracks the chunks handed to workers and not yet finished:
// an interrupted attack resumes at the first line of the earliest one.
func (c *Cracker) runWordlist(r *attackRun, a Wordlist, res *Result) error {
	lr := r.lines
	r.inflight = map[uint64]bool{}
	describe := func(line uint64, variant int) Source {
		return variantSource(Source{Attack: "wordlist", Name: a.Name, Line: line}, variant)
	}
	err := c.runLines(r, a.Rules, c.base64, describe, func(free func() *chunk, send func(*chunk) bool) error {
		var ch *chunk
		for !r.stopped.Load() {
			if ch == nil {
				ch = free()
			}
			err := lr.fill(ch)
			if errors.Is(err, io.EOF) {
				send(ch)
				return nil
			}
			if err != nil {
				r.stop()
				send(ch)
				return err
			}
			// Lines before Skip were tried by an earlier run.
			if k := a.Skip - min(a.Skip, ch.first-1); k > 0 {
				if k >= uint64(len(ch.starts)) {
					r.bytesDone.Add(int64(len(ch.buf)))
					continue
				}
				ch.starts, ch.ends, ch.first = ch.starts[k:], ch.ends[k:], ch.first+k
			}
			r.track(ch.first, true)
			if !send(ch) {
				return nil
			}
			ch = nil
		}
		return nil
	})
	if err == nil && r.secret == nil && r.stopped.Load() {
		next := lr.line + 1
		r.mu.Lock()
		for first := range r.inflight {
			next = min(next, first)
		}
		r.mu.Unlock()
		res.Resume, res.ResumeValid = next-1, true
	}
	return err
}

// runMasks splits the keyspace into ranges that workers take in order, so
// everything below the lowest position a worker holds is done: that is
// where an interrupted attack resumes.
func (c *Cracker) runMasks(r *attackRun, a Masks, res *Result) error {
	ks := r.keyspace
	maxLen := 0
	for _, m := range a.Masks {
		maxLen = max(maxLen, m.Len())
	}
	rangeLen := uint64(c.batchLen) * 64
	var next atomic.Uint64
	next.Store(a.Skip)
	held := make([]counter, c.threads) // each worker's first unchecked candidate
	var wg sync.WaitGroup
	for t := range c.threads {
		held[t].n.Store(ks.total)
		wg.Go(func() {
			w := &maskWorker{b: c.newBatch(&r.counters[t].n, c.batchLen*maxLen), r: r, ks: ks,
				held: &held[t].n, cursors: make([]*cursor, len(ks.masks))}
			for !r.stopped.Load() {
				s := next.Load()
				if s >= ks.total {
					break
				}
				e := ks.total
				if e-s > rangeLen {
					e = s + rangeLen
				}
				if !next.CompareAndSwap(s, e) {
					continue
				}
				w.held.Store(s)
				if !w.run(s, e) {
					return
				}
				w.held.Store(ks.total)
			}
		})
	}
	wg.Wait()
	if r.secret == nil && r.stopped.Load() {
		res.Resume, res.ResumeValid = ks.total, true
		for t := range held {
			res.Resume = min(res.Resume, held[t].n.Load())
		}
	}
	return nil
}

// maskWorker tries ranges of a keyspace.
type maskWorker struct {
	b       *batch
	r       *attackRun
	ks      *keyspace
	held    *atomic.Uint64
	cursors []*cursor
}

// run tries candidates s to e-1; false means stop.
func (w *maskWorker) run(s, e uint64) bool {
	first := s // index of the batch's first candidate
	for i := s; i < e; {
		mi, local := w.ks.locate(i)
		cur := w.cursors[mi]
		if cur == nil {
			cur = newCursor(w.ks.masks[mi])
			w.cursors[mi] = cur
		}
		cur.seek(local)
		n := e - i
		if end := w.ks.starts[mi] + mustKeyspace(w.ks.masks[mi]); end-i < n {
			n = end - i
		}
		l := len(cur.buf)
		for range n {
			dst, _ := w.b.space(l)
			w.b.keep(append(dst, cur.buf...), 0)
			cur.next()
			i++
			if w.b.full() {
				if !w.flush(first) {
					return false
				}
				first = i
				w.held.Store(i)
			}
		}
	}
	return w.flush(first)
}

func (w *maskWorker) flush(first uint64) bool {
	i := w.b.check()
	if i >= 0 {
		idx := first + uint64(i)
		mi, _ := w.ks.locate(idx)
		w.r.found(w.b.keys[i], Source{Attack: "mask", Name: w.ks.masks[mi].String(), Index: &idx})
	}
	w.b.reset()
	return !w.r.stopped.Load()
}

func mustKeyspace(m *Mask) uint64 {
	n, _ := m.Keyspace()
	return n
}
