// gen_avx2 writes avx2_amd64.s: HMAC kernels that check one candidate per
// lane of the AVX2 registers, 8 for SHA-256 and 4 for SHA-384 and
// SHA-512, for CPUs without AVX-512. Run it with
//
//	go run . -out ../../avx2_amd64.s
//
// The layout follows gen_avx512.go with one group of lanes (AVX2 has 16
// registers: the eight working variables, four temporaries for the rounds
// and four for the schedule). AVX2 has neither rotations nor ternary
// logic: a rotation is two shifts, Σ, Ch and Maj take more instructions.
// Broadcasts come from tables already replicated per lane: K here, the
// message blocks' W+K from the caller.
package main

import (
	"fmt"

	"github.com/jwtkey/jwtkey/internal/fasthmac/_asm/internal/gen"
)

//go:generate go run . -out ../../avx2_amd64.s

var p = gen.P

// alg is a hash with this generator's methods.
type alg struct{ *gen.Alg }

func (a *alg) bits() int { return 8 * a.WS }

func (a *alg) sym(s string) string { return a.Name + "avx2" + s + "<>" }

// data writes each constant replicated to every lane, 32 bytes per word.
func (a *alg) data() {
	table := func(name string, ws []uint64) {
		off := 0
		for _, w := range ws {
			for range 32 / a.WS {
				if a.WS == 4 {
					fmt.Fprintf(&gen.Out, "DATA %s+%d(SB)/4, $0x%08x\n", a.sym(name), off, w)
				} else {
					fmt.Fprintf(&gen.Out, "DATA %s+%d(SB)/8, $0x%016x\n", a.sym(name), off, w)
				}
				off += a.WS
			}
		}
		fmt.Fprintf(&gen.Out, "GLOBL %s(SB), RODATA|NOPTR, $%d\n", a.sym(name), off)
	}
	table("k", a.K)
	table("iv", a.IV)
	ipad, opad, one := a.Pads()
	bits := uint64(16*a.WS+a.Digest*a.WS) * 8
	table("c", []uint64{ipad, opad, one, bits, 0})
}

var (
	st  = []string{"Y0", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7"}
	tmp = [4]string{"Y8", "Y9", "Y10", "Y11"}
	utm = [4]string{"Y12", "Y13", "Y14", "Y15"}
)

// Stack layout from R8 (SP rounded up to 32 bytes): the 16-word schedule
// window, the key words, the saved state, the inner digest.
const (
	offW     = 0
	offKW    = 512
	offSave  = 1024
	offInner = 1280
	frame    = 1536
)

func wslot(t int) string     { return fmt.Sprintf("%d(R8)", offW+32*(t%16)) }
func kwslot(i int) string    { return fmt.Sprintf("%d(R8)", offKW+32*i) }
func saveslot(j int) string  { return fmt.Sprintf("%d(R8)", offSave+32*j) }
func innerslot(j int) string { return fmt.Sprintf("%d(R8)", offInner+32*j) }

// xorRot emits acc = acc-or-fresh ^ rotr(x, r) for each r in rots, then
// ^ (x >> shift) when shift > 0; t is a scratch register.
func (a *alg) sigma(x, acc, t string, rots []int, shift int) {
	s := a.Sfx()
	first := true
	put := func(op string, n int) {
		if first {
			p("VPS%s%s $%d, %s, %s", op, s, n, x, acc)
			first = false
			return
		}
		p("VPS%s%s $%d, %s, %s", op, s, n, x, t)
		p("VPXOR %s, %s, %s", t, acc, acc)
	}
	for _, r := range rots {
		put("RL", r)
		put("LL", a.bits()-r)
	}
	if shift > 0 {
		put("RL", shift)
	}
}

// round emits one round on the renamed variables v. With precomputed, W+K
// comes from the caller's table at (t%16)*32(ptr); otherwise W[t] from the
// window (computed here for t >= 16) and K[t] from the table, at
// (t-16)*32(ptr) when ptr is set.
func (a *alg) round(t int, v []string, precomputed bool, ptr string) {
	s := a.Sfx()
	av, bv, cv, dv, ev, fv, gv, hv := v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]
	if precomputed {
		p("VPADD%s %d(%s), %s, %s", s, (t%16)*32, ptr, hv, hv)
	} else {
		if t >= 16 {
			u0, u1, u2, u3 := utm[0], utm[1], utm[2], utm[3]
			p("VMOVDQU %s, %s", wslot(t-15), u1)
			a.sigma(u1, u0, u2, a.SmallS0[:2], a.SmallS0[2])
			p("VPADD%s %s, %s, %s", s, wslot(t-16), u0, u0)
			p("VPADD%s %s, %s, %s", s, wslot(t-7), u0, u0)
			p("VMOVDQU %s, %s", wslot(t-2), u1)
			a.sigma(u1, u3, u2, a.SmallS1[:2], a.SmallS1[2])
			p("VPADD%s %s, %s, %s", s, u3, u0, u0)
			p("VMOVDQU %s, %s", u0, wslot(t))
			p("VPADD%s %s, %s, %s", s, u0, hv, hv)
		} else {
			p("VPADD%s %s, %s, %s", s, wslot(t), hv, hv)
		}
		if ptr != "" {
			p("VPADD%s %d(%s), %s, %s", s, (t-16)*32, ptr, hv, hv)
		} else {
			p("VPADD%s %s+%d(SB), %s, %s", s, a.sym("k"), t*32, hv, hv)
		}
	}
	t0, t1, t2, t3 := tmp[0], tmp[1], tmp[2], tmp[3]
	// Ch(e, f, g) = ((f ^ g) & e) ^ g
	p("VPXOR %s, %s, %s", gv, fv, t0)
	p("VPAND %s, %s, %s", ev, t0, t0)
	p("VPXOR %s, %s, %s", gv, t0, t0)
	p("VPADD%s %s, %s, %s", s, t0, hv, hv)
	a.sigma(ev, t1, t2, a.BigS1[:], 0)
	p("VPADD%s %s, %s, %s", s, t1, hv, hv) // h = T1
	p("VPADD%s %s, %s, %s", s, hv, dv, dv) // the new e
	// Maj(a, b, c) = ((a | b) & c) | (a & b)
	p("VPOR %s, %s, %s", bv, av, t0)
	p("VPAND %s, %s, %s", cv, t0, t0)
	p("VPAND %s, %s, %s", bv, av, t3)
	p("VPOR %s, %s, %s", t3, t0, t0)
	p("VPADD%s %s, %s, %s", s, t0, hv, hv)
	a.sigma(av, t1, t2, a.BigS0[:], 0)
	p("VPADD%s %s, %s, %s", s, t1, hv, hv) // the new a
}

var labels int

// compress: as in gen_avx512.go, loops of 16 rounds to keep the code small.
func (a *alg) compress(precomputed bool) {
	v := append([]string(nil), st...)
	rounds := func(from, to int, ptr string) {
		for t := from; t < to; t++ {
			a.round(t, v, precomputed, ptr)
			v = append([]string{v[7]}, v[:7]...)
		}
	}
	labels++
	loop := fmt.Sprintf("%savx2rounds%d", a.Name, labels)
	ptr := "R9"
	if precomputed {
		ptr = "R10"
		p("MOVQ DI, R10")
		p("MOVQ $%d, R11", a.Rounds/16)
		fmt.Fprintf(&gen.Out, "%s:\n", loop)
		rounds(0, 16, ptr)
	} else {
		rounds(0, 16, "")
		p("LEAQ %s+%d(SB), R9", a.sym("k"), 16*32)
		p("MOVQ $%d, R11", a.Rounds/16-1)
		fmt.Fprintf(&gen.Out, "%s:\n", loop)
		rounds(16, 32, ptr)
	}
	p("ADDQ $%d, %s", 16*32, ptr)
	p("DECQ R11")
	p("JNZ %s", loop)
}

func (a *alg) emit() {
	s := a.Sfx()
	name := fmt.Sprintf("hmac%savx2x%d", a.Name[3:], a.Lanes)
	sched := name + "sched"
	fmt.Fprintf(&gen.Out, "\n// %s<>: the rounds with a schedule, a subroutine of %s only.\n", sched, name)
	fmt.Fprintf(&gen.Out, "TEXT %s<>(SB), NOSPLIT|NOFRAME, $0-0\n", sched)
	a.compress(false)
	p("RET")
	fmt.Fprintf(&gen.Out, "\n// func %s(wk *[%d][%d]uint%d, nblocks int, keys *[16][%d]uint%d, want *[8]uint%d) (mask uint64)\n",
		name, a.Rounds, a.Lanes, a.bits(), a.Lanes, a.bits(), a.bits())
	fmt.Fprintf(&gen.Out, "TEXT ·%s(SB), 0, $%d-40\n", name, frame+32)
	p("LEAQ 31(SP), R8")
	p("ANDQ $~31, R8")
	p("MOVQ wk+0(FP), DI")
	p("MOVQ nblocks+8(FP), CX")
	p("MOVQ keys+16(FP), SI")
	p("MOVQ want+24(FP), DX")
	// The key words come transposed, word i of lane c at keys[i][c].
	for i := range 16 {
		p("VMOVDQU %d(SI), %s", 32*i, tmp[0])
		p("VMOVDQU %s, %s", tmp[0], kwslot(i))
		p("VPXOR %s+0(SB), %s, %s", a.sym("c"), tmp[0], tmp[0])
		p("VMOVDQU %s, %s", tmp[0], wslot(i))
	}
	for j, r := range st {
		p("VMOVDQU %s+%d(SB), %s", a.sym("iv"), 32*j, r)
	}
	p("CALL %s<>(SB)", sched)
	for j, r := range st {
		p("VPADD%s %s+%d(SB), %s, %s", s, a.sym("iv"), 32*j, r, r)
	}
	fmt.Fprintf(&gen.Out, "%sloop:\n", name)
	for j, r := range st {
		p("VMOVDQU %s, %s", r, saveslot(j))
	}
	a.compress(true)
	for j, r := range st {
		p("VPADD%s %s, %s, %s", s, saveslot(j), r, r)
	}
	p("ADDQ $%d, DI", a.Rounds*32)
	p("DECQ CX")
	p("JNZ %sloop", name)
	for j, r := range st[:a.Digest] {
		p("VMOVDQU %s, %s", r, innerslot(j))
	}
	for i := range 16 {
		p("VMOVDQU %s, %s", kwslot(i), tmp[0])
		p("VPXOR %s+32(SB), %s, %s", a.sym("c"), tmp[0], tmp[0])
		p("VMOVDQU %s, %s", tmp[0], wslot(i))
	}
	for j, r := range st {
		p("VMOVDQU %s+%d(SB), %s", a.sym("iv"), 32*j, r)
	}
	p("CALL %s<>(SB)", sched)
	for j, r := range st {
		p("VPADD%s %s+%d(SB), %s, %s", s, a.sym("iv"), 32*j, r, r)
		p("VMOVDQU %s, %s", r, saveslot(j))
	}
	for i := range 16 {
		switch {
		case i < a.Digest:
			p("VMOVDQU %s, %s", innerslot(i), tmp[0])
		case i == a.Digest:
			p("VMOVDQU %s+64(SB), %s", a.sym("c"), tmp[0])
		case i == 15:
			p("VMOVDQU %s+96(SB), %s", a.sym("c"), tmp[0])
		default:
			p("VMOVDQU %s+128(SB), %s", a.sym("c"), tmp[0])
		}
		p("VMOVDQU %s, %s", tmp[0], wslot(i))
	}
	p("CALL %s<>(SB)", sched)
	// Compare with the MAC: a lane stays all ones while its words match.
	p("VPCMPEQ%s %s, %s, %s", s, utm[3], utm[3], utm[3])
	for j, r := range st[:a.Digest] {
		p("VPADD%s %s, %s, %s", s, saveslot(j), r, r)
		p("VPBROADCAST%s %d(DX), %s", s, j*a.WS, utm[0])
		p("VPCMPEQ%s %s, %s, %s", s, utm[0], r, r)
		p("VPAND %s, %s, %s", r, utm[3], utm[3])
	}
	if a.WS == 4 {
		p("VMOVMSKPS %s, AX", utm[3])
	} else {
		p("VMOVMSKPD %s, AX", utm[3])
	}
	p("MOVQ AX, mask+32(FP)")
	p("VZEROUPPER")
	p("RET")
}

func main() {
	gen.Main("internal/fasthmac/_asm/avx2", generate)
}

func generate() {
	var algs []*alg
	for _, a := range gen.SHA2Algs(8, 4) {
		algs = append(algs, &alg{a})
	}
	for _, a := range algs {
		a.data()
	}
	for _, a := range algs {
		a.emit()
	}
}
