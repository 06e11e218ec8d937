package strength

import "math"

// Keys invented to look random: asked for a "random" secret, people and
// assistants write strings such as Xk9mP2vL8nQ4rT7w… or 7f3a9c2e8b4d1f6a…
// They switch between kinds of character in a regular way (a digit every
// third character, lower and upper case in turn), avoid the repeats chance
// makes (no letter twice until most letters are used, all ten digits in
// turn) and often step along the alphabet or the keyboard. A generator
// repeats characters as often as chance says and switches kinds at random.
//
// inventCosts prices each byte under a model of such strings: the kind of
// each character, then the character within its kind, each predicted by a
// Bayesian mixture of experts learnt along the string. One expert of each
// mixture is uniform randomness itself, so on a random key the model costs
// at most a few bits more than brute force. What it saves is counted
// against a null model of random keys whose kinds come in their own shares
// (inventCosts), which gives uniform randomness half its weight: a run
// priced x bits below brute force is at least 2^(x-1) times more likely
// under the model than under uniform randomness, and a random key does
// that with probability at most 2^(1-x) (the likelihood ratio bound). Like
// every pattern, a run counts only past the slack.

// Kinds of character as the model sees them: charClass less one.
const (
	invLower = iota
	invUpper
	invDigit
	invSymbol
	invKinds
	invNone = invKinds // context before the first character
)

// Experts predicting the kind of the next character: the alphabet's own
// shares (uniform randomness), shares learnt along the string, the kind
// after the last one and after the last two, the kind p characters back
// for p from 2 to invMaxPeriod (a digit every third character), and the
// case of a letter from the case of the last letter (XkRmPq: in turn).
const (
	invMaxPeriod   = 8
	invCaseExpert  = 4 + invMaxPeriod - 1
	invKindExperts = invCaseExpert + 1
)

// invKindPrior is the prior weight of each kind expert, in the order above.
var invKindPrior = [invKindExperts]float64{0.35, 0.1, 0.1, 0.1, 0.035, 0.035, 0.035, 0.035, 0.035, 0.035, 0.035, 0.105}

// invAdapt is how many pseudo-observations the backing-off distribution of
// each adaptive kind expert is worth.
const invAdapt = 2

// Experts predicting a character within its kind: uniform, one that learns
// how often recently used characters come back, and two that learn the
// step from the last character of the kind along the alphabet and along
// the qwerty keyboard.
const (
	invUniform = iota
	invRecency
	invStepAlphabet
	invStepKeyboard
	invCharExperts
)

var invCharPrior = [invCharExperts]float64{0.5, 0.3, 0.1, 0.1}

// Recency buckets: a character's rank among the characters of its kind,
// most recently used first, falls in [0, size/4), [size/4, size/2),
// [size/2, size) or it was not used yet.
const invBuckets = 4

// invRecencyAdapt and invStepAdapt are the pseudo-counts of the recency and
// step experts.
const (
	invRecencyAdapt = 2
	invStepAdapt    = 0.5
)

const invQwerty = "qwertyuiopasdfghjklzxcvbnm"

var invQwertyPos = func() (p [26]int8) {
	for i := range len(invQwerty) {
		p[invQwerty[i]-'a'] = int8(i)
	}
	return p
}()

// An inventModel is the state of the model along one string.
type inventModel struct {
	size  [invKinds]int // characters in each kind present, 0 when absent
	share [invKinds]float64
	hex   bool

	kindW [invKindExperts]float64
	nullW [2]float64 // the null model's mixture: the alphabet's shares, the learnt ones
	n0    [invKinds]float64
	n1    [invKinds + 1][invKinds]float64
	t1    [invKinds + 1]float64
	n2    [(invKinds + 1) * (invKinds + 1)][invKinds]float64
	t2    [(invKinds + 1) * (invKinds + 1)]float64
	hit   [invMaxPeriod + 1]float64
	try   [invMaxPeriod + 1]float64
	// the case of the last letter (-1 none yet), and how often a letter
	// kept it
	lastCase            int
	caseKept, caseMoves float64
	kindOf              []int8 // kind of each byte so far; invNone for bytes outside the kinds
	family              [invKinds]int
	charW               [3][invCharExperts]float64 // per family: letters, digits, symbols
	mtf                 [invKinds][33]byte         // characters of each kind, most recent first
	used                [invKinds]int
	picks               [invBuckets]float64 // picks that fell in each recency bucket
	expect              [invBuckets]float64 // picks uniform randomness would put there
	steps               [3][2][26]float64   // per family, per order (alphabet, keyboard): counts of each step
	stepN               [3][2]float64
	lastPos             [3][2]int // per family and order, position of the last character; -1 for none
}

func (m *inventModel) init(s []byte) {
	m.hex = isHexString(s)
	total := 0
	for _, c := range s {
		if k := charClass(c) - 1; k >= 0 && m.size[k] == 0 {
			m.size[k] = invKindSize(k, m.hex)
			total += m.size[k]
		}
	}
	for k, n := range m.size {
		m.share[k] = float64(n) / float64(max(total, 1))
	}
	m.family = [invKinds]int{0, 0, 1, 2}
	m.kindW = invKindPrior
	m.lastCase = -1
	m.nullW = [2]float64{0.5, 0.5}
	for f := range m.charW {
		m.charW[f] = invCharPrior
		m.lastPos[f] = [2]int{-1, -1}
	}
}

// invKindSize is the number of characters of kind k; hex for a secret made
// only of hex digits, whose letters are a to f.
func invKindSize(k int, hex bool) int {
	switch k {
	case invLower, invUpper:
		if hex {
			return 6
		}
		return 26
	case invDigit:
		return 10
	}
	return 33
}

// inventCosts returns, for each byte of s, its brute-force price less what
// the model saves on it beyond a random key that draws the kinds of
// character in its own shares: random strings of digits and dots
// (0.8273641927…), UUIDs and keys from generators with a small alphabet
// use some kinds more than brute force assumes, and the model learns the
// shares too; that is not invention. The null model mixes the alphabet's
// shares with shares learnt along the string, as the model does, with
// characters uniform within their kind.
// Bytes outside printable ASCII cost their brute-force price and a bit
// more; bytes brute force prices at nothing (base64 padding) cost nothing.
// Linear in the length.
func inventCosts(s []byte, brute []float64) []float64 {
	var m inventModel
	m.init(s)
	costs := make([]float64, len(s))
	m.kindOf = make([]int8, 0, len(s))
	for i, c := range s {
		k := charClass(c) - 1
		switch {
		case brute[i] == 0:
			m.kindOf = append(m.kindOf, invNone)
			continue
		case k < 0:
			costs[i] = brute[i] + 1
			m.kindOf = append(m.kindOf, invNone)
			continue
		}
		kind, null := m.kindProb(k)
		p := kind * m.charProb(k, c)
		null /= float64(m.size[k])
		costs[i] = max(0, brute[i]+math.Log2(null/p))
		m.kindOf = append(m.kindOf, int8(k))
	}
	return costs
}

// kindProb returns the mixture's probability of kind k next and the null
// model's, and learns it.
func (m *inventModel) kindProb(k int) (mixture, null float64) {
	t := len(m.kindOf)
	prev, prev2 := invNone, invNone
	if t > 0 {
		prev = int(m.kindOf[t-1])
	}
	if t > 1 {
		prev2 = int(m.kindOf[t-2])
	}
	c2 := prev2*(invKinds+1) + prev
	// The shares learnt so far, and the kind after the last one, backing
	// off to them.
	var o0, o1 [invKinds]float64
	n0 := m.n0[0] + m.n0[1] + m.n0[2] + m.n0[3]
	for x := range o0 {
		o0[x] = (m.n0[x] + invAdapt*m.share[x]) / (n0 + invAdapt)
		o1[x] = (m.n1[prev][x] + invAdapt*o0[x]) / (m.t1[prev] + invAdapt)
	}
	var pr [invKindExperts]float64
	pr[0] = m.share[k]
	pr[1] = o0[k]
	pr[2] = o1[k]
	pr[3] = (m.n2[c2][k] + invAdapt*pr[2]) / (m.t2[c2] + invAdapt)
	for p := 2; p <= invMaxPeriod; p++ {
		e := 4 + p - 2
		if t < p || m.kindOf[t-p] == invNone {
			pr[e] = pr[1]
			continue
		}
		back := int(m.kindOf[t-p])
		h := (m.hit[p] + 0.5) / (m.try[p] + 1)
		if k == back {
			pr[e] = h
			m.hit[p]++
		} else if o0[back] < 1 {
			pr[e] = (1 - h) * pr[1] / (1 - o0[back])
		}
		m.try[p]++
	}
	pr[invCaseExpert] = pr[2]
	letter := k == invLower || k == invUpper
	if letter && m.lastCase >= 0 && m.size[invLower] > 0 && m.size[invUpper] > 0 {
		kept := (m.caseKept + 0.5) / (m.caseMoves + 1)
		if k != m.lastCase {
			kept = 1 - kept
		}
		pr[invCaseExpert] = (o1[invLower] + o1[invUpper]) * kept
		m.caseMoves++
		if k == m.lastCase {
			m.caseKept++
		}
	}
	if letter {
		m.lastCase = k
	}
	for e, w := range m.kindW {
		mixture += w * pr[e]
	}
	inv := 1 / mixture
	for e := range m.kindW {
		m.kindW[e] *= pr[e] * inv
	}
	null = m.nullW[0]*pr[0] + m.nullW[1]*pr[1]
	m.nullW[0] *= pr[0] / null
	m.nullW[1] *= pr[1] / null
	m.n0[k]++
	m.n1[prev][k]++
	m.t1[prev]++
	m.n2[c2][k]++
	m.t2[c2]++
	return mixture, null
}

// charProb returns the mixture's probability of byte c within kind k, and
// learns it.
func (m *inventModel) charProb(k int, c byte) float64 {
	size := m.size[k]
	f := m.family[k]
	var pr [invCharExperts]float64
	pr[invUniform] = 1 / float64(size)

	// Recency: the rank of c among the characters of its kind, most
	// recent first, and the number of characters in each bucket of ranks.
	list := m.mtf[k][:m.used[k]]
	rank := -1
	for i, x := range list {
		if x == c {
			rank = i
			break
		}
	}
	r1, r2 := max(1, size/4), max(2, size/2)
	var in [invBuckets]float64
	d := len(list)
	in[0] = float64(min(d, r1))
	in[1] = float64(max(0, min(d, r2)-r1))
	in[2] = float64(max(0, d-r2))
	in[3] = float64(size - d)
	// Only fewer repeats than chance are learnt: more (a small alphabet,
	// as Django's keys have 14 of the 33 symbols) is not this model's shape.
	var theta [invBuckets]float64
	norm := 0.0
	for b := invBuckets - 1; b >= 0; b-- {
		theta[b] = (m.picks[b] + invRecencyAdapt) / (m.expect[b] + invRecencyAdapt)
		if b < invBuckets-1 {
			theta[b] = min(theta[b], theta[invBuckets-1])
		}
		norm += in[b] * theta[b]
	}
	b := 3
	switch {
	case rank < 0:
	case rank < r1:
		b = 0
	case rank < r2:
		b = 1
	default:
		b = 2
	}
	pr[invRecency] = theta[b] / norm
	for x := range in {
		m.expect[x] += in[x] / float64(size)
	}
	m.picks[b]++
	if rank < 0 {
		rank = d
		m.used[k]++
	}
	copy(m.mtf[k][1:rank+1], m.mtf[k][:rank])
	m.mtf[k][0] = c

	// Steps along the alphabet and the keyboard from the last character of
	// the family (letters of either case, digits).
	// Digits and hex letters have one order: the keyboard's is the
	// alphabet's.
	pr[invStepAlphabet], pr[invStepKeyboard] = pr[invUniform], pr[invUniform]
	if f < 2 {
		var pos [2]int
		orders := 1
		if f == 1 {
			pos[0] = int(c - '0')
		} else {
			l := c | 0x20
			pos[0] = int(l - 'a')
			if !m.hex {
				pos[1] = int(invQwertyPos[l-'a'])
				orders = 2
			}
		}
		for o := range orders {
			if last := m.lastPos[f][o]; last >= 0 {
				step := (pos[o] - last + size) % size
				pr[invStepAlphabet+o] = (m.steps[f][o][step] + invStepAdapt) / (m.stepN[f][o] + invStepAdapt*float64(size))
				m.steps[f][o][step]++
				m.stepN[f][o]++
			}
			m.lastPos[f][o] = pos[o]
		}
		if orders == 1 {
			pr[invStepKeyboard] = pr[invStepAlphabet]
		}
	}

	w := &m.charW[f]
	mix := 0.0
	for e := range pr {
		mix += w[e] * pr[e]
	}
	inv := 1 / mix
	for e := range pr {
		w[e] *= pr[e] * inv
	}
	return mix
}
