package audit

// How each attack feeds the workers.

import (
	"errors"
	"io"
	"sync"
	"sync/atomic"

	"github.com/jwtkey/jwtkey/strength"
)

func (c *Cracker) runBuiltin(r *attackRun) error {
	newWorker := func(b *batch) *lineWorker {
		w := &lineWorker{b: b, r: r, b64: c.base64, b64All: true, expand: expandWord}
		w.describe = func(line, variant uint64) Source {
			return w.variantSource(Source{Attack: KindBuiltin, Line: line}, variant)
		}
		return w
	}
	return c.runLines(r, 2, newWorker, func(free func() *chunk, send func(*chunk) bool) error {
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
	newWorker := func(b *batch) *lineWorker {
		return &lineWorker{b: b, r: r, expand: expandWord, describe: func(line, _ uint64) Source {
			return Source{Attack: KindSecrets, Name: a.Name, Line: line}
		}}
	}
	return c.runLines(r, 2, newWorker, func(free func() *chunk, send func(*chunk) bool) error {
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

func (c *Cracker) runWordlist(r *attackRun, a Wordlist, res *Result) error {
	newWorker := func(b *batch) *lineWorker {
		w := &lineWorker{b: b, bb: newBlockBatch(b), r: r, b64: c.base64, expand: expandWord}
		if r.rules != nil {
			w.rules, w.expand = newRuleRunner(r.rules), expandRules
		}
		w.describe = func(line, variant uint64) Source {
			return w.variantSource(Source{Attack: KindWordlist, Name: a.Name, Line: line}, variant)
		}
		return w
	}
	fanout := uint64(2)
	if r.rules != nil {
		fanout = r.rules.total
	}
	return c.runStream(r, fanout, a.Skip, newWorker, res)
}

func (c *Cracker) runHybrid(r *attackRun, a Hybrid, res *Result) error {
	newWorker := func(b *batch) *lineWorker {
		w := &lineWorker{b: b, r: r, hybrid: newHybridExpander(r.keyspace), prepend: a.Prepend, expand: expandHybrid}
		w.describe = func(line, variant uint64) Source {
			mi, _ := r.keyspace.locate(variant)
			return Source{Attack: KindHybrid, Name: a.Name, Line: line, Mask: r.keyspace.masks[mi].String(), Index: &variant, Prepend: a.Prepend}
		}
		return w
	}
	return c.runStream(r, r.keyspace.total, a.Skip, newWorker, res)
}

func (c *Cracker) runCombinator(r *attackRun, a Combinator, res *Result) error {
	newWorker := func(b *batch) *lineWorker {
		return &lineWorker{b: b, r: r, right: a.Right, expand: expandCombinator, describe: func(line, variant uint64) Source {
			return Source{Attack: KindCombinator, Name: a.Name, Line: line, Right: a.RightName, RightLine: variant + 1}
		}}
	}
	return c.runStream(r, uint64(len(a.Right)), a.Skip, newWorker, res)
}

// runStream feeds the lines of r's reader to the workers, from line
// skip+1. It tracks the chunks handed to workers and not yet finished:
// an interrupted attack resumes at the first line of the earliest one.
func (c *Cracker) runStream(r *attackRun, fanout, skip uint64, newWorker func(*batch) *lineWorker, res *Result) error {
	lr := r.lines
	r.inflight = map[uint64]bool{}
	err := c.runLines(r, fanout, newWorker, func(free func() *chunk, send func(*chunk) bool) error {
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
			// Lines before skip were tried by an earlier run.
			if k := skip - min(skip, ch.first-1); k > 0 {
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

// hybridExpander writes a word with every candidate of a keyspace.
type hybridExpander struct {
	ks      *keyspace
	cursors []*cursor
}

func newHybridExpander(ks *keyspace) *hybridExpander {
	h := &hybridExpander{ks: ks}
	for _, m := range ks.masks {
		h.cursors = append(h.cursors, newCursor(m))
	}
	return h
}

// expandHybrid adds the entry with each mask candidate after it, or
// before it.
func expandHybrid(w *lineWorker, i int, word []byte) bool {
	base := uint64(i) << variantBits
	h := w.hybrid
	g := uint64(0)
	for mi, cur := range h.cursors {
		cur.seek(0)
		n := mustKeyspace(h.ks.masks[mi])
		for range n {
			dst, ok := w.room(len(word) + len(cur.buf))
			if !ok {
				return false
			}
			if w.prepend {
				dst = append(append(dst, cur.buf...), word...)
			} else {
				dst = append(append(dst, word...), cur.buf...)
			}
			w.b.keep(dst, base|g)
			cur.next()
			g++
		}
	}
	return true
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
			if bs := c.v.BlockSize(); maxLen <= bs {
				// Candidates go straight into key blocks: no copy.
				w.bs, w.blocks = bs, make([]byte, c.batchLen*bs)
			}
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

// maskWorker tries ranges of a keyspace. Candidates no longer than a
// hash block are written as key blocks, candidate i at blocks[i*bs:], the
// rest of each block kept zero; longer ones go through a batch.
type maskWorker struct {
	b       *batch
	r       *attackRun
	ks      *keyspace
	held    *atomic.Uint64
	cursors []*cursor

	blocks []byte
	bs     int
	nb     int // candidates in blocks
	width  int // the length of the candidates the blocks were cleared for
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
		if w.blocks != nil && l < w.width {
			// Shorter candidates than the blocks held: check what is
			// there, then clear the longer ones' bytes.
			if !w.flush(first) {
				return false
			}
			first = i
			w.held.Store(i)
			clear(w.blocks)
			w.width = 0
		}
		w.width = max(w.width, l)
		for range n {
			if w.blocks != nil {
				copy(w.blocks[w.nb*w.bs:], cur.buf)
				w.nb++
			} else {
				dst, _ := w.b.space(l)
				w.b.keep(append(dst, cur.buf...), 0)
			}
			cur.next()
			i++
			if w.nb == cap(w.b.keys) || w.b.full() {
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
	var i int
	var key []byte
	if w.blocks != nil {
		if w.nb == 0 {
			return !w.r.stopped.Load()
		}
		i = w.b.v.CheckBlocks(w.blocks[:w.nb*w.bs])
		w.b.count(w.nb)
		if i >= 0 {
			mi, _ := w.ks.locate(first + uint64(i))
			key = w.blocks[i*w.bs : i*w.bs+w.ks.masks[mi].Len()]
		}
		w.nb = 0
	} else {
		i = w.b.check()
		if i >= 0 {
			key = w.b.keys[i]
		}
	}
	if i >= 0 {
		idx := first + uint64(i)
		mi, _ := w.ks.locate(idx)
		w.r.found(key, Source{Attack: KindMask, Name: w.ks.masks[mi].String(), Index: &idx})
	}
	w.b.reset()
	return !w.r.stopped.Load()
}

func mustKeyspace(m *Mask) uint64 {
	n, _ := m.Keyspace()
	return n
}
