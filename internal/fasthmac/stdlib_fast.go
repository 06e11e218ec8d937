//go:build !purego && (amd64 || arm64 || loong64 || ppc64 || ppc64le || riscv64 || s390x)

package fasthmac

// The standard library has SHA-256 and SHA-512 assembly on this
// architecture: use it when this package has no assembly of its own.
const stdlibFast = true
