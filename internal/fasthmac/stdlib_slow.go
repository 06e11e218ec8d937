//go:build purego || !(amd64 || arm64 || loong64 || ppc64 || ppc64le || riscv64 || s390x)

package fasthmac

// The standard library hashes in Go here too: the portable code of this
// package, with its precomputed schedules, is faster.
const stdlibFast = false
