package strength

import "math"

// A keyboard is a graph of which keys touch which: a walk along it
// (qwerty, 1qaz2wsx, 7894561230) is a handful of guesses, not random.
type keyboard struct {
	name    string
	key     [256]int16 // key number of each character, -1 if none
	shifted [256]bool
	nb      [][8]int16 // neighbours of each key by direction, -1 if none
	chars   float64    // starting positions: characters, shifted or not
	degree  float64    // average number of neighbours
}

// A layout lists rows of keys as unshifted and shifted characters; 0 is a
// key this table leaves out (non-ASCII on AZERTY, gaps on the number pad).
type layout struct {
	name    string
	slanted bool // rows offset as on a typewriter; otherwise a grid
	offsets []int
	rows    [][2]string
}

var keyboardLayouts = []layout{
	{"qwerty", true, []int{0, 1, 1, 1}, [][2]string{
		{"`1234567890-=", "~!@#$%^&*()_+"},
		{"qwertyuiop[]\\", "QWERTYUIOP{}|"},
		{"asdfghjkl;'", "ASDFGHJKL:\""},
		{"zxcvbnm,./", "ZXCVBNM<>?"},
	}},
	{"azerty", true, []int{0, 1, 1, 0}, [][2]string{
		{"\x00&\x00\"'(-\x00_\x00\x00)=", "\x001234567890\x00+"},
		{"azertyuiop^$", "AZERTYUIOP\x00\x00"},
		{"qsdfghjklm\x00*", "QSDFGHJKLM%\x00"},
		{"<wxcvbn,;:!", ">WXCVBN?./\x00"},
	}},
	{"dvorak", true, []int{0, 1, 1, 1}, [][2]string{
		{"`1234567890[]", "~!@#$%^&*(){}"},
		{"',.pyfgcrl/=\\", "\"<>PYFGCRL?+|"},
		{"aoeuidhtns-", "AOEUIDHTNS_"},
		{";qjkxbmwvz", ":QJKXBMWVZ"},
	}},
	{"number pad", false, []int{0, 0, 0, 0, 0}, [][2]string{
		{"\x00/*-", "\x00\x00\x00\x00"},
		{"789+", "\x00\x00\x00\x00"},
		{"456+", "\x00\x00\x00\x00"},
		{"123\x00", "\x00\x00\x00\x00"},
		{"00.\x00", "\x00\x00\x00\x00"},
	}},
}

var (
	slantedDirs = [][2]int{{-1, 0}, {0, -1}, {1, -1}, {1, 0}, {0, 1}, {-1, 1}}
	gridDirs    = [][2]int{{-1, 0}, {-1, -1}, {0, -1}, {1, -1}, {1, 0}, {1, 1}, {0, 1}, {-1, 1}}
)

func buildKeyboards() []*keyboard {
	var out []*keyboard
	for _, l := range keyboardLayouts {
		out = append(out, l.build())
	}
	return out
}

func (l layout) build() *keyboard {
	k := &keyboard{name: l.name}
	for i := range k.key {
		k.key[i] = -1
	}
	type cell struct{ x, y int }
	at := map[cell]int16{}
	var cells [][]cell
	for y, row := range l.rows {
		for c := 0; c < len(row[0]); c++ {
			u, s := row[0][c], row[1][c]
			if u == 0 {
				continue
			}
			id := k.key[u]
			if id < 0 {
				id = int16(len(cells))
				cells = append(cells, nil)
				k.key[u] = id
				k.chars++
				if s != 0 {
					k.key[s] = id
					k.shifted[s] = true
					k.chars++
				}
			}
			p := cell{c + l.offsets[y], y}
			at[p] = id
			cells[id] = append(cells[id], p)
		}
	}
	dirs := gridDirs
	if l.slanted {
		dirs = slantedDirs
	}
	k.nb = make([][8]int16, len(cells))
	total := 0
	for id, cs := range cells {
		for d := range k.nb[id] {
			k.nb[id][d] = -1
		}
		for d, dv := range dirs {
			for _, p := range cs {
				n, ok := at[cell{p.x + dv[0], p.y + dv[1]}]
				if ok && n != int16(id) {
					k.nb[id][d] = n
					break
				}
			}
			if k.nb[id][d] >= 0 {
				total++
			}
		}
	}
	k.degree = float64(total) / float64(len(cells))
	return k
}

// matchKeyboards finds walks of three or more keys on each layout.
func matchKeyboards(s []byte, ms *[]match) {
	for _, k := range layouts {
		k.walks(s, ms)
	}
}

func (k *keyboard) walks(s []byte, ms *[]match) {
	n := len(s)
	for i := 0; i < n-2; {
		cur := k.key[s[i]]
		if cur < 0 {
			i++
			continue
		}
		j, dir, turns := i+1, -1, 0
		for ; j < n; j++ {
			next := k.key[s[j]]
			d := -1
			if next >= 0 {
				for dd, nb := range k.nb[cur] {
					if nb == next {
						d = dd
						break
					}
				}
			}
			if d < 0 {
				break
			}
			if d != dir {
				turns++
				dir = d
			}
			cur = next
		}
		if j-i >= 3 {
			shifted := 0
			for _, c := range s[i:j] {
				if k.shifted[c] {
					shifted++
				}
			}
			bits := math.Log2(k.guesses(j-i, turns, shifted))
			*ms = append(*ms, match{i: i, j: j, kind: KindKeyboard, bits: bits, zbits: bits, text: k.name})
			i = j
			continue
		}
		i++
	}
}

// guesses counts the walks of up to length keys with up to turns changes
// of direction from any starting key (the zxcvbn estimate), times the ways
// to shift some of the keys.
func (k *keyboard) guesses(length, turns, shifted int) float64 {
	var g float64
	for i := 2; i <= length; i++ {
		for j := 1; j <= min(turns, i-1); j++ {
			g += binomial(i-1, j-1) * k.chars * math.Pow(k.degree, float64(j))
		}
	}
	if shifted > 0 {
		u := length - shifted
		if u == 0 {
			g *= 2
		} else {
			var v float64
			for i := 1; i <= min(shifted, u); i++ {
				v += binomial(shifted+u, i)
			}
			g *= v
		}
	}
	return g
}
