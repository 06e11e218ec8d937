package strength

import (
	"math"
	"strings"
)

// Some "key generator" pages make keys that look random but follow a fixed
// structure: characters stepping through the alphabet, the ASCII table or
// the keyboard with a fixed stride, several such sequences interleaved
// (a1b2c3d4…), or a fixed pattern of character classes (digit, lower,
// upper, digit, lower, upper…). These matchers find the structure, not
// particular strings; like every pattern, a match counts only when the
// whole secret saves more than chance does.

// Character classes, with their sizes in a secret of that alphabet.
const (
	clsNone = iota
	clsLower
	clsUpper
	clsDigit
	clsSymbol
)

func charClass(c byte) int {
	switch {
	case c >= 'a' && c <= 'z':
		return clsLower
	case c >= 'A' && c <= 'Z':
		return clsUpper
	case isDigit(c):
		return clsDigit
	case c >= 0x20 && c < 0x7f:
		return clsSymbol
	}
	return clsNone
}

// classBits is the cost of one character of a class; hexOnly for a secret
// made only of hex digits, whose letters are a to f.
func classBits(cls int, hexOnly bool) float64 {
	switch cls {
	case clsLower, clsUpper:
		if hexOnly {
			return math.Log2(6)
		}
		return math.Log2(26)
	case clsDigit:
		return math.Log2(10)
	}
	return math.Log2(33)
}

// maxClassPeriod bounds the length of a class pattern's period.
const maxClassPeriod = 4

// matchClassPatterns finds spans where the class of each character repeats
// the class p characters before: x7K9mP2vQ8nR… has period 3 (digit, lower,
// upper). Naming the period and its classes costs 2 bits a class; each
// character then costs the log of its class's size instead of the whole
// alphabet's.
func matchClassPatterns(s []byte, ms *[]match) {
	n := len(s)
	hexOnly := isHexString(s)
	for p := 2; p <= maxClassPeriod; p++ {
		minLen := max(2*p, 6)
		for i := 0; i+minLen <= n; {
			if charClass(s[i]) == clsNone {
				i++
				continue
			}
			j := i + 1
			for j < n && charClass(s[j]) != clsNone && (j-i < p || charClass(s[j]) == charClass(s[j-p])) {
				j++
			}
			if j-i >= minLen && distinctClasses(s[i:i+p]) > 1 {
				bits := math.Log2(maxClassPeriod) + 2*float64(p)
				for r := range p {
					bits += strandBits(s[i:j], r, p, hexOnly)
				}
				*ms = append(*ms, match{i: i, j: j, kind: KindPattern, bits: bits, zbits: math.Inf(1), num: p})
			}
			if j-i > p {
				i = j - p + 1 // a later span may start inside this one's tail
			} else {
				i++
			}
		}
	}
}

// strandBits prices the characters at positions r, r+p, r+2p… of span,
// all of one class: one by one within the class, or, when they step by a
// constant amount along the alphabet or along the keyboard (QWERTYUIOP…),
// as a start and a step.
func strandBits(span []byte, r, p int, hexOnly bool) float64 {
	cls := charClass(span[r])
	per := classBits(cls, hexOnly)
	count := (len(span) - r + p - 1) / p
	uniform := float64(count) * per
	if count < 4 {
		return uniform
	}
	for _, order := range strandOrders(cls, hexOnly) {
		pos := func(c byte) int { return strings.IndexByte(order, c|0x20*byte(btoi(cls == clsUpper))) }
		first, second := pos(span[r]), pos(span[r+p])
		if first < 0 || second < 0 || first == second {
			continue
		}
		n := len(order)
		step := (second - first + n) % n
		regular := true
		for k := r + 2*p; k < len(span); k += p {
			if q := pos(span[k]); q < 0 || q != (pos(span[k-p])+step)%n {
				regular = false
				break
			}
		}
		if regular {
			return 1 + per + math.Log2(float64(n-1)) // which order, start, step
		}
	}
	return uniform
}

// strandOrders lists the orders a strand of a class may step along.
func strandOrders(cls int, hexOnly bool) []string {
	switch {
	case cls == clsDigit:
		return []string{"0123456789", "1234567890"}
	case hexOnly && (cls == clsLower || cls == clsUpper):
		return []string{"abcdef"}
	case cls == clsLower || cls == clsUpper:
		return []string{"abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm"}
	}
	return nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func distinctClasses(b []byte) int {
	var seen [5]bool
	d := 0
	for _, c := range b {
		if k := charClass(c); !seen[k] {
			seen[k] = true
			d++
		}
	}
	return d
}

// classRange is the first character and size of the class of c, for
// sequences that wrap around (z to a, 9 to 0, f to a in hex).
func classRange(c byte, hexOnly bool) (byte, int) {
	switch charClass(c) {
	case clsLower:
		if hexOnly {
			return 'a', 6
		}
		return 'a', 26
	case clsUpper:
		if hexOnly {
			return 'A', 6
		}
		return 'A', 26
	case clsDigit:
		return '0', 10
	}
	return 0, 0
}

// stepIn reports the step from a to b within their class, wrapping around.
func stepIn(a, b byte, hexOnly bool) (int, bool) {
	fa, na := classRange(a, hexOnly)
	fb, nb := classRange(b, hexOnly)
	if na == 0 || fa != fb || nb != na || int(a-fa) >= na || int(b-fb) >= nb {
		return 0, false
	}
	d := (int(b-fb) - int(a-fa) + na) % na
	if d > na/2 {
		d -= na
	}
	return d, true
}

// matchInterleaved finds two or three sequences written in turn:
// a1b2c3d4e5… (letters up, digits up), a7b6c5d4… (letters up, digits
// down). Each strand steps by a constant amount within its class and may
// wrap around; steps of 0 are repeats, found elsewhere.
func matchInterleaved(s []byte, ms *[]match) {
	n := len(s)
	hexOnly := isHexString(s)
	for p := 2; p <= 3; p++ {
		minLen := 4 * p
		for i := 0; i+minLen <= n; {
			var steps [3]int
			ok := true
			for r := range p {
				d, in := stepIn(s[i+r], s[i+r+p], hexOnly)
				if !in || d == 0 {
					ok = false
					break
				}
				steps[r] = d
			}
			if !ok {
				i++
				continue
			}
			j := i + 2*p
			for j < n {
				d, in := stepIn(s[j-p], s[j], hexOnly)
				if !in || d != steps[(j-i)%p] {
					break
				}
				j++
			}
			if j-i >= minLen {
				bits := 1.0 // which period
				for r := range p {
					_, size := classRange(s[i+r], hexOnly)
					bits += math.Log2(float64(size)) + math.Log2(float64(size-1))
				}
				*ms = append(*ms, match{i: i, j: j, kind: KindSequence, bits: bits, zbits: math.Inf(1), num: p})
				i = j - 2*p + 1
				continue
			}
			i++
		}
	}
}

// matchStrides finds runs with a constant step through the printable ASCII
// table (wrapping from ~ to space) that cross character classes, as
// !#%')+-/13579;=?ACEG… does; steps within one class are sequences, found
// elsewhere. A step costs log2(94), the start log2(95).
func matchStrides(s []byte, ms *[]match) {
	const minLen = 6
	n := len(s)
	step := func(a, b byte) int { return (int(b) - int(a) + 95) % 95 }
	printable := func(c byte) bool { return c >= 0x20 && c < 0x7f }
	for i := 0; i+minLen <= n; {
		if !printable(s[i]) || !printable(s[i+1]) || s[i] == s[i+1] {
			i++
			continue
		}
		d := step(s[i], s[i+1])
		j := i + 2
		for j < n && printable(s[j]) && step(s[j-1], s[j]) == d {
			j++
		}
		if j-i >= minLen && distinctClasses(s[i:j]) > 1 {
			bits := math.Log2(95) + math.Log2(94)
			*ms = append(*ms, match{i: i, j: j, kind: KindSequence, bits: bits, zbits: math.Inf(1)})
		}
		i = max(i+1, j-1)
	}
}
