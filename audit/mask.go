package audit

import (
	"errors"
	"fmt"
	"math/bits"
	"strings"
)

// Built-in charsets, as hashcat names them.
var builtinCharsets = map[byte]string{
	'l': "abcdefghijklmnopqrstuvwxyz",
	'u': "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
	'd': "0123456789",
	'h': "0123456789abcdef",
	'H': "0123456789ABCDEF",
	's': " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
	'a': "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
}

// MaxMaskLen is the longest mask ParseMask accepts, in positions.
const MaxMaskLen = 256

// ErrKeyspaceTooLarge is returned for masks with 2^64 or more candidates.
var ErrKeyspaceTooLarge = errors.New("audit: the keyspace has 2^64 or more candidates")

// Mask is a brute-force pattern: one charset per position of the
// candidate, in hashcat's syntax.
type Mask struct {
	text   string
	sets   [][]byte
	repeat []byte // the charset, for masks made by RepeatCharset
}

// ParseCharset expands a charset in hashcat's syntax: literal characters
// and ?l ?u ?d ?h ?H ?s ?a ?b, ?? for '?' itself, and ?1 to ?4 for the
// custom charsets (which may not refer to custom charsets themselves).
// Repeated characters count once; the order of first appearance is kept.
func ParseCharset(spec string, custom [4][]byte) ([]byte, error) {
	cs, err := parseCharset(spec, custom)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	return cs, nil
}

// parseCharset is ParseCharset with its errors unprefixed, for callers
// that add their own context.
func parseCharset(spec string, custom [4][]byte) ([]byte, error) {
	var out []byte
	var seen [256]bool
	addAll := func(s []byte) {
		for _, c := range s {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	for i := 0; i < len(spec); i++ {
		if spec[i] != '?' {
			addAll([]byte{spec[i]})
			continue
		}
		set, err := placeholder(spec, i, custom)
		if err != nil {
			return nil, err
		}
		addAll(set)
		i++
	}
	if len(out) == 0 {
		return nil, errors.New("empty charset")
	}
	return out, nil
}

// placeholder expands the ?x at spec[i].
func placeholder(spec string, i int, custom [4][]byte) ([]byte, error) {
	if i+1 >= len(spec) {
		return nil, fmt.Errorf("%q ends with a lone '?': write ?? for a literal '?'", spec)
	}
	switch c := spec[i+1]; {
	case c == '?':
		return []byte{'?'}, nil
	case c == 'b':
		b := make([]byte, 256)
		for j := range b {
			b[j] = byte(j)
		}
		return b, nil
	case c >= '1' && c <= '4':
		if len(custom[c-'1']) == 0 {
			return nil, fmt.Errorf("%q uses ?%c, but custom charset %c is not defined", spec, c, c)
		}
		return custom[c-'1'], nil
	default:
		if s, ok := builtinCharsets[c]; ok {
			return []byte(s), nil
		}
		return nil, fmt.Errorf("unknown placeholder ?%c in %q: use ?l ?u ?d ?h ?H ?s ?a ?b ?1-?4 or ??", c, spec)
	}
}

// ParseCustomCharsets parses up to four custom charset specs (hashcat's
// -1 to -4); an empty spec leaves that charset undefined.
func ParseCustomCharsets(specs [4]string) ([4][]byte, error) {
	custom, err := parseCustomCharsets(specs)
	if err != nil {
		return custom, fmt.Errorf("audit: %w", err)
	}
	return custom, nil
}

func parseCustomCharsets(specs [4]string) ([4][]byte, error) {
	var custom [4][]byte
	for i, s := range specs {
		if s == "" {
			continue
		}
		if hasCustomRef(s) {
			return custom, fmt.Errorf("custom charset %d refers to a custom charset", i+1)
		}
		cs, err := parseCharset(s, [4][]byte{})
		if err != nil {
			return custom, fmt.Errorf("custom charset %d: %w", i+1, err)
		}
		custom[i] = cs
	}
	return custom, nil
}

func hasCustomRef(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '?' {
			if s[i+1] >= '1' && s[i+1] <= '4' {
				return true
			}
			i++
		}
	}
	return false
}

// ParseMask parses a mask in hashcat's syntax: each position is a literal
// character or a placeholder (see ParseCharset).
func ParseMask(mask string, custom [4][]byte) (*Mask, error) {
	m, err := parseMask(mask, custom)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	return m, nil
}

func parseMask(mask string, custom [4][]byte) (*Mask, error) {
	m := &Mask{text: mask}
	for i := 0; i < len(mask); i++ {
		if mask[i] != '?' {
			m.sets = append(m.sets, []byte{mask[i]})
			continue
		}
		set, err := placeholder(mask, i, custom)
		if err != nil {
			return nil, err
		}
		m.sets = append(m.sets, dedupe(set))
		i++
	}
	switch {
	case len(m.sets) == 0:
		return nil, errors.New("empty mask")
	case len(m.sets) > MaxMaskLen:
		return nil, fmt.Errorf("mask has %d positions, more than %d", len(m.sets), MaxMaskLen)
	}
	return m, nil
}

// RepeatCharset returns the mask of n positions that each take charset.
func RepeatCharset(charset []byte, n int) *Mask {
	cs := dedupe(charset)
	m := &Mask{sets: make([][]byte, n), repeat: cs}
	for i := range m.sets {
		m.sets[i] = cs
	}
	m.text = fmt.Sprintf("%d×[%s]", n, printableSet(cs))
	return m
}

func dedupe(set []byte) []byte {
	var seen [256]bool
	out := make([]byte, 0, len(set))
	for _, c := range set {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

func printableSet(cs []byte) string {
	if len(cs) > 40 {
		return fmt.Sprintf("%d characters", len(cs))
	}
	return strings.ToValidUTF8(string(cs), "�")
}

// String returns the mask as written.
func (m *Mask) String() string { return m.text }

// Len is the length of every candidate, in bytes.
func (m *Mask) Len() int { return len(m.sets) }

// Prefix returns the mask of the first n positions (hashcat's --increment
// tries the prefixes of a mask in turn).
func (m *Mask) Prefix(n int) *Mask {
	if m.repeat != nil {
		return RepeatCharset(m.repeat, n)
	}
	// Cut the text too: placeholders take two bytes, literals one.
	pos, i := 0, 0
	for ; i < len(m.text) && pos < n; i++ {
		if m.text[i] == '?' {
			i++
		}
		pos++
	}
	return &Mask{text: m.text[:i], sets: m.sets[:n]}
}

// Keyspace returns the number of candidates; ok is false when it is 2^64
// or more.
func (m *Mask) Keyspace() (n uint64, ok bool) {
	n = 1
	for _, s := range m.sets {
		hi, lo := bits.Mul64(n, uint64(len(s)))
		if hi != 0 {
			return 0, false
		}
		n = lo
	}
	return n, true
}

// Candidate writes candidate number i (0-based, the last position varying
// fastest) into dst, which must be Len bytes long.
func (m *Mask) Candidate(i uint64, dst []byte) {
	for p := len(m.sets) - 1; p >= 0; p-- {
		s := m.sets[p]
		dst[p] = s[i%uint64(len(s))]
		i /= uint64(len(s))
	}
}

// cursor walks a mask's candidates in order, editing one buffer in place.
type cursor struct {
	m   *Mask
	idx []int
	buf []byte
}

func newCursor(m *Mask) *cursor {
	return &cursor{m: m, idx: make([]int, m.Len()), buf: make([]byte, m.Len())}
}

// seek moves to candidate i.
func (c *cursor) seek(i uint64) {
	for p := len(c.m.sets) - 1; p >= 0; p-- {
		s := c.m.sets[p]
		c.idx[p] = int(i % uint64(len(s)))
		c.buf[p] = s[c.idx[p]]
		i /= uint64(len(s))
	}
}

// next moves to the following candidate, wrapping to the first after the
// last.
func (c *cursor) next() {
	for p := len(c.idx) - 1; p >= 0; p-- {
		s := c.m.sets[p]
		c.idx[p]++
		if c.idx[p] < len(s) {
			c.buf[p] = s[c.idx[p]]
			return
		}
		c.idx[p] = 0
		c.buf[p] = s[0]
	}
}

// keyspace is a sequence of masks numbered as one: incremental attacks
// run the masks of each length in turn.
type keyspace struct {
	masks  []*Mask
	starts []uint64 // index of each mask's first candidate
	total  uint64
}

func newKeyspace(masks []*Mask) (*keyspace, error) {
	k := &keyspace{masks: masks}
	for _, m := range masks {
		n, ok := m.Keyspace()
		if !ok {
			return nil, fmt.Errorf("%w: mask %s", ErrKeyspaceTooLarge, m)
		}
		k.starts = append(k.starts, k.total)
		sum, carry := bits.Add64(k.total, n, 0)
		if carry != 0 {
			return nil, ErrKeyspaceTooLarge
		}
		k.total = sum
	}
	return k, nil
}

// locate returns the mask holding global index i and i's index in it.
func (k *keyspace) locate(i uint64) (int, uint64) {
	j := len(k.starts) - 1
	for j > 0 && k.starts[j] > i {
		j--
	}
	return j, i - k.starts[j]
}

// Keyspace returns the number of candidates of masks tried one after the
// other, as an incremental attack does.
func Keyspace(masks ...*Mask) (uint64, error) {
	k, err := newKeyspace(masks)
	if err != nil {
		return 0, err
	}
	return k.total, nil
}
