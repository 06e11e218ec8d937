// gen_sha256ni writes sha256ni_amd64.s: HMAC-SHA-256 kernels on the SHA
// extensions that check N candidates at once, N = 1 to 4. Run it with
//
//	go run . -out ../../sha256ni_amd64.s
//
// A kernel runs one candidate's compressions as independent streams:
// SHA256RNDS2 has a latency of several cycles, so a lone stream leaves the
// SHA unit idle most of the time, while interleaved streams fill it. The
// phases of a kernel, each a set of streams run side by side:
//
//	key:   the ipad and the opad block of every candidate, from the IV
//	       (schedules computed to the stack first with SHA256MSG1/2);
//	msg:   once per padded message block, every candidate's inner state,
//	       all streams sharing the block's precomputed W+K;
//	final: every candidate's outer state over the inner digest, to
//	       round 62, which gives half of the MAC.
package main

import (
	"fmt"

	"github.com/jwtkey/jwtkey/internal/fasthmac/_asm/internal/gen"
	"github.com/jwtkey/jwtkey/internal/fasthmac/internal/sha2"
)

//go:generate go run . -out ../../sha256ni_amd64.s

var (
	out = &gen.Out
	p   = gen.P
)

// job is one compression stream in a phase.
type job struct {
	kind  string // "ipad", "opad", "msg" or "final"
	cand  int
	abef  string // state registers
	cdgh  string
	sched int // stack offset of its W+K, for ipad, opad and final
}

const (
	maxJobs  = 6 // 2 state registers each, X1..X12; X0 is SHA256RNDS2's W+K
	schedLen = 256
)

type kernel struct {
	n                   int
	schedBase, ist, ost int // stack offsets
	frame               int
	// resident: the inner states stay in X1..X2n from the ipad block to
	// the final block, with their feed-forward copies in registers too,
	// instead of a round trip through the stack at each block, which
	// would lengthen the chain of dependent compressions. For n <= 2.
	resident bool
}

func newKernel(n int) *kernel {
	k := &kernel{n: n, resident: n <= 2}
	k.schedBase = 0
	k.ist = maxJobs * schedLen
	k.ost = k.ist + 32*n
	k.frame = k.ost + 32*n
	return k
}

func (k *kernel) stateSlot(j *job) int {
	switch j.kind {
	case "ipad", "msg":
		return k.ist + 32*j.cand
	}
	return k.ost + 32*j.cand
}

// schedule emits the instructions that compute job j's W+K into its stack
// slot, as a list so that several jobs' lists can be interleaved.
func (k *kernel) schedule(j *job, regs []string) []string {
	m := regs[:4]
	t := regs[4]
	var ins []string
	e := func(format string, args ...any) { ins = append(ins, fmt.Sprintf(format, args...)) }
	switch j.kind {
	case "ipad", "opad":
		pad := "ipad"
		if j.kind == "opad" {
			pad = "opad"
		}
		for i := range 4 {
			e("VMOVDQU %d(SI), %s", 64*j.cand+16*i, m[i])
			e("VPSHUFB flip<>(SB), %s, %s", m[i], m[i])
			e("VPXOR %s<>(SB), %s, %s", pad, m[i], m[i])
		}
	case "final":
		if k.resident {
			abef, cdgh := fmt.Sprintf("X%d", 1+2*j.cand), fmt.Sprintf("X%d", 2+2*j.cand)
			e("VPUNPCKHQDQ %s, %s, %s", cdgh, abef, m[0])
			e("VPUNPCKLQDQ %s, %s, %s", cdgh, abef, m[1])
		} else {
			slot := k.ist + 32*j.cand
			e("VMOVDQU %d(SP), %s", slot, t)
			e("VPUNPCKHQDQ %d(SP), %s, %s", slot+16, t, m[0])
			e("VPUNPCKLQDQ %d(SP), %s, %s", slot+16, t, m[1])
		}
		e("VPSHUFD $0xb1, %s, %s", m[0], m[0])
		e("VPSHUFD $0xb1, %s, %s", m[1], m[1])
		e("VMOVDQU final2<>(SB), %s", m[2])
		e("VMOVDQU final3<>(SB), %s", m[3])
	}
	for i := range 4 {
		e("VPADDD k256<>+%d(SB), %s, %s", 16*i, m[i], t)
		e("VMOVDQU %s, %d(SP)", t, j.sched+16*i)
	}
	for i := 4; i < 16; i++ {
		a, b, c, d := m[i%4], m[(i+1)%4], m[(i+2)%4], m[(i+3)%4]
		e("SHA256MSG1 %s, %s", b, a)
		e("VPALIGNR $4, %s, %s, %s", c, d, t)
		e("PADDD %s, %s", t, a)
		e("SHA256MSG2 %s, %s", d, a)
		e("VPADDD k256<>+%d(SB), %s, %s", 16*i, a, t)
		e("VMOVDQU %s, %d(SP)", t, j.sched+16*i)
	}
	return ins
}

// saveReg is the register that keeps half h of a resident msg job's
// state for the feed-forward.
func (k *kernel) saveReg(j *job, h int) string {
	return fmt.Sprintf("X%d", 1+2*k.n+2*j.cand+h)
}

var labels int

func interleave(lists [][]string) {
	for i := 0; ; i++ {
		any := false
		for _, l := range lists {
			if i < len(l) {
				fmt.Fprintf(out, "\t%s\n", l[i])
				any = true
			}
		}
		if !any {
			return
		}
	}
}

// phase emits one set of streams; shared is the register holding the
// address of the W+K they share (msg jobs) or "".
func (k *kernel) phase(jobs []*job, shared string) {
	// Schedules first, three jobs at a time (15 registers).
	var pending [][]string
	flush := func() { interleave(pending); pending = nil }
	for _, j := range jobs {
		if j.kind == "msg" {
			continue
		}
		r := 1 + 5*len(pending)
		if k.resident && j.kind == "final" {
			r += 2 * k.n // keep clear of the inner states
		}
		regs := []string{}
		for i := range 5 {
			regs = append(regs, fmt.Sprintf("X%d", r+i))
		}
		pending = append(pending, k.schedule(j, regs))
		if len(pending) == 3 {
			flush()
		}
	}
	flush()
	for i, j := range jobs {
		j.abef, j.cdgh = fmt.Sprintf("X%d", 1+2*i), fmt.Sprintf("X%d", 2+2*i)
		switch {
		case j.kind == "ipad" || j.kind == "opad":
			p("VMOVDQU iv<>(SB), %s", j.abef)
			p("VMOVDQU iv<>+16(SB), %s", j.cdgh)
		case j.kind == "msg" && k.resident:
			p("VMOVDQA %s, %s", j.abef, k.saveReg(j, 0))
			p("VMOVDQA %s, %s", j.cdgh, k.saveReg(j, 1))
		default:
			s := k.stateSlot(j)
			p("VMOVDQU %d(SP), %s", s, j.abef)
			p("VMOVDQU %d(SP), %s", s+16, j.cdgh)
		}
	}
	// The rounds, as a loop over two quads of rounds at a time (the
	// unrolled code would crowd the instruction caches) and the last two
	// quads, where the final blocks stop early, unrolled. R9 walks the
	// W+K, shared or on the stack.
	quads := func(from, to int, ptr string) {
		for q := from; q < to; q++ {
			for half := range 2 {
				off := 16*q + 8*half
				if shared != "" {
					p("MOVQ %d(%s), X0", off, ptr)
				}
				for _, j := range jobs {
					if j.kind == "final" && q == 15 && half == 1 {
						continue // see the end of phase
					}
					if shared == "" {
						p("MOVQ %d(%s), X0", j.sched+off, ptr)
					}
					if half == 0 {
						p("SHA256RNDS2 X0, %s, %s", j.abef, j.cdgh)
					} else {
						p("SHA256RNDS2 X0, %s, %s", j.cdgh, j.abef)
					}
				}
			}
		}
	}
	if shared != "" {
		p("MOVQ %s, R9", shared)
	} else {
		p("LEAQ (SP), R9")
	}
	labels++
	p("MOVQ $7, R10")
	fmt.Fprintf(out, "quads%d:\n", labels)
	quads(0, 2, "R9")
	p("ADDQ $32, R9")
	p("DECQ R10")
	p("JNZ quads%d", labels)
	if shared != "" {
		quads(14, 16, shared)
	} else {
		quads(14, 16, "SP")
	}
	for _, j := range jobs {
		if j.kind == "final" {
			// After 62 rounds the register that will hold ABEF holds
			// a62 a61 e62 e61, which the last two rounds only shift into
			// c d g h: add the outer state's C D G H and that is half of
			// the MAC, lanes H G D C, enough to tell a candidate.
			s := k.stateSlot(j)
			p("VPADDD %d(SP), %s, %s", s+16, j.cdgh, j.cdgh)
			p("VMOVDQU %s, %d(DX)", j.cdgh, 16*j.cand)
			continue
		}
		var src string
		switch j.kind {
		case "ipad", "opad":
			src = "iv<>"
			p("VPADDD %s(SB), %s, %s", src, j.abef, j.abef)
			p("VPADDD %s+16(SB), %s, %s", src, j.cdgh, j.cdgh)
		case "msg":
			if k.resident {
				p("PADDD %s, %s", k.saveReg(j, 0), j.abef)
				p("PADDD %s, %s", k.saveReg(j, 1), j.cdgh)
				continue
			}
			fallthrough
		default:
			s := k.stateSlot(j)
			p("VPADDD %d(SP), %s, %s", s, j.abef, j.abef)
			p("VPADDD %d(SP), %s, %s", s+16, j.cdgh, j.cdgh)
		}
		if k.resident && j.kind == "ipad" {
			continue
		}
		s := k.stateSlot(j)
		p("VMOVDQU %s, %d(SP)", j.abef, s)
		p("VMOVDQU %s, %d(SP)", j.cdgh, s+16)
	}
}

func (k *kernel) emit() {
	n := k.n
	fmt.Fprintf(out, "\n// func hmac256x%d(wk *[64]uint32, nblocks int, keys *[%d][64]byte, out *[%d][4]uint32)\n", n, n, n)
	fmt.Fprintf(out, "TEXT ·hmac256x%d(SB), 0, $%d-32\n", n, k.frame)
	p("MOVQ wk+0(FP), DI")
	p("MOVQ nblocks+8(FP), CX")
	p("MOVQ keys+16(FP), SI")
	p("MOVQ out+24(FP), DX")
	// key phases: ipad and opad of all candidates, maxJobs at a time.
	var keyJobs []*job
	for c := range n {
		keyJobs = append(keyJobs, &job{kind: "ipad", cand: c})
	}
	for c := range n {
		keyJobs = append(keyJobs, &job{kind: "opad", cand: c})
	}
	per := len(keyJobs)
	if per > maxJobs {
		per = (per + 1) / 2
	}
	for len(keyJobs) > 0 {
		m := min(per, len(keyJobs))
		ph := keyJobs[:m]
		for i, j := range ph {
			j.sched = k.schedBase + i*schedLen
		}
		fmt.Fprintf(out, "\t// key phase\n")
		k.phase(ph, "")
		keyJobs = keyJobs[m:]
	}
	fmt.Fprintf(out, "msgloop%d:\n", n)
	var msgJobs []*job
	for c := range n {
		msgJobs = append(msgJobs, &job{kind: "msg", cand: c})
	}
	k.phase(msgJobs, "DI")
	p("ADDQ $256, DI")
	p("DECQ CX")
	p("JNZ msgloop%d", n)
	fmt.Fprintf(out, "\t// final phase\n")
	var finJobs []*job
	for c := range n {
		finJobs = append(finJobs, &job{kind: "final", cand: c, sched: k.schedBase + c*schedLen})
	}
	k.phase(finJobs, "")
	p("RET")
}

func data32(name string, words []uint32) {
	for i := 0; i < len(words); i += 2 {
		fmt.Fprintf(out, "DATA %s<>+%d(SB)/8, $0x%08x%08x\n", name, 4*i, words[i+1], words[i])
	}
	fmt.Fprintf(out, "GLOBL %s<>(SB), RODATA|NOPTR, $%d\n", name, 4*len(words))
}

func main() {
	gen.Main("internal/fasthmac/_asm/sha256ni", generate)
}

func generate() {
	// IV as ABEF, CDGH: lanes 0..3 = F E B A, H G D C.
	h := sha2.IV256
	data32("iv", []uint32{h[5], h[4], h[1], h[0], h[7], h[6], h[3], h[2]})
	data32("k256", sha2.K256[:])
	data32("flip", []uint32{0x00010203, 0x04050607, 0x08090a0b, 0x0c0d0e0f})
	data32("ipad", []uint32{0x36363636, 0x36363636, 0x36363636, 0x36363636})
	data32("opad", []uint32{0x5c5c5c5c, 0x5c5c5c5c, 0x5c5c5c5c, 0x5c5c5c5c})
	// The outer block after the 32-byte inner digest: 0x80, zeros, and
	// the length in bits of ipad block plus digest, 96*8.
	data32("final2", []uint32{0x80000000, 0, 0, 0})
	data32("final3", []uint32{0, 0, 0, (64 + 32) * 8})
	for n := 1; n <= 4; n++ {
		newKernel(n).emit()
	}
}
