package strength

import (
	"math"
	"slices"
)

// A runModel prices characters not covered by a match: one by one, each at
// the cost a model of how the run was made gives it. Model 0 is brute force
// over the secret's alphabet; the others describe hand-made runs (keyboard
// mashing) and pay entry bits to say which model the attacker uses.
type runModel struct {
	costs []float64 // bits of each byte under the model
	entry float64   // bits to name the model at the start of a run
	kind  string    // the finding a run of this model makes; "" for brute force
}

// bestDecomposition finds the cheapest description of the string in the
// secret model: each match costs its guesses plus kindBits; each run of
// characters not in a match costs its bits under one run model, plus
// log2(n+1) to say where it ends unless it runs to the end. Two runs of the
// same model never touch (they would be one run). Dynamic programming over
// positions, linear in length plus matches: for each model, the cheapest
// place to start a run ending at k is kept as a running minimum.
//
// Runs of a model other than brute force are returned as matches of its
// kind, so findings can describe them.
func bestDecomposition(runs []runModel, ms []match) (float64, []match) {
	n := len(runs[0].costs)
	nr := len(runs)
	// Three allocations for all the tables: one of bits, one of positions,
	// one of states.
	w := n + 1
	fbuf := make([]float64, (2*nr+1)*w)
	ibuf := make([]int32, (nr+1)*w)
	sbuf := make([]int8, (nr+1)*w)
	pre := make([][]float64, nr)
	fr := make([][]float64, nr)
	frFrom := make([][]int32, nr) // where the run ending at k starts
	frPrev := make([][]int8, nr)  // the state where it starts
	for t, r := range runs {
		pre[t] = fbuf[t*w : (t+1)*w]
		for i, c := range r.costs {
			pre[t][i+1] = pre[t][i] + c
		}
		fr[t] = fbuf[(nr+t)*w : (nr+t+1)*w]
		frFrom[t] = ibuf[t*w : (t+1)*w]
		frPrev[t] = sbuf[t*w : (t+1)*w]
	}
	byEnd := groupByEnd(ms, n, func(match) bool { return true })
	lenBits := math.Log2(float64(n + 1))
	// In a secret of MinLength bytes or more, a match of minPart characters
	// counts only right after a pattern (a word after a word, or after a
	// separator that follows one): alone between random runs, at the start
	// or after a lone "-" or "/", it is what random keys hit by chance
	// ("you", "159", "Qaq"). anchored[k]: the cover of [0,k) ends in such a
	// pattern.
	strict := n >= MinLength
	anchored := make([]bool, w)
	inf := math.Inf(1)

	// State at k: -1 a cover of [0,k) ending in a match (or k == 0), t a
	// cover ending in a run of model t.
	fm := fbuf[2*nr*w:]
	fmFrom := ibuf[nr*w:] // the match ending at k
	fmPrev := sbuf[nr*w:] // the state where that match starts
	var runMinBuf [4]float64
	var runArgBuf [4]int32
	var runPrevBuf [4]int8
	runMin, runArg, runPrev := runMinBuf[:nr], runArgBuf[:nr], runPrevBuf[:nr]
	for t := range runs {
		fr[t][0] = inf
		runMin[t], runArg[t], runPrev[t] = runs[t].entry, 0, -1
	}
	// best returns the cheapest state at i other than a run of model skip.
	best := func(i, skip int) (float64, int8) {
		c, st := fm[i], int8(-1)
		for t := range nr {
			if t != skip && fr[t][i] < c {
				c, st = fr[t][i], int8(t)
			}
		}
		return c, st
	}
	for k := 1; k <= n; k++ {
		fm[k], fmFrom[k] = inf, -1
		for _, mi := range byEnd.at(k) {
			m := ms[mi]
			if m.j-m.i < minPart && m.kind != kindSeparator && !(strict && m.kind == KindDictionary) {
				continue
			}
			chained, entered := partBits(m)
			word := m.kind != kindSeparator
			short := strict && word && m.j-m.i <= minPart || m.afterWord
			if c := fm[m.i] + chainedCost(m, chained); c < fm[k] && (!short || anchored[m.i]) {
				fm[k], fmFrom[k], fmPrev[k] = c, mi, -1
				anchored[k] = word || anchored[m.i]
			}
			if short {
				continue
			}
			for t := range nr {
				if c := fr[t][m.i] + m.bits + entered; c < fm[k] {
					fm[k], fmFrom[k], fmPrev[k] = c, mi, int8(t)
					anchored[k] = word
				}
			}
		}
		tail := lenBits
		if k == n {
			tail = 0
		}
		for t := range nr {
			fr[t][k], frFrom[t][k], frPrev[t][k] = runMin[t]+pre[t][k]+tail, runArg[t], runPrev[t]
		}
		for t := range nr {
			if c, st := best(k, t); c+runs[t].entry-pre[t][k] < runMin[t] {
				runMin[t], runArg[t], runPrev[t] = c+runs[t].entry-pre[t][k], int32(k), st
			}
		}
	}
	total, state := best(n, -1)
	var seq []match
	k := n
	for k > 0 {
		if state >= 0 {
			t := int(state)
			i := int(frFrom[t][k])
			if runs[t].kind != "" {
				seq = append(seq, match{i: i, j: k, kind: runs[t].kind, bits: pre[t][k] - pre[t][i]})
			}
			k, state = i, frPrev[t][k]
			continue
		}
		m := ms[fmFrom[k]]
		if m.kind != kindSeparator {
			seq = append(seq, m)
		}
		k, state = m.i, fmPrev[k]
	}
	slices.Reverse(seq)
	return total, seq
}

// phraseWordCap caps what a word of four letters or more (not a number,
// not l33t, not reversed; in lower case, capitalized or in capitals, as
// phrases write words, not rApi) costs inside a phrase, its rank and Zipf
// normalization together. An attacker who
// enumerates phrases with a word n-gram model pays 7 to 11 bits a word of
// ordinary text; 11, and the bit that says a word follows, stays at or
// above that, so no phrase of ordinary words is rated weaker than such an
// attacker finds it, while a sentence of rare words no longer reaches 256
// bits by length alone.
const phraseWordCap = 11

// chainedCost is what match m costs right after another match, chained
// being its partBits.
func chainedCost(m match, chained float64) float64 {
	if m.word {
		return min(m.bits+chained, phraseWordCap+chained-zipfBits)
	}
	return m.bits + chained
}

// partBits is what a match costs beyond its guesses: chained, right after
// another match or at the start, where its position is known; entered,
// after a run.
func partBits(m match) (chained, entered float64) {
	switch m.kind {
	case kindSeparator:
		return 0, 0
	case KindDictionary:
		return 1 + zipfBits, kindBits + dictBits
	case KindDate:
		return 1 + dateFormatBits, kindBits + dateFormatBits
	}
	return 1, kindBits
}

// ends lists match indexes grouped by end position, in two allocations.
type ends struct {
	start []int32
	idx   []int32
}

func (e ends) at(k int) []int32 { return e.idx[e.start[k]:e.start[k+1]] }

func groupByEnd(ms []match, n int, keep func(match) bool) ends {
	start := make([]int32, n+2)
	for _, m := range ms {
		if keep(m) {
			start[m.j+1]++
		}
	}
	for k := 1; k < len(start); k++ {
		start[k] += start[k-1]
	}
	idx := make([]int32, start[n+1])
	fill := make([]int32, n+1)
	for i, m := range ms {
		if keep(m) {
			idx[start[m.j]+fill[m.j]] = int32(i)
			fill[m.j]++
		}
	}
	return ends{start, idx}
}
