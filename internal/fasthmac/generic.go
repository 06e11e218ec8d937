//go:build !amd64 || purego

package fasthmac

// The portable build has no assembly: these stand-ins never handle a call.

type asm256 struct{}

func (*asm256) init(*state256)                                       {}
func (*asm256) check(*state256, []byte) (match, ok bool)             { return false, false }
func (*asm256) checkBatch(*state256, *scratch, [][]byte) (int, bool) { return 0, false }
func (*asm256) checkBlocks(*state256, []byte) (int, bool)            { return 0, false }

type asm512 struct{}

func (*asm512) init(*state512)                             {}
func (*asm512) checkBatch(*state512, [][]byte) (int, bool) { return 0, false }

const batchSize = 64

func asmModes() []string { return nil }
