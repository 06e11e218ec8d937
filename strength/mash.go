package strength

import (
	"math"
)

// Keyboard mashing: a hand running over the keys (ajsdkfhaskdjfh,
// kjh3k4j5h2kj3h4) carries far fewer bits a character than its alphabet
// suggests. mashCosts prices each byte under a model of such typing, so the
// decomposition can compare a run of it with brute force: the saving is a
// likelihood ratio against uniform randomness, and it counts only past the
// slack, like every other pattern.
//
// The model predicts the next byte from everything typed before it, as a
// blend of three layers, each backing off to the next:
//
//   - what followed the last two bytes the few times they were typed before
//     (repeated chunks: kj3h, kj3h);
//   - what followed the last byte (s then d, s then d);
//   - how often each byte was typed so far, started from a prior of how
//     hands type on a qwerty keyboard: mostly the home row, often a key
//     next to the last one, often a key under the other hand, the same key
//     again sometimes, and the shift key held or released rarely.
//
// Each layer is a probability distribution over the next byte, so the cost
// of a run is the log of the guesses an attacker who types like this needs.
// On random keys the adaptive layers cost more than the alphabet does,
// which keeps them from chance savings.

// Blend weights: how many pseudo-observations each layer's backing-off
// distribution is worth. Small weights trust the history sooner. These and
// the keyboard prior's weights below were fitted, by coordinate descent on
// the bits a character, to the tuning half of a labelled set of mashed
// strings found in public code (the report half was left out).
const (
	mashPrior0 = 48 // order 0 against the keyboard prior
	mashPrior1 = 13 // order 1 against order 0
	mashPrior2 = 2  // order 2 against order 1
)

const mashSeen = 4 // earlier occurrences of a context that are counted

const mashRowAdapt = 16 // pseudo-keys of the prior's shares of the rows

// mashLongNumber is the shortest run of digits read as a number: inside
// one, only what the model saves beyond a uniform digit counts. Random
// numbers (0.8273641927…, timestamps) are digits at random, which brute
// force over a larger alphabet overprices; a hand's digit bursts (8039,
// 42378) are shorter.
const mashLongNumber = 8

// Prior of the keyboard layer: relative weights of a key, and factors for a
// key next to the last one, the same key again, and a key under the other
// hand.
//
// The weight of a key is how often hands mashing hit it: the share of the
// key among the characters of the mashed strings in the tuning half of a
// labelled set (61 strings found in public code, 2,726 keys), smoothed by
// 1,000 pseudo-keys spread by the weights of the rows (mashRowWeight), and
// scaled back to those weights. Mashing hands favour the index and middle
// fingers (f, r, e, j, n, b; 2, 3, 4, 8, 9) and rarely reach for the
// little fingers' keys (q, p, z, the keys right of them).
var (
	mashKeyWeight = [5][]float64{
		{0.349, 1.71, 3.04, 3.78, 3.26, 1.6, 1.53, 1.94, 3.12, 2.78, 1.31, 0.792, 0.46},  // `1234567890-=
		{0.996, 2.88, 3.62, 3.69, 1.85, 1.85, 3.21, 2.66, 2.47, 0.959, 0.59, 0.59, 0.59}, // qwertyuiop[]\\
		{6.81, 9.21, 8.88, 10.8, 6.04, 8.14, 9.61, 8.25, 4.97, 2.42, 2.01},               // asdfghjkl;'
		{0.315, 0.5, 1.02, 1.27, 1.68, 1.87, 0.684, 0.463, 0.315, 0.389},                 // zxcvbnm,./
		{0.208}, // space
	}
	mashRowWeight = [5]float64{1.3, 2.2, 7.5, 0.9, 0.5} // number, top, home, bottom, space
	mashAdjacent  = 3.75
	mashRepeat    = 0.15
	mashAlternate = 1.3
	mashShiftKeep = 0.95 // chance the shift state stays as it was
	mashClassKeep = 0.85 // chance the next key is of the same class as the last
	// mashClassStart is the chance of letters, digits and other keys for
	// the first key, and their shares when the class changes.
	mashClassStart = [3]float64{0.7, 0.2, 0.1}
	mashOffBoard   = 1.0 / 64
)

// A mashBoard is the qwerty keyboard as the model sees it: for each byte its
// key and shift state, and for each previous key the probability of each
// next key.
type mashBoard struct {
	key      [256]int8 // key number, -1 for a byte not on the keyboard
	shifted  [256]bool
	class    []int8          // of each key: letters, digits, the rest
	row      []int8          // of each key: number row to space bar
	next     [][]float64     // next[p][k]: probability of key k after key p among the keys of its class; p = len-1 for none
	rowSum   [][3][5]float64 // rowSum[p][class][row]: the sum of next[p][k] over the keys of that class and row
	rowShare [5]float64      // of each row in the prior's weights
}

var mashKeys *mashBoard

func buildMashBoard() *mashBoard {
	b := &mashBoard{}
	for i := range b.key {
		b.key[i] = -1
	}
	// Keys fall in three classes, letters, digits and the rest; a hand
	// stays in one class for a while (letter runs, digit bursts). Within a
	// class the next key is weighted by row, closeness and hand.
	type keyInfo struct {
		row, col int
		class    int8
		weight   float64
	}
	classOf := func(c byte) int8 {
		switch {
		case c >= 'a' && c <= 'z':
			return 0
		case isDigit(c):
			return 1
		}
		return 2
	}
	var keys []keyInfo
	l := keyboardLayouts[0] // qwerty
	for y, row := range l.rows {
		for c := 0; c < len(row[0]); c++ {
			id := int8(len(keys))
			keys = append(keys, keyInfo{y, c + l.offsets[y], classOf(row[0][c]), mashKeyWeight[y][c]})
			b.key[row[0][c]] = id
			b.key[row[1][c]] = id
			b.shifted[row[1][c]] = true
		}
	}
	space := int8(len(keys))
	keys = append(keys, keyInfo{4, -1, 2, mashKeyWeight[4][0]})
	b.key[' '] = space
	nk := len(keys)
	hand := func(k keyInfo) int {
		switch {
		case k.col < 0:
			return 0
		case k.col <= 5:
			return 1
		}
		return 2
	}
	adjacent := func(a, c keyInfo) bool {
		if a.col < 0 || c.col < 0 {
			return false
		}
		dy, dx := c.row-a.row, c.col-a.col
		switch dy {
		case 0:
			return dx == 1 || dx == -1
		case 1:
			return dx == 0 || dx == -1
		case -1:
			return dx == 0 || dx == 1
		}
		return false
	}
	b.class = make([]int8, nk)
	b.row = make([]int8, nk)
	for k := range nk {
		b.class[k] = keys[k].class
		b.row[k] = int8(keys[k].row)
	}
	b.rowSum = make([][3][5]float64, nk+1)
	total := 0.0
	for _, w := range mashRowWeight {
		total += w
	}
	for r, w := range mashRowWeight {
		b.rowShare[r] = w / total
	}
	b.next = make([][]float64, nk+1)
	for p := 0; p <= nk; p++ {
		row := make([]float64, nk)
		var sum [3]float64
		for k := range nk {
			w := keys[k].weight
			if p < nk {
				switch {
				case p == k:
					w *= mashRepeat
				case adjacent(keys[p], keys[k]):
					w *= mashAdjacent
				}
				if hp, hk := hand(keys[p]), hand(keys[k]); hp != 0 && hk != 0 && hp != hk {
					w *= mashAlternate
				}
			}
			row[k] = w
			sum[keys[k].class] += w
		}
		for k := range row {
			row[k] /= sum[keys[k].class]
			b.rowSum[p][keys[k].class][keys[k].row] += row[k]
		}
		b.next[p] = row
	}
	return b
}

// A mashState counts, as a string is read, how often the hand kept to
// the class of key and the shift state of the last one: mashing styles
// differ (long letter runs; digits every few keys), so both adapt. The
// shift state is kept apart for letters and for the other keys: with caps
// lock on, upper-case letters come with unshifted digits (HJK34JK5).
type mashState struct {
	classKeep, classMoves float64
	switchTo              [3]float64 // changes of class, by the class changed to
	shiftKeep, shiftMoves float64
	shift                 [2]int8    // of the last letter and the last other key: -1 none yet, 0 unshifted, 1 shifted
	rows                  [5]float64 // keys typed on each row
}

// mashAdapt is how many pseudo-moves the starting chances are worth.
const mashAdapt = 4

// mashSwitchAdapt is how many pseudo-changes of class the starting shares
// of the classes changed to are worth: a hand that breaks off its letter
// runs for digits keeps doing so, and one that never types a symbol does
// not start.
const mashSwitchAdapt = 2

// rowFactor is how much more often than the prior's share the hand has
// typed on row r so far: mashing styles differ (the home row; the top row
// and digits), so the rows adapt, from mashRowAdapt pseudo-keys.
func (b *mashBoard) rowFactor(st *mashState, r int8) float64 {
	return (st.rows[r] + mashRowAdapt*b.rowShare[r]) / b.rowShare[r]
}

// prior is the keyboard layer's probability of byte c after byte p (p < 0
// at the start).
func (b *mashBoard) prior(st *mashState, p int, c byte) float64 {
	k := b.key[c]
	if k < 0 {
		return mashOffBoard / 256
	}
	ck := b.class[k]
	if p < 0 || b.key[p] < 0 {
		return (1 - mashOffBoard) * 0.5 * mashClassStart[ck] * b.next[len(b.next)-1][k]
	}
	pk := b.key[p]
	cp := b.class[pk]
	keep := (st.classKeep + mashAdapt*mashClassKeep) / (st.classMoves + mashAdapt)
	cls := keep
	if ck != cp {
		var w [3]float64
		for c := range w {
			w[c] = st.switchTo[c] + mashSwitchAdapt*mashClassStart[c]
		}
		cls = (1 - keep) * w[ck] / (w[0] + w[1] + w[2] - w[cp])
	}
	shift := 1.0 // the space bar has no shifted character
	if c != ' ' {
		shift = (st.shiftKeep + mashAdapt*mashShiftKeep) / (st.shiftMoves + mashAdapt)
		if b.shifted[c] != b.lastShift(st, byte(p), c) {
			shift = 1 - shift
		}
	}
	norm := 0.0
	for r, v := range b.rowSum[pk][ck] {
		norm += v * b.rowFactor(st, int8(r))
	}
	return (1 - mashOffBoard) * shift * cls * b.next[pk][k] * b.rowFactor(st, b.row[k]) / norm
}

// lastShift is the shift state c is compared with: that of the last key of
// its group (letters, other keys), or of p when there is none yet.
func (b *mashBoard) lastShift(st *mashState, p, c byte) bool {
	if s := st.shift[b.shiftGroup(c)]; s >= 0 {
		return s == 1
	}
	return b.shifted[p]
}

func (b *mashBoard) shiftGroup(c byte) int {
	if b.class[b.key[c]] == 0 {
		return 0
	}
	return 1
}

// observe records the move from byte p to byte c.
func (b *mashBoard) observe(st *mashState, p, c byte) {
	kp, kc := b.key[p], b.key[c]
	if kp < 0 || kc < 0 {
		return
	}
	st.classMoves++
	if b.class[kp] == b.class[kc] {
		st.classKeep++
	} else {
		st.switchTo[b.class[kc]]++
	}
	if c != ' ' {
		st.shiftMoves++
		if b.shifted[c] == b.lastShift(st, p, c) {
			st.shiftKeep++
		}
		st.shift[b.shiftGroup(c)] = int8(btoi(b.shifted[c]))
	}
}

// mashCosts returns the bits of each byte of s under the typing model. Bytes
// of non-ASCII characters cost their brute-force price and a bit more: the
// model describes a hand on a qwerty keyboard, nothing else. Linear in the
// length: each layer looks at a bounded number of earlier occurrences.
func mashCosts(s []byte, brute []float64) []float64 {
	if hexWithSeparators(s) {
		// Hex digits, in groups or not, are a machine's output (UUIDs,
		// hashes, MAC addresses): no hand keeps to a to f.
		return bruteAndABit(brute)
	}
	n := len(s)
	costs := make([]float64, n)
	var count0 [256]int32
	var last [256]int32 // 1 + the last position of each byte, 0 for none
	link := make([]int32, n)
	b := mashKeys
	st := mashState{shift: [2]int8{-1, -1}}
	number := false // s[k] is in a run of mashLongNumber digits or more
	for k := range n {
		c := s[k]
		if isDigit(c) && (k == 0 || !isDigit(s[k-1])) {
			j := k
			for j < n && isDigit(s[j]) {
				j++
			}
			number = j-k >= mashLongNumber
		}
		if c >= 0x80 {
			costs[k] = brute[k] + 1
		} else {
			p := -1
			if k > 0 {
				p = int(s[k-1])
			}
			p0 := (float64(count0[c]) + mashPrior0*b.prior(&st, p, c)) / (float64(k) + mashPrior0)
			prob := p0
			if k > 0 {
				// Earlier occurrences of the last byte, and of the last two.
				// A context followed by many different bytes trusts the
				// layer below more (PPM's escape method C).
				var n1, t1, n2, t2 float64
				var seen1, seen2 [mashSeen]byte
				d1, d2 := 0, 0
				for q := link[k-1]; q > 0 && t1 < mashSeen; q = link[q-1] {
					at := int(q - 1) // an earlier position holding s[k-1]
					next := s[at+1]
					t1++
					if next == c {
						n1++
					}
					d1 = addDistinct(&seen1, d1, next)
					if k >= 2 && at >= 1 && s[at-1] == s[k-2] && t2 < mashSeen {
						t2++
						if next == c {
							n2++
						}
						d2 = addDistinct(&seen2, d2, next)
					}
				}
				e1 := mashPrior1 + float64(d1)
				p1 := (n1 + e1*p0) / (t1 + e1)
				e2 := mashPrior2 + float64(d2)
				prob = (n2 + e2*p1) / (t2 + e2)
			}
			costs[k] = -math.Log2(prob)
			if isDigit(c) && k > 0 && isDigit(s[k-1]) && number {
				costs[k] = brute[k] + costs[k] - math.Log2(10)
			}
		}
		if k > 0 {
			b.observe(&st, s[k-1], c)
		}
		if kc := b.key[c]; kc >= 0 {
			st.rows[b.row[kc]]++
		}
		count0[c]++
		link[k] = last[c]
		last[c] = int32(k + 1)
	}
	return costs
}

// addDistinct adds c to the first d entries of seen unless it is there, and
// returns the new count.
func addDistinct(seen *[mashSeen]byte, d int, c byte) int {
	for _, x := range seen[:d] {
		if x == c {
			return d
		}
	}
	seen[d] = c
	return d + 1
}

// hexWithSeparators reports whether s is hex digits, with or without
// dashes or colons between groups.
func hexWithSeparators(s []byte) bool {
	for _, c := range s {
		if !isHex(c) && c != '-' && c != ':' {
			return false
		}
	}
	return true
}
