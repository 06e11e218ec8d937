package cputime

import (
	"runtime"
	"testing"
)

func TestUsedGrows(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" {
		t.Skip("no getrusage here")
	}
	start := Used()
	x := 0
	for i := 0; i < 50_000_000; i++ {
		x += i & 3
	}
	if Used() <= start || x == 0 {
		t.Errorf("CPU time did not grow: %v then %v", start, Used())
	}
}
