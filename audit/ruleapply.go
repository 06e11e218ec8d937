package audit

// Applying rules: the candidate buffer and memory as hashcat keeps them,
// and each function.

import "bytes"

// ruleState is a candidate part way through a rule: hashcat's buffer,
// whose stale bytes past the end the reject functions ! and / still see
// (they search it as a C string), and its memory. It is reused so that
// applying rules allocates nothing.
type ruleState struct {
	buf     [maxRuleWord + 1]byte // the last byte stays 0, ending the C string
	mem     [maxRuleWord + 1]byte
	n       int // the candidate is buf[:n]
	memLen  int
	pm      int // the position the last matching reject function found
	used    int // buf[used:] is zero
	memUsed int // mem[memUsed:] is zero
}

// load starts a rule on word; false when the word is too long for
// rules, as in hashcat.
func (st *ruleState) load(word []byte) bool {
	if len(word) > maxRuleWord {
		return false
	}
	if st.used > len(word) {
		clear(st.buf[len(word):st.used])
	}
	clear(st.mem[:st.memUsed])
	st.n = copy(st.buf[:], word)
	st.used, st.memUsed = st.n, 0
	// The memory starts as zeros as long as the word, until M stores one.
	st.memLen, st.pm = st.n, -1
	return true
}

// copyFrom makes st the same candidate as o, stale bytes included.
func (st *ruleState) copyFrom(o *ruleState) {
	k := max(st.used, o.used)
	copy(st.buf[:k], o.buf[:k])
	if st.memUsed|o.memUsed != 0 {
		k = max(st.memUsed, o.memUsed)
		copy(st.mem[:k], o.mem[:k])
	}
	st.n, st.memLen, st.pm, st.used, st.memUsed = o.n, o.memLen, o.pm, o.used, o.memUsed
}

// Apply returns the candidate rule r makes from word, or false when the
// rule rejects it.
func (r *Rule) Apply(word []byte) ([]byte, bool) {
	var st ruleState
	if !st.load(word) || !st.apply(r) {
		return nil, false
	}
	return bytes.Clone(st.buf[:st.n]), true
}

// apply runs r on the candidate; false means r rejects it. As in
// hashcat, only ":" takes a candidate of 256 bytes (it does not run the
// rule engine at all); every other rule makes nothing of it.
func (st *ruleState) apply(r *Rule) bool {
	if st.n >= maxRuleWord && !r.identity {
		return false
	}
	return st.run(r.ops)
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 0x20
	}
	return c
}

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 0x20
	}
	return c
}

func toggle(c byte) byte {
	if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
		return c ^ 0x20
	}
	return c
}

// insertAt inserts c at p in buf[:n], the caller having checked room.
func (st *ruleState) insertAt(n, p int, c byte) int {
	copy(st.buf[p+1:n+1], st.buf[p:n])
	st.buf[p] = c
	return n + 1
}

// deleteAt removes the byte at p, leaving the last byte in place behind
// the new end, as hashcat does.
func (st *ruleState) deleteAt(n, p int) int {
	if p >= n {
		return n
	}
	copy(st.buf[p:n-1], st.buf[p+1:n])
	return n - 1
}

// cIndex is C's strchr on buf: the first c before the first NUL, or the
// NUL itself when c is 0.
func (st *ruleState) cIndex(c byte) int {
	for i, b := range st.buf {
		if b == c {
			return i
		}
		if b == 0 {
			return -1
		}
	}
	return -1
}

// run applies ops to the candidate; false means the rule rejects it.
func (st *ruleState) run(ops []ruleOp) bool {
	b := &st.buf
	n, memLen, pm, used := st.n, st.memLen, st.pm, st.used
	ok := true
loop:
	for _, op := range ops {
		used = max(used, n)
		if op.pm != 0 {
			if pm < 0 {
				ok = false // p before any match: hashcat rejects
				break loop
			}
			if op.pm&1 != 0 {
				op.a = byte(pm)
			}
			if op.pm&2 != 0 {
				op.b = byte(pm)
			}
			if op.pm&4 != 0 {
				op.c = byte(pm)
			}
		}
		p := int(op.a)
		switch op.fn {
		case 'l':
			for i := range n {
				b[i] = lower(b[i])
			}
		case 'u':
			for i := range n {
				b[i] = upper(b[i])
			}
		case 'c', 'C':
			f, g := lower, upper
			if op.fn == 'C' {
				f, g = upper, lower
			}
			for i := range n {
				b[i] = f(b[i])
			}
			if n > 0 {
				b[0] = g(b[0])
			}
		case 't':
			for i := range n {
				b[i] = toggle(b[i])
			}
		case 'T':
			if p < n {
				b[p] = toggle(b[p])
			}
		case 'r':
			for i, j := 0, n-1; i < j; i, j = i+1, j-1 {
				b[i], b[j] = b[j], b[i]
			}
		case 'd':
			if 2*n < maxRuleWord {
				copy(b[n:2*n], b[:n])
				n *= 2
			}
		case 'p':
			if n*p+n < maxRuleWord {
				for k := 1; k <= p; k++ {
					copy(b[k*n:(k+1)*n], b[:n])
				}
				n *= p + 1
			}
		case 'f':
			if 2*n < maxRuleWord {
				for i := range n {
					b[n+i] = b[n-1-i]
				}
				n *= 2
			}
		case '{':
			if n > 1 {
				c := b[0]
				copy(b[:n-1], b[1:n])
				b[n-1] = c
			}
		case '}':
			if n > 1 {
				c := b[n-1]
				copy(b[1:n], b[:n-1])
				b[0] = c
			}
		case '$':
			if n+1 < maxRuleWord {
				b[n] = op.a
				n++
			}
		case opAppend:
			if m := min(len(op.s), maxRuleWord-1-n); m > 0 {
				copy(b[n:n+m], op.s[:m])
				n += m
			}
		case opPrepend:
			if m := min(len(op.s), maxRuleWord-1-n); m > 0 {
				copy(b[m:n+m], b[:n])
				for j, c := range op.s[:m] {
					b[m-1-j] = c
				}
				n += m
			}
		case '^':
			if n+1 < maxRuleWord {
				n = st.insertAt(n, 0, op.a)
			}
		case '[':
			n = st.deleteAt(n, 0)
		case ']':
			n = st.deleteAt(n, max(n-1, 0))
		case 'D':
			n = st.deleteAt(n, p)
		case 'x', 'O':
			m := int(op.b)
			if p >= n || p+m > n {
				break
			}
			if op.fn == 'x' {
				copy(b[:m], b[p:p+m])
				n = m
			} else {
				copy(b[p:n-m], b[p+m:n])
				n -= m
			}
		case 'i':
			if p <= n && n+1 < maxRuleWord {
				n = st.insertAt(n, p, op.b)
			}
		case 'o':
			if p < n {
				b[p] = op.b
			}
		case '\'':
			if p < n {
				clear(b[p:n])
				n = p
			}
		case 's':
			for i := range n {
				if b[i] == op.a {
					b[i] = op.b
				}
			}
		case '@':
			k := 0
			for i := range n {
				if b[i] != op.a {
					b[k] = b[i]
					k++
				}
			}
			n = k
		case 'z', 'Z':
			if n == 0 || n+p >= maxRuleWord {
				break
			}
			at := 0
			if op.fn == 'Z' {
				at = n - 1
			}
			c := b[at]
			for range p {
				n = st.insertAt(n, at, c)
			}
		case 'q':
			if n == 0 || 2*n >= maxRuleWord {
				break
			}
			for i := n - 1; i >= 0; i-- {
				b[2*i], b[2*i+1] = b[i], b[i]
			}
			n *= 2
		case 'k':
			if n >= 2 {
				b[0], b[1] = b[1], b[0]
			}
		case 'K':
			if n >= 2 {
				b[n-1], b[n-2] = b[n-2], b[n-1]
			}
		case '*':
			q := int(op.b)
			if p < n && q < n {
				b[p], b[q] = b[q], b[p]
			}
		case 'L', 'R', '+', '-':
			if p >= n {
				break
			}
			switch op.fn {
			case 'L':
				b[p] <<= 1
			case 'R':
				b[p] = byte(int8(b[p]) >> 1) // a signed char in hashcat
			case '+':
				b[p]++
			case '-':
				b[p]--
			}
		case '.':
			if p+1 < n {
				b[p] = b[p+1]
			}
		case ',':
			if p >= 1 && p < n {
				b[p] = b[p-1]
			}
		case 'y':
			if p > n || n+p >= maxRuleWord {
				break
			}
			copy(b[p:n+p], b[:n])
			n += p
		case 'Y':
			if p > n || n+p >= maxRuleWord {
				break
			}
			copy(b[n:n+p], b[n-p:n])
			n += p
		case 'E', 'e':
			sep := byte(' ')
			if op.fn == 'e' {
				sep = op.a
			}
			next := true
			for i := range n {
				switch {
				case b[i] == sep:
					next = true
				case next:
					b[i], next = upper(b[i]), false
				default:
					b[i] = lower(b[i])
				}
			}
			b[0] = upper(b[0])
		case '3':
			seen, flip := 0, false
			for i := range n {
				if b[i] == op.b {
					if seen == p {
						flip = true
					} else {
						seen++
					}
					continue
				}
				if flip {
					b[i] = toggle(b[i])
					break
				}
			}
		case 'M':
			copy(st.mem[:n], b[:n])
			memLen = n
			st.memUsed = max(st.memUsed, n)
		case '4', '6':
			if memLen < 1 || n+memLen >= maxRuleWord {
				ok = false
				break loop
			}
			if op.fn == '4' {
				copy(b[n:n+memLen], st.mem[:memLen])
			} else {
				copy(b[memLen:memLen+n], b[:n])
				copy(b[:memLen], st.mem[:memLen])
				copy(st.mem[memLen:memLen+n], b[memLen:memLen+n]) // hashcat builds it in memory
				st.memUsed = max(st.memUsed, memLen+n)
			}
			n += memLen
		case 'X':
			// Insert memory[p:p+m] at position i; hashcat shifts the
			// memory in place to do it, which later functions see.
			m, at := int(op.b), int(op.c)
			if memLen < 1 || n+m > maxRuleWord || at > n || p > memLen || p+m > memLen || m < 1 {
				ok = false
				break loop
			}
			copy(st.mem[:memLen-p], st.mem[p:memLen])
			copy(st.mem[m:m+n-at], b[at:n])
			copy(b[at:at+n-at+m], st.mem[:n-at+m])
			st.memUsed = max(st.memUsed, memLen, m+n-at)
			n += m
		case 'Q':
			if n == memLen && bytes.Equal(b[:n], st.mem[:n]) {
				ok = false
				break loop
			}
		case '<':
			if n > p {
				ok = false
				break loop
			}
		case '>':
			if n < p {
				ok = false
				break loop
			}
		case '_':
			if n != p {
				ok = false
				break loop
			}
		case '!', '/':
			i := st.cIndex(op.a)
			if i >= 0 {
				pm = i
			}
			if (i >= 0) == (op.fn == '!') {
				ok = false
				break loop
			}
		case '(':
			if b[0] != op.a {
				ok = false
				break loop
			}
		case ')':
			if n == 0 || b[n-1] != op.a {
				ok = false
				break loop
			}
		case '=':
			if p+1 > n || b[p] != op.b {
				ok = false
				break loop
			}
		case '%':
			if p+1 > n {
				ok = false
				break loop
			}
			cnt := 0
			for i := 0; i < n && cnt < p; i++ {
				if b[i] == op.b {
					cnt++
					pm = i
				}
			}
			if cnt < p {
				ok = false
				break loop
			}
		}
	}
	// Stale bytes count even when the rule rejects: buf[used:] stays zero.
	st.used = max(used, n)
	if ok {
		st.n, st.memLen, st.pm = n, memLen, pm
	}
	return ok
}
