package strength

import (
	"math"
	"time"
)

// now is the clock for years, dates and Unix times; tests pin it.
var now = time.Now

// yearsAhead is how far past the current year a year still looks like one
// a person would type: expiry dates, "2030 roadmap" secrets.
const yearsAhead = 5

// Dates are read as widely as zxcvbn reads them (years 1000 to 2050, or
// yearsAhead past now if later); the cost grows with the distance from now.
const minDateYear = 1000

func maxDateYear() int { return lastDateYear(now().Year()) }

// lastDateYear is the last year a date may have in the year given.
func lastDateYear(year int) int { return max(year+yearsAhead, 2050) }

// minYearSpace keeps years close to the current one from costing next to
// nothing (zxcvbn's MIN_YEAR_SPACE).
const minYearSpace = 20

func yearBits(y int) float64 {
	return math.Log2(float64(max(abs(y-now().Year()), minYearSpace)))
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// matchSequences finds runs with a constant step: abcd, 1357, zyx, and hex
// counting across the 9→a gap (0123456789abcdef).
func matchSequences(s []byte, ms *[]match) {
	ord := func(c byte) (class, v int) {
		switch {
		case c >= 'a' && c <= 'z':
			return 1, int(c)
		case c >= 'A' && c <= 'Z':
			return 2, int(c)
		case isDigit(c):
			return 3, int(c)
		}
		return 0, 0
	}
	hexOrd := func(c byte) (class, v int) {
		switch {
		case isDigit(c):
			return 4, int(c - '0')
		case c >= 'a' && c <= 'f':
			return 4, int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			return 5, int(c-'A') + 10
		}
		return 0, 0
	}
	runs(s, ord, false, ms)
	runs(s, hexOrd, true, ms)
}

func runs(s []byte, ord func(byte) (int, int), hex bool, ms *[]match) {
	n := len(s)
	i := 0
	for i < n-1 {
		c0, v0 := ord(s[i])
		c1, v1 := ord(s[i+1])
		d := v1 - v0
		if c0 == 0 || c1 != c0 && !(hex && c1 >= 4 && c0 >= 4) || d == 0 || abs(d) > 5 {
			i++
			continue
		}
		j := i + 2
		for j < n {
			cj, vj := ord(s[j])
			_, vp := ord(s[j-1])
			if cj == 0 || (cj != c0 && !hex) || vj-vp != d {
				break
			}
			j++
		}
		if j-i > 2 || abs(d) == 1 {
			crossesGap := false
			if hex {
				for k := i; k < j; k++ {
					if !isDigit(s[k]) {
						crossesGap = isDigit(s[i]) || isDigit(s[j-1])
						break
					}
				}
			}
			if !hex || crossesGap {
				bits := math.Log2(sequenceGuesses(s[i], d, j-i, hex))
				*ms = append(*ms, match{i: i, j: j, kind: KindSequence, bits: bits, zbits: bits})
			}
		}
		i = j - 1
	}
}

func sequenceGuesses(first byte, delta, length int, hex bool) float64 {
	var base float64
	switch {
	case first == 'a' || first == 'A' || first == 'z' || first == 'Z' || first == '0' || first == '1' || first == '9':
		base = 4
	case hex:
		base = 16
	case isDigit(first):
		base = 10
	default:
		base = 26
	}
	if delta < 0 {
		base *= 2
	}
	return base * float64(length)
}

// maxBlock bounds the block length of local repeats so the cost stays
// linear in the input; a whole secret made of one block written several
// times is found separately, whatever the block's length.
const maxBlock = 64

// matchRepeats finds a block written two or more times in a row: aaaa,
// abcabc, the same key pasted twice. Each repeat costs what its block costs,
// times the number of copies.
func matchRepeats(s []byte, depth int, small bool, ms *[]match) {
	n := len(s)
	memo := map[string]*estimate{} // blocks repeat: aabbaabb
	for i := 0; i < n-1; i++ {
		bestB, bestEnd := 0, 0
		for b := 1; b <= maxBlock && i+2*b <= n; b++ {
			if s[i+b] != s[i] || !equal(s[i+b:i+2*b], s[i:i+b]) {
				continue // not even two copies
			}
			if i >= 1 && s[i-1] == s[i-1+b] {
				continue // inside a repeat that starts earlier
			}
			end := i + b
			for end+b <= n && equal(s[end:end+b], s[i:i+b]) {
				end += b
			}
			if end-i >= 2*b && end-i > bestEnd-i {
				bestB, bestEnd = b, end
			}
		}
		if bestB == 0 || !small && bestEnd-i < minPart {
			continue
		}
		addRepeat(s, i, bestB, bestEnd, depth, memo, ms)
	}
	if p := period(s); p > maxBlock && 2*p <= n {
		addRepeat(s, 0, p, n/p*p, depth, memo, ms)
	}
}

func addRepeat(s []byte, i, b, end, depth int, memo map[string]*estimate, ms *[]match) {
	block := s[i : i+b]
	base, ok := memo[string(block)]
	if !ok {
		base = analyze(block, depth+1)
		memo[string(block)] = base
	}
	count := float64((end - i) / b)
	*ms = append(*ms, match{i: i, j: end, kind: KindRepeat,
		bits: base.sbits + math.Log2(count), zbits: base.zbits + math.Log2(count),
		text: string(block), num: int(count)})
}

func equal(a, b []byte) bool { return string(a) == string(b) }

// period returns the smallest p such that s[k] == s[k-p] for every k ≥ p
// (the Knuth–Morris–Pratt failure function), in linear time.
func period(s []byte) int {
	n := len(s)
	if n == 0 {
		return 0
	}
	fail := make([]int, n)
	for i, k := 1, 0; i < n; i++ {
		for k > 0 && s[i] != s[k] {
			k = fail[k-1]
		}
		if s[i] == s[k] {
			k++
		}
		fail[i] = k
	}
	return n - fail[n-1]
}

// matchDigits finds years, dates and Unix times in runs of digits, and
// dates written with separators.
func matchDigits(s []byte, ms *[]match) {
	n := len(s)
	year := now().Year()
	for i := 0; i < n; {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < n && isDigit(s[j]) {
			j++
		}
		run := s[i:j]
		for k := 0; k+4 <= len(run); k++ {
			if y := atoi(run[k : k+4]); y >= 1900 && y <= year+yearsAhead {
				b := yearBits(y)
				*ms = append(*ms, match{i: i + k, j: i + k + 4, kind: KindYear, bits: b, zbits: b, num: y})
			}
		}
		for l := 4; l <= 8 && l <= len(run); l++ {
			for k := 0; k+l <= len(run); k++ {
				if y, ok := bareDate(run[k:k+l], year); ok {
					b := math.Log2(365) + yearBits(y)
					*ms = append(*ms, match{i: i + k, j: i + k + l, kind: KindDate, bits: b, zbits: b, num: y})
				}
			}
		}
		if l := len(run); l == 10 || l == 13 {
			if t, ok := unixTime(run); ok {
				*ms = append(*ms, match{i: i, j: j, kind: KindTimestamp, bits: timestampBits(l), zbits: timestampBits(l), when: t.Unix()})
			}
		}
		i = j
	}
	matchSeparatedDates(s, ms)
}

// timestampBits is the guessing work for a Unix time between 2000 and a
// few years ahead: about 30 bits in seconds, 40 in milliseconds.
func timestampBits(digits int) float64 {
	span := float64(now().AddDate(yearsAhead, 0, 0).Unix() - 946684800)
	if digits == 13 {
		span *= 1000
	}
	return math.Log2(span)
}

func unixTime(run []byte) (time.Time, bool) {
	v := int64(0)
	for _, c := range run {
		v = v*10 + int64(c-'0')
	}
	if len(run) == 13 {
		v /= 1000
	}
	lo, hi := int64(946684800), now().AddDate(yearsAhead, 0, 0).Unix()
	if v < lo || v > hi {
		return time.Time{}, false
	}
	return time.Unix(v, 0).UTC(), true
}

func atoi(b []byte) int {
	v := 0
	for _, c := range b {
		v = v*10 + int(c-'0')
	}
	return v
}

// dateSplits are where 4 to 8 digits split into three numbers, as zxcvbn
// splits them: 1191 is 1-1-91 or 11-9-1, 15011990 is 15-01-1990.
var dateSplits = map[int][][2]int{
	4: {{1, 2}, {2, 3}},
	5: {{1, 3}, {2, 3}},
	6: {{1, 2}, {2, 4}, {4, 5}},
	7: {{1, 3}, {2, 3}, {4, 5}, {4, 6}},
	8: {{2, 4}, {4, 6}},
}

// bareDate reads 4 to 8 digits as a day, month and year in any common
// order, with zxcvbn's rules, and returns the year closest to year (now).
func bareDate(d []byte, year int) (int, bool) {
	best, found := 0, false
	maxYear := lastDateYear(year)
	for _, sp := range dateSplits[len(d)] {
		y, ok := dmy(atoi(d[:sp[0]]), atoi(d[sp[0]:sp[1]]), atoi(d[sp[1]:]), maxYear)
		if ok && (!found || abs(y-year) < abs(best-year)) {
			best, found = y, true
		}
	}
	return best, found
}

// dmy returns the year of three numbers that read as a date: the middle
// one is never the year; a four-digit year comes first or last; otherwise a
// two-digit year does.
func dmy(a, b, c, maxYear int) (int, bool) {
	if b > 31 || b <= 0 {
		return 0, false
	}
	over12, over31, under1 := 0, 0, 0
	for _, x := range []int{a, b, c} {
		if x > 99 && x < minDateYear || x > maxYear {
			return 0, false
		}
		if x > 31 {
			over31++
		}
		if x > 12 {
			over12++
		}
		if x <= 0 {
			under1++
		}
	}
	if over31 >= 2 || over12 == 3 || under1 >= 2 {
		return 0, false
	}
	for _, sp := range [][3]int{{c, a, b}, {a, b, c}} {
		if sp[0] >= minDateYear && sp[0] <= maxYear {
			return sp[0], dayMonth(sp[1], sp[2])
		}
	}
	for _, sp := range [][3]int{{c, a, b}, {a, b, c}} {
		if dayMonth(sp[1], sp[2]) {
			y := sp[0]
			switch {
			case y > 99:
			case y > 50:
				y += 1900
			default:
				y += 2000
			}
			return y, true
		}
	}
	return 0, false
}

// dayMonth reports whether two numbers are a day and a month in either
// order. Like zxcvbn, it lets a zero through.
func dayMonth(x, y int) bool { return x <= 31 && y <= 12 || y <= 31 && x <= 12 }

func validDM(day, month int) bool { return day >= 1 && day <= 31 && month >= 1 && month <= 12 }

func isDateSep(c byte) bool {
	switch c {
	case '/', '\\', '-', '_', '.', ' ':
		return true
	}
	return false
}

// matchSeparatedDates finds d-m-y, m/d/y and y.m.d with the same separator
// twice.
func matchSeparatedDates(s []byte, ms *[]match) {
	n := len(s)
	digits := func(i, lo, hi int) int {
		k := i
		for k < n && isDigit(s[k]) && k-i < hi {
			k++
		}
		if k-i < lo || k < n && isDigit(s[k]) {
			return -1
		}
		return k
	}
	for i := 0; i < n; i++ {
		if !isDigit(s[i]) || i > 0 && isDigit(s[i-1]) {
			continue
		}
		a := digits(i, 1, 4)
		if a < 0 || a >= n || !isDateSep(s[a]) {
			continue
		}
		sep := s[a]
		b := digits(a+1, 1, 2)
		if b < 0 || b >= n || s[b] != sep {
			continue
		}
		c := digits(b+1, 1, 4)
		if c < 0 {
			continue
		}
		x, y, z := atoi(s[i:a]), atoi(s[a+1:b]), atoi(s[b+1:c])
		yr := -1
		switch {
		case a-i == 4 && validDM(z, y):
			yr = x
		case c-b-1 == 4 || c-b-1 == 2:
			if validDM(x, y) || validDM(y, x) {
				yr = z
				if c-b-1 == 2 {
					if yr > 50 {
						yr += 1900
					} else {
						yr += 2000
					}
				}
			}
		}
		if yr < minDateYear || yr > maxDateYear() {
			continue
		}
		bits := math.Log2(365*4) + yearBits(yr)
		*ms = append(*ms, match{i: i, j: c, kind: KindDate, bits: bits, zbits: bits, num: yr})
	}
}

// matchUUIDs finds 8-4-4-4-12 hex UUIDs. A version 4 UUID holds 122 random
// bits, a version 7 one 74 plus a millisecond time, version 1 and 6 a time
// and a MAC address; none is enough for HS256.
func matchUUIDs(s []byte, ms *[]match) {
	const l = 36
	for i := 0; i+l <= len(s); i++ {
		if !isUUID(s[i : i+l]) {
			continue
		}
		var bits float64
		v := s[i+14]
		switch {
		case allZero(s[i : i+l]):
			bits = 0
		case v == '4':
			bits = 122
		case v == '7':
			bits = 74 + timestampBits(13)
		case v == '1' || v == '6':
			bits = 60
		default:
			bits = 122
		}
		*ms = append(*ms, match{i: i, j: i + l, kind: KindUUID, bits: bits, zbits: bits, num: int(v - '0')})
		i += l - 1
	}
}

func isUUID(u []byte) bool {
	for k, c := range u {
		if k == 8 || k == 13 || k == 18 || k == 23 {
			if c != '-' {
				return false
			}
		} else if !isHex(c) {
			return false
		}
	}
	return true
}

func isHex(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func allZero(u []byte) bool {
	for _, c := range u {
		if c != '0' && c != '-' {
			return false
		}
	}
	return true
}

// matchSeparators marks the characters people put between words. The
// first of each kind is one of eight choices, 3 bits; a phrase keeps its
// separator, so the same one again costs half a bit. The zxcvbn model has
// no such pattern.
func matchSeparators(s []byte, ms *[]match) {
	var seen [256]bool
	for i, c := range s {
		punct := false
		switch c {
		case '-', '_', '.', ' ', '/', ':', '|', '+':
		case ',', '!', '?', ';', '\'', '"':
			punct = true
		default:
			continue
		}
		bits := 3.0
		if seen[c] {
			bits = sameSeparatorBits
		}
		seen[c] = true
		*ms = append(*ms, match{i: i, j: i + 1, kind: kindSeparator, bits: bits, zbits: math.Inf(1), afterWord: punct})
	}
}

// sameSeparatorBits is the cost of a separator already used in the secret.
const sameSeparatorBits = 0.5
