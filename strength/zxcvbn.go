package strength

import "math"

// zxcvbn's constants: brute force counts 10 guesses a character, a match
// inside a longer password costs at least 10 or 50 guesses, and a sequence
// of l parts costs l! × Π guesses + 10000^(l-1).
const (
	zBrutePerChar = 3.321928094887362 // log2(10)
	zMinSingle    = 3.321928094887362 // log2(10)
	zMinMulti     = 5.643856189774724 // log2(50)
	zGrowing      = 13.28771237954945 // log2(10000)
)

// zxcvbnDecomposition is the 2016 zxcvbn paper's minimum-guesses search
// over the same matches. jwtkey reports the smaller of the two models for
// short secrets, so it never rates one stronger than zxcvbn would.
func zxcvbnDecomposition(s []byte, ms []match) float64 {
	n := len(s)
	if n == 0 {
		return 0
	}
	bruteZ := func(l int) float64 {
		b := float64(l) * zBrutePerChar
		if l == 1 {
			return max(b, math.Log2(11))
		}
		return max(b, math.Log2(51))
	}
	maxL := int(bruteZ(n)/zGrowing) + 2
	maxL = min(maxL, n)
	inf := math.Inf(1)
	// pm[k][l]: cheapest log2 product covering [0,k) with l parts, last a
	// match; pb: last a random run (two runs never touch).
	pm := make([][]float64, n+1)
	pb := make([][]float64, n+1)
	for k := range pm {
		pm[k] = make([]float64, maxL+1)
		pb[k] = make([]float64, maxL+1)
		for l := range pm[k] {
			pm[k][l], pb[k][l] = inf, inf
		}
	}
	pm[0][0] = 0
	byEnd := groupByEnd(ms, n, func(m match) bool { return !math.IsInf(m.zbits, 1) })
	for k := 1; k <= n; k++ {
		for _, mi := range byEnd.at(k) {
			m := ms[mi]
			g := m.zbits
			if m.j-m.i < n {
				if m.j-m.i == 1 {
					g = max(g, zMinSingle)
				} else {
					g = max(g, zMinMulti)
				}
			}
			for l := 1; l <= maxL; l++ {
				if c := min(pm[m.i][l-1], pb[m.i][l-1]) + g; c < pm[k][l] {
					pm[k][l] = c
				}
			}
		}
		for i := 0; i < k; i++ {
			b := bruteZ(k - i)
			for l := 1; l <= maxL; l++ {
				if c := pm[i][l-1] + b; c < pb[k][l] {
					pb[k][l] = c
				}
			}
		}
	}
	best := inf
	for l := 1; l <= maxL; l++ {
		p := min(pm[n][l], pb[n][l])
		if math.IsInf(p, 1) {
			continue
		}
		lf, _ := math.Lgamma(float64(l + 1))
		a := lf/math.Ln2 + p
		b := float64(l-1) * zGrowing
		best = min(best, logAdd(a, b))
	}
	return best
}

// logAdd returns log2(2^a + 2^b).
func logAdd(a, b float64) float64 {
	if a < b {
		a, b = b, a
	}
	return a + math.Log2(1+math.Exp2(b-a))
}
