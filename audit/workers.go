package audit

// The workers: each takes candidates from a chunk of lines or a range of a
// keyspace, gathers them into batches in reused buffers and checks each
// batch with one fasthmac CheckBatch call.

import (
	"sync"
	"sync/atomic"

	"github.com/jwtkey/jwtkey/internal/fasthmac"
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
	keyspace  *keyspace   // of masks, and of a hybrid attack
	rules     *ruleChain  // of a wordlist with rules
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
// nothing is allocated per candidate. Every candidate checked is counted
// in n, exactly once: the count a Result reports.
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

// check runs the batch, returning the index of the matching candidate or
// -1; the caller empties it.
func (b *batch) check() int {
	if len(b.keys) == 0 {
		return -1
	}
	i := b.v.CheckBatch(b.keys)
	b.count(len(b.keys))
	return i
}

// count records n candidates checked.
func (b *batch) count(n int) {
	b.n.Add(uint64(n))
	if batchHook != nil {
		batchHook(n)
	}
}

// batchHook, when set by a test, sees the size of every batch checked.
var batchHook func(n int)

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

// blockBatch gathers candidates no longer than a hash block as key
// blocks, written in place (fasthmac.Verifier.CheckBlocks): one copy per
// candidate, where a batch of slices costs CheckBatch a second.
type blockBatch struct {
	v      *fasthmac.Verifier
	n      *atomic.Uint64
	blocks []byte
	bs     int
	lens   []int // the length of the candidate in each block, last written
	meta   []uint64
	k      int // blocks in use
}

func newBlockBatch(b *batch) *blockBatch {
	bs, n := b.v.BlockSize(), cap(b.keys)
	return &blockBatch{v: b.v, n: b.n, bs: bs, blocks: make([]byte, n*bs), lens: make([]int, n), meta: make([]uint64, n)}
}

func (bb *blockBatch) full() bool { return bb.k == len(bb.lens) }

// put adds the candidate a followed by b, at most a block.
func (bb *blockBatch) put(a, b []byte, meta uint64) {
	blk := bb.blocks[bb.k*bb.bs : (bb.k+1)*bb.bs]
	n := copy(blk, a)
	n += copy(blk[n:], b)
	if old := bb.lens[bb.k]; old > n {
		clear(blk[n:old]) // what follows a key in its block stays zero
	}
	bb.lens[bb.k], bb.meta[bb.k] = n, meta
	bb.k++
}

// check runs the blocks in use, returning the index of the matching
// candidate or -1; the caller empties it (k = 0).
func (bb *blockBatch) check() int {
	if bb.k == 0 {
		return -1
	}
	i := bb.v.CheckBlocks(bb.blocks[:bb.k*bb.bs])
	bb.n.Add(uint64(bb.k))
	if batchHook != nil {
		batchHook(bb.k)
	}
	return i
}

// putBlock adds tmpl[:n] followed by tail, at most a block; tmpl[n:] is
// zero, so one fixed-size copy writes the whole block.
func (bb *blockBatch) putBlock(tmpl *[maxBlock]byte, n int, tail []byte, meta uint64) {
	blk := bb.blocks[bb.k*bb.bs : (bb.k+1)*bb.bs]
	if bb.bs == 64 {
		*(*[64]byte)(blk) = [64]byte(tmpl[:64])
	} else {
		*(*[maxBlock]byte)(blk) = *tmpl
	}
	copy(blk[n:], tail)
	bb.lens[bb.k], bb.meta[bb.k] = n+len(tail), meta
	bb.k++
}

func (bb *blockBatch) key(i int) []byte { return bb.blocks[i*bb.bs : i*bb.bs+bb.lens[i]] }

// A batch's meta holds a candidate's entry (its line's index in the
// chunk) in the high bits and its variant in the low ones: how the entry
// was changed, as the attack numbers its candidates.
const (
	variantBits = 40
	variantMask = 1<<variantBits - 1

	variantAsIs   = 0
	variantBase64 = 1
	variantRule   = 2 // + the rule's number in its chain
)

// lineWorker tries the candidates made from chunks of lines.
type lineWorker struct {
	b  *batch
	bb *blockBatch // of candidates up to a block, written in place
	r  *attackRun
	ch *chunk
	// expand adds the candidates of entry i of ch; false means stop.
	expand func(w *lineWorker, i int, word []byte) bool
	// describe turns a line number and variant into a Source.
	describe func(line, variant uint64) Source

	b64      bool
	b64All   bool // decode every base64 entry, not only those that can be keys
	rules    *ruleRunner
	ruleBase uint64 // meta of the word whose rule candidates are made
	hybrid   *hybridExpander
	right    [][]byte // of a combinator attack
	prepend  bool
}

// run tries every entry of ch; false means stop.
func (w *lineWorker) run(ch *chunk) bool {
	w.ch = ch
	for i := range ch.starts {
		word := ch.line(i)
		if len(word) == 0 {
			continue
		}
		if !w.expand(w, i, word) {
			return false
		}
	}
	// Entries point into ch, which goes back to the reader after this.
	return w.flush()
}

// room makes space for one more candidate of n bytes, checking the batch
// first when it is full; false means stop.
func (w *lineWorker) room(n int) ([]byte, bool) {
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

// emit adds the candidate a followed by b, from the caller's buffers;
// false means stop.
func (w *lineWorker) emit(a, b []byte, meta uint64) bool {
	if w.bb != nil && len(a)+len(b) <= w.bb.bs {
		if w.bb.full() && !w.flush() {
			return false
		}
		w.bb.put(a, b, meta)
		return true
	}
	dst, ok := w.room(len(a) + len(b))
	if !ok {
		return false
	}
	w.b.keep(append(append(dst, a...), b...), meta)
	return true
}

// flush checks the batches; false means stop: found, or told to.
func (w *lineWorker) flush() bool {
	if w.bb != nil {
		if i := w.bb.check(); i >= 0 {
			w.foundMeta(w.bb.key(i), w.bb.meta[i])
		}
		w.bb.k = 0
	}
	if i := w.b.check(); i >= 0 {
		w.foundMeta(w.b.keys[i], w.b.meta[i])
	}
	w.b.reset()
	return !w.r.stopped.Load()
}

func (w *lineWorker) foundMeta(key []byte, m uint64) {
	w.r.found(key, w.describe(w.ch.first+m>>variantBits, m&variantMask))
}

// expandWord adds a wordlist entry as it is, then base64-decoded.
func expandWord(w *lineWorker, i int, word []byte) bool {
	base := uint64(i) << variantBits
	if w.bb != nil && len(word) <= w.bb.bs {
		if !w.emit(word, nil, base|variantAsIs) {
			return false
		}
	} else {
		if w.b.full() && !w.flush() {
			return false
		}
		w.b.add(word, base|variantAsIs)
	}
	return w.expandBase64(base, word)
}

// expandBase64 adds the entry decoded, when that can be a key (every one
// of the built-in list, whose few thousand decodings cost milliseconds).
func (w *lineWorker) expandBase64(base uint64, word []byte) bool {
	if !w.b64 || !w.b64All && !worthDecoding(word) {
		return true
	}
	dst, ok := w.room(len(word))
	if !ok {
		return false
	}
	if d, ok := decodeBase64(dst, word); ok {
		w.b.keep(d, base|variantBase64)
	}
	return true
}

// expandRules adds what the rules make of an entry, then the entry
// base64-decoded.
func expandRules(w *lineWorker, i int, word []byte) bool {
	base := uint64(i) << variantBits
	w.ruleBase = base
	if !w.rules.each(word, w) {
		return false
	}
	return w.expandBase64(base, word)
}

func (w *lineWorker) emitRule(k uint64, a, b []byte) bool {
	return w.emit(a, b, w.ruleBase|(variantRule+k))
}

func (w *lineWorker) emitAppends(k uint64, word []byte, tmpl *[maxBlock]byte, rules []Rule) bool {
	bb, n := w.bb, len(word)
	for i := range rules {
		tail, ok := rules[i].appendTail(n)
		meta := w.ruleBase | (variantRule + k + uint64(i))
		switch {
		case !ok || n+len(tail) == 0: // nothing, or the empty secret, tried first
		case n+len(tail) <= bb.bs:
			if bb.full() && !w.flush() {
				return false
			}
			bb.putBlock(tmpl, n, tail, meta)
		default:
			if !w.emit(word, tail, meta) {
				return false
			}
		}
	}
	return true
}

// expandCombinator adds the entry joined with each entry of the second
// list.
func expandCombinator(w *lineWorker, i int, word []byte) bool {
	base := uint64(i) << variantBits
	for j, r := range w.right {
		if len(r) == 0 {
			continue
		}
		dst, ok := w.room(len(word) + len(r))
		if !ok {
			return false
		}
		w.b.keep(append(append(dst, word...), r...), base|uint64(j))
	}
	return true
}

// variantSource fills in how a list entry was changed.
func (w *lineWorker) variantSource(s Source, variant uint64) Source {
	switch {
	case variant == variantBase64:
		s.Base64 = true
	case variant >= variantRule:
		s.Rule = w.r.rules.text(variant - variantRule)
	}
	return s
}

// chunkFor sizes the chunks of an attack that makes fanout candidates
// from each line: a chunk holds about chunkSize candidates' worth of
// lines, so that every worker stays busy even on a short wordlist and an
// interrupted attack repeats little when it resumes.
func chunkFor(fanout uint64) int {
	return int(max(minChunkSize, chunkSize/max(1, fanout/16)))
}

// runLines feeds chunks from produce to the workers that newWorker makes.
// produce gets a free chunk, fills it and hands it on with send; it
// returns when the input ends, on error, or when send reports false
// (stop). fanout is how many candidates a line makes.
func (c *Cracker) runLines(r *attackRun, fanout uint64, newWorker func(b *batch) *lineWorker,
	produce func(free func() *chunk, send func(*chunk) bool) error) error {
	n := 2*c.threads + 2
	free := make(chan *chunk, n)
	for range n {
		free <- newChunk(chunkFor(fanout))
	}
	work := make(chan *chunk, n)
	var wg sync.WaitGroup
	for t := range c.threads {
		w := newWorker(c.newBatch(&r.counters[t].n, 64*c.batchLen))
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
