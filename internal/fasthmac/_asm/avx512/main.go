// gen_avx512 writes avx512_amd64.s: HMAC kernels that check one candidate
// per lane of the AVX-512 registers, 16 for SHA-256 and 8 for SHA-384 and
// SHA-512. Run it with
//
//	go run . -out ../../avx512_amd64.s
//
// Each kernel runs two groups of lanes (32 candidates for SHA-256, 16 for
// SHA-384 and SHA-512), interleaved a round at a time: one group alone is
// bound by the latency of a round, two fill the vector units. A group
// keeps the eight working variables in registers, one register per
// variable with one candidate per lane, renamed by the rounds instead of
// moved, and its 16-word schedule window on the stack. The message blocks'
// W+K come precomputed and are broadcast to every lane; only the ipad,
// opad and final blocks compute a schedule.
package main

import (
	"fmt"

	"github.com/jwtkey/jwtkey/internal/fasthmac/_asm/internal/gen"
)

//go:generate go run . -out ../../avx512_amd64.s

var p = gen.P

// alg is a hash with this generator's methods.
type alg struct{ *gen.Alg }

func (a *alg) block() int { return 16 * a.WS }

func (a *alg) sym(s string) string { return a.Name + s + "<>" }

func (a *alg) data() {
	n := a.Name
	words := func(name string, ws []uint64) {
		for i, w := range ws {
			if a.WS == 4 {
				fmt.Fprintf(&gen.Out, "DATA %s<>+%d(SB)/4, $0x%08x\n", n+name, 4*i, w)
			} else {
				fmt.Fprintf(&gen.Out, "DATA %s<>+%d(SB)/8, $0x%016x\n", n+name, 8*i, w)
			}
		}
		fmt.Fprintf(&gen.Out, "GLOBL %s<>(SB), RODATA|NOPTR, $%d\n", n+name, a.WS*len(ws))
	}
	words("k", a.K)
	words("iv", a.IV)
	ipad, opad, one := a.Pads()
	bits := uint64(a.block()+a.Digest*a.WS) * 8
	words("c", []uint64{ipad, opad, one, bits})
}

const groups = 2

func stateRegs(g int) []string {
	r := make([]string, 8)
	for j := range r {
		r[j] = fmt.Sprintf("Z%d", 8*g+j)
	}
	return r
}

// wreg is the register that holds W[t] of group g, for t >= 14.
func wreg(g, t int) string { return fmt.Sprintf("Z%d", 16+2*g+t%2) }

var (
	tmp = [3]string{"Z20", "Z21", "Z22"}        // round temporaries
	utm = [4]string{"Z23", "Z24", "Z25", "Z26"} // schedule temporaries
)

// Stack layout, per group: the 16-word window of W (slot t%16), the key
// words, the state saved for the feed-forward, the inner digest. Each word
// is one 64-byte vector.
const (
	offW     = 0
	offKW    = offW + 1024*groups
	offSave  = offKW + 1024*groups
	offInner = offSave + 512*groups
	frame    = offInner + 512*groups
)

// The slots are addressed from R8, SP rounded up to 64 bytes: a vector
// that straddles two cache lines costs two accesses.
func wslot(g, t int) string     { return fmt.Sprintf("%d(R8)", offW+1024*g+64*(t%16)) }
func kwslot(g, i int) string    { return fmt.Sprintf("%d(R8)", offKW+1024*g+64*i) }
func saveslot(g, j int) string  { return fmt.Sprintf("%d(R8)", offSave+512*g+64*j) }
func innerslot(g, j int) string { return fmt.Sprintf("%d(R8)", offInner+512*g+64*j) }

// round returns group g's round t on the renamed state v. With
// precomputed, W+K is broadcast from (t%16)*ws(ptr); otherwise W[t] comes
// from the window (computed here for t >= 16) and K[t] from the table, at
// (t-16)*ws(ptr) when ptr is set.
func (a *alg) round(g, t int, v []string, precomputed bool, ptr string) []string {
	s := a.Sfx()
	var ins []string
	e := func(format string, args ...any) { ins = append(ins, fmt.Sprintf(format, args...)) }
	av, bv, cv, dv, ev, fv, gv, hv := v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]
	if precomputed {
		e("VPADD%s.BCST %d(%s), %s, %s", s, (t%16)*a.WS, ptr, hv, hv)
	} else {
		switch {
		case t >= 16:
			r := wreg(g, t) // holds W[t-2] until overwritten with W[t]
			e("VPROR%s $%d, %s, %s", s, a.SmallS1[0], r, utm[1])
			e("VPROR%s $%d, %s, %s", s, a.SmallS1[1], r, utm[2])
			e("VPSRL%s $%d, %s, %s", s, a.SmallS1[2], r, utm[3])
			e("VPTERNLOG%s $0x96, %s, %s, %s", s, utm[3], utm[2], utm[1])
			e("VMOVDQU64 %s, %s", wslot(g, t-15), utm[0])
			e("VPROR%s $%d, %s, %s", s, a.SmallS0[1], utm[0], utm[2])
			e("VPSRL%s $%d, %s, %s", s, a.SmallS0[2], utm[0], utm[3])
			e("VPROR%s $%d, %s, %s", s, a.SmallS0[0], utm[0], utm[0])
			e("VPTERNLOG%s $0x96, %s, %s, %s", s, utm[3], utm[2], utm[0])
			e("VPADD%s %s, %s, %s", s, wslot(g, t-16), utm[0], utm[0])
			e("VPADD%s %s, %s, %s", s, wslot(g, t-7), utm[0], utm[0])
			e("VPADD%s %s, %s, %s", s, utm[1], utm[0], r)
			e("VMOVDQU64 %s, %s", r, wslot(g, t))
			e("VPADD%s %s, %s, %s", s, r, hv, hv)
		case t >= 14:
			e("VMOVDQU64 %s, %s", wslot(g, t), wreg(g, t))
			e("VPADD%s %s, %s, %s", s, wreg(g, t), hv, hv)
		default:
			e("VPADD%s %s, %s, %s", s, wslot(g, t), hv, hv)
		}
		if ptr != "" {
			e("VPADD%s.BCST %d(%s), %s, %s", s, (t-16)*a.WS, ptr, hv, hv)
		} else {
			e("VPADD%s.BCST %s+%d(SB), %s, %s", s, a.sym("k"), t*a.WS, hv, hv)
		}
	}
	t0, t1, t2 := tmp[0], tmp[1], tmp[2]
	e("VMOVDQA64 %s, %s", ev, t1)
	e("VPTERNLOG%s $0xca, %s, %s, %s", s, gv, fv, t1) // Ch: e ? f : g
	e("VPADD%s %s, %s, %s", s, t1, hv, hv)
	e("VPROR%s $%d, %s, %s", s, a.BigS1[0], ev, t0)
	e("VPROR%s $%d, %s, %s", s, a.BigS1[1], ev, t1)
	e("VPROR%s $%d, %s, %s", s, a.BigS1[2], ev, t2)
	e("VPTERNLOG%s $0x96, %s, %s, %s", s, t2, t1, t0)
	e("VPADD%s %s, %s, %s", s, t0, hv, hv) // h = T1
	e("VPADD%s %s, %s, %s", s, hv, dv, dv) // d = d + T1: the new e
	e("VMOVDQA64 %s, %s", av, t1)
	e("VPTERNLOG%s $0xe8, %s, %s, %s", s, cv, bv, t1) // Maj
	e("VPADD%s %s, %s, %s", s, t1, hv, hv)
	e("VPROR%s $%d, %s, %s", s, a.BigS0[0], av, t0)
	e("VPROR%s $%d, %s, %s", s, a.BigS0[1], av, t1)
	e("VPROR%s $%d, %s, %s", s, a.BigS0[2], av, t2)
	e("VPTERNLOG%s $0x96, %s, %s, %s", s, t2, t1, t0)
	e("VPADD%s %s, %s, %s", s, t0, hv, hv) // h = T1 + T2: the new a
	return ins
}

// compress emits the rounds of every group, interleaved a round at a time,
// as a loop over 16 rounds: unrolled, the code would not fit the CPU's
// instruction caches, which costs more than the loop. 16 rounds bring the
// renamed variables back to their registers and the schedule window to
// the same slots. With a schedule the first 16 rounds, which only read
// W, come before the loop.
func (a *alg) compress(precomputed bool) {
	v := make([][]string, groups)
	for g := range v {
		v[g] = stateRegs(g)
	}
	rounds := func(from, to int, ptr string) {
		for t := from; t < to; t++ {
			for g := range groups {
				for _, in := range a.round(g, t, v[g], precomputed, ptr) {
					fmt.Fprintf(&gen.Out, "\t%s\n", in)
				}
				v[g] = append([]string{v[g][7]}, v[g][:7]...)
			}
		}
	}
	labels++
	loop := fmt.Sprintf("rounds%d", labels)
	if precomputed {
		// R10 walks the block's W+K, 16 words per iteration.
		p("MOVQ DI, R10")
		p("MOVQ $%d, R11", a.Rounds/16)
		fmt.Fprintf(&gen.Out, "%s:\n", loop)
		rounds(0, 16, "R10")
	} else {
		// R9 walks K from K[16].
		rounds(0, 16, "")
		p("LEAQ %s+%d(SB), R9", a.sym("k"), 16*a.WS)
		p("MOVQ $%d, R11", a.Rounds/16-1)
		fmt.Fprintf(&gen.Out, "%s:\n", loop)
		rounds(16, 32, "R9")
	}
	p("ADDQ $%d, %s", 16*a.WS, map[bool]string{true: "R10", false: "R9"}[precomputed])
	p("DECQ R11")
	p("JNZ %s", loop)
}

var labels int

func (a *alg) emit() {
	s := a.Sfx()
	lanes := a.Lanes * groups
	name := fmt.Sprintf("hmac%sx%d", a.Name[3:], lanes)
	// The ipad, opad and final blocks share one copy of the rounds with
	// a schedule, a subroutine that works on the caller's registers and
	// R8 frame: three inline copies would triple the code.
	sched := name + "sched"
	fmt.Fprintf(&gen.Out, "\n// %s<>: the rounds with a schedule, a subroutine of %s only.\n", sched, name)
	fmt.Fprintf(&gen.Out, "TEXT %s<>(SB), NOSPLIT|NOFRAME, $0-0\n", sched)
	a.compress(false)
	p("RET")
	if a.WS == 4 {
		fmt.Fprintf(&gen.Out, "\n// func %s(wk *[64]uint32, nblocks int, keys *[%d * 64]byte, want *[8]uint32) (mask uint64)\n", name, lanes)
	} else {
		fmt.Fprintf(&gen.Out, "\n// func %s(wk *[%d]uint%d, nblocks int, keys *[16][%d]uint%d, want *[8]uint%d) (mask uint64)\n",
			name, a.Rounds, 8*a.WS, lanes, 8*a.WS, 8*a.WS)
	}
	fmt.Fprintf(&gen.Out, "TEXT ·%s(SB), 0, $%d-40\n", name, frame+64)
	p("LEAQ 63(SP), R8")
	p("ANDQ $~63, R8")
	p("MOVQ wk+0(FP), DI")
	p("MOVQ nblocks+8(FP), CX")
	p("MOVQ keys+16(FP), SI")
	p("MOVQ want+24(FP), DX")
	if a.WS == 4 {
		// SHA-256 keys come as rows, lane c's key block at keys[c]:
		// byte-swapped and transposed here, in registers.
		for g := range groups {
			words := transpose16(func(c int) string { return fmt.Sprintf("%d(SI)", 64*(16*g+c)) })
			for i, w := range words {
				p("VMOVDQU64 %s, %s", w, kwslot(g, i))
				p("VPXOR%s.BCST %s+0(SB), %s, %s", s, a.sym("c"), w, w)
				p("VMOVDQU64 %s, %s", w, wslot(g, i))
			}
		}
	} else {
		// The key words come transposed, word i of lane c at keys[i][c].
		for g := range groups {
			for i := range 16 {
				p("VMOVDQU64 %d(SI), %s", i*groups*64+g*64, tmp[0])
				p("VMOVDQU64 %s, %s", tmp[0], kwslot(g, i))
				p("VPXOR%s.BCST %s+0(SB), %s, %s", s, a.sym("c"), tmp[0], tmp[0])
				p("VMOVDQU64 %s, %s", tmp[0], wslot(g, i))
			}
		}
	}
	// Inner hash: the ipad block from the IV...
	for g := range groups {
		for j, r := range stateRegs(g) {
			p("VPBROADCAST%s %s+%d(SB), %s", s, a.sym("iv"), j*a.WS, r)
		}
	}
	p("CALL %s<>(SB)", sched)
	for g := range groups {
		for j, r := range stateRegs(g) {
			p("VPADD%s.BCST %s+%d(SB), %s, %s", s, a.sym("iv"), j*a.WS, r, r)
		}
	}
	// ...then the message blocks, whose W+K are shared by all lanes.
	fmt.Fprintf(&gen.Out, "%sloop:\n", name)
	for g := range groups {
		for j, r := range stateRegs(g) {
			p("VMOVDQU64 %s, %s", r, saveslot(g, j))
		}
	}
	a.compress(true)
	for g := range groups {
		for j, r := range stateRegs(g) {
			p("VPADD%s %s, %s, %s", s, saveslot(g, j), r, r)
		}
	}
	p("ADDQ $%d, DI", a.Rounds*a.WS)
	p("DECQ CX")
	p("JNZ %sloop", name)
	for g := range groups {
		for j, r := range stateRegs(g)[:a.Digest] {
			p("VMOVDQU64 %s, %s", r, innerslot(g, j))
		}
	}
	// Outer hash: the opad block from the IV...
	for g := range groups {
		for i := range 16 {
			p("VMOVDQU64 %s, %s", kwslot(g, i), tmp[0])
			p("VPXOR%s.BCST %s+%d(SB), %s, %s", s, a.sym("c"), a.WS, tmp[0], tmp[0])
			p("VMOVDQU64 %s, %s", tmp[0], wslot(g, i))
		}
		for j, r := range stateRegs(g) {
			p("VPBROADCAST%s %s+%d(SB), %s", s, a.sym("iv"), j*a.WS, r)
		}
	}
	p("CALL %s<>(SB)", sched)
	// ...then the inner digest, padded.
	p("VPBROADCAST%s %s+%d(SB), %s", s, a.sym("c"), 2*a.WS, utm[0])
	p("VPBROADCAST%s %s+%d(SB), %s", s, a.sym("c"), 3*a.WS, utm[1])
	p("VPXORQ %s, %s, %s", utm[2], utm[2], utm[2])
	for g := range groups {
		for j, r := range stateRegs(g) {
			p("VPADD%s.BCST %s+%d(SB), %s, %s", s, a.sym("iv"), j*a.WS, r, r)
			p("VMOVDQU64 %s, %s", r, saveslot(g, j))
		}
		for i := range 16 {
			switch {
			case i < a.Digest:
				p("VMOVDQU64 %s, %s", innerslot(g, i), tmp[0])
				p("VMOVDQU64 %s, %s", tmp[0], wslot(g, i))
			case i == a.Digest:
				p("VMOVDQU64 %s, %s", utm[0], wslot(g, i))
			case i == 15:
				p("VMOVDQU64 %s, %s", utm[1], wslot(g, i))
			default:
				p("VMOVDQU64 %s, %s", utm[2], wslot(g, i))
			}
		}
	}
	p("CALL %s<>(SB)", sched)
	// Compare with the MAC: a lane's bit stays set while its words match.
	for g := range groups {
		k := fmt.Sprintf("K%d", 1+g)
		p("KXNORW %s, %s, %s", k, k, k)
		for j, r := range stateRegs(g)[:a.Digest] {
			p("VPADD%s %s, %s, %s", s, saveslot(g, j), r, r)
			p("VPCMPEQ%s.BCST %d(DX), %s, %s, %s", s, j*a.WS, r, k, k)
		}
	}
	p("KMOVW K1, AX")
	p("KMOVW K2, BX")
	if a.Lanes == 8 {
		p("ANDQ $0xff, AX")
		p("ANDQ $0xff, BX")
	}
	p("SHLQ $%d, BX", a.Lanes)
	p("ORQ BX, AX")
	p("MOVQ AX, mask+32(FP)")
	p("VZEROUPPER")
	p("RET")
}

// transpose16 loads 16 rows of 16 big-endian 32-bit words, row c at
// addr(c), and leaves word i of every row in the register it returns at
// i, row c in lane c. It uses all 32 vector registers: four rounds of
// interleaving (dwords, qwords, then 128-bit lanes twice), 6 instructions
// a row with the loads and byte swaps.
func transpose16(addr func(c int) string) []string {
	z := func(i int) string { return fmt.Sprintf("Z%d", i) }
	for c := range 16 {
		p("VMOVDQU64 %s, %s", addr(c), z(c))
		p("VPSHUFB sha256flip<>(SB), %s, %s", z(c), z(c))
	}
	// Dwords: a[2k], a[2k+1] interleave rows 2k and 2k+1.
	for k := range 8 {
		p("VPUNPCKLDQ %s, %s, %s", z(2*k+1), z(2*k), z(16+2*k))
		p("VPUNPCKHDQ %s, %s, %s", z(2*k+1), z(2*k), z(17+2*k))
	}
	// Qwords: b[4m+j] holds, in each 128-bit lane L, word 4L+j of rows
	// 4m to 4m+3.
	for m := range 4 {
		a0, a1, a2, a3 := z(16+4*m), z(17+4*m), z(18+4*m), z(19+4*m)
		p("VPUNPCKLQDQ %s, %s, %s", a2, a0, z(4*m))
		p("VPUNPCKHQDQ %s, %s, %s", a2, a0, z(4*m+1))
		p("VPUNPCKLQDQ %s, %s, %s", a3, a1, z(4*m+2))
		p("VPUNPCKHQDQ %s, %s, %s", a3, a1, z(4*m+3))
	}
	// 128-bit lanes: word 4L+j gathers lane L of b[j], b[4+j], b[8+j],
	// b[12+j].
	for j := range 4 {
		e0, e1, e2, e3 := z(16+4*j), z(17+4*j), z(18+4*j), z(19+4*j)
		p("VSHUFI32X4 $0x44, %s, %s, %s", z(4+j), z(j), e0)
		p("VSHUFI32X4 $0xee, %s, %s, %s", z(4+j), z(j), e1)
		p("VSHUFI32X4 $0x44, %s, %s, %s", z(12+j), z(8+j), e2)
		p("VSHUFI32X4 $0xee, %s, %s, %s", z(12+j), z(8+j), e3)
		p("VSHUFI32X4 $0x88, %s, %s, %s", e2, e0, z(j))
		p("VSHUFI32X4 $0xdd, %s, %s, %s", e2, e0, z(4+j))
		p("VSHUFI32X4 $0x88, %s, %s, %s", e3, e1, z(8+j))
		p("VSHUFI32X4 $0xdd, %s, %s, %s", e3, e1, z(12+j))
	}
	out := make([]string, 16)
	for i := range out {
		out[i] = z(i)
	}
	return out
}

// emitHash writes sha256x32, which hashes 32 messages of the same number
// of blocks at once, one per lane, for the keys longer than a block that
// HMAC hashes first. It shares hmac256x32's subroutine and frame layout.
func (a *alg) emitHash() {
	s := a.Sfx()
	sched := "hmac256x32sched"
	fmt.Fprintf(&gen.Out, "\n// func sha256x32(msgs *byte, stride int, nblocks int, out *[8][32]uint32)\n")
	fmt.Fprintf(&gen.Out, "TEXT ·sha256x32(SB), 0, $%d-32\n", frame+64)
	p("LEAQ 63(SP), R8")
	p("ANDQ $~63, R8")
	p("MOVQ msgs+0(FP), SI")
	p("MOVQ stride+8(FP), BX")
	p("MOVQ nblocks+16(FP), CX")
	p("MOVQ out+24(FP), DX")
	for g := range groups {
		for j, r := range stateRegs(g) {
			p("VPBROADCAST%s %s+%d(SB), %s", s, a.sym("iv"), j*a.WS, r)
		}
	}
	fmt.Fprintf(&gen.Out, "sha256x32loop:\n")
	for g := range groups {
		for j, r := range stateRegs(g) {
			p("VMOVDQU64 %s, %s", r, saveslot(g, j))
		}
	}
	// Block b of lane c is at SI + c*stride: R12 walks the lanes.
	p("MOVQ SI, R12")
	for g := range groups {
		words := transpose16(func(c int) string {
			if c > 0 || g > 0 {
				p("ADDQ BX, R12")
			}
			return "(R12)"
		})
		for i, w := range words {
			p("VMOVDQU64 %s, %s", w, wslot(g, i))
		}
	}
	for g := range groups {
		for j, r := range stateRegs(g) {
			p("VMOVDQU64 %s, %s", saveslot(g, j), r)
		}
	}
	p("CALL %s<>(SB)", sched)
	for g := range groups {
		for j, r := range stateRegs(g) {
			p("VPADD%s %s, %s, %s", s, saveslot(g, j), r, r)
		}
	}
	p("ADDQ $64, SI")
	p("DECQ CX")
	p("JNZ sha256x32loop")
	for g := range groups {
		for j, r := range stateRegs(g) {
			p("VMOVDQU64 %s, %d(DX)", r, j*4*lanesTotal(a)+g*64)
		}
	}
	p("VZEROUPPER")
	p("RET")
}

func lanesTotal(a *alg) int { return a.Lanes * groups }

func main() {
	gen.Main("internal/fasthmac/_asm/avx512", generate)
}

func generate() {
	var algs []*alg
	for _, a := range gen.SHA2Algs(16, 8) {
		algs = append(algs, &alg{a})
	}
	for _, a := range algs {
		a.data()
	}
	// The byte order of the 32-bit words of a row, swapped.
	for i := range 16 {
		fmt.Fprintf(&gen.Out, "DATA sha256flip<>+%d(SB)/4, $0x%02x%02x%02x%02x\n", 4*i, 4*i, 4*i+1, 4*i+2, 4*i+3)
	}
	fmt.Fprintf(&gen.Out, "GLOBL sha256flip<>(SB), RODATA|NOPTR, $64\n")
	for _, a := range algs {
		a.emit()
		if a.WS == 4 {
			a.emitHash()
		}
	}
}
