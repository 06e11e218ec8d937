//go:build amd64 && !purego

#include "textflag.h"

// func hasSHA() bool: CPUID leaf 7, EBX bit 29 (the SHA extensions).
// golang.org/x/sys/cpu does not report it.
TEXT ·hasSHA(SB), NOSPLIT, $0-1
	XORL CX, CX
	XORL AX, AX
	CPUID
	CMPL AX, $7
	JLT  no
	MOVL $7, AX
	XORL CX, CX
	CPUID
	SHRL $29, BX
	ANDL $1, BX
	MOVB BX, ret+0(FP)
	RET
no:
	MOVB $0, ret+0(FP)
	RET

// func rdtsc() uint64, ordered after earlier instructions; benchmarks
// time single kernel calls with it.
TEXT ·rdtsc(SB), NOSPLIT, $0-8
	LFENCE
	RDTSC
	SHLQ $32, DX
	ORQ  DX, AX
	MOVQ AX, ret+0(FP)
	RET
