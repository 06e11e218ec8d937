package strength

import (
	"fmt"
	"os"
	"testing"
)

func TestMashDebug(t *testing.T) {
	s := os.Getenv("MASH")
	if s == "" {
		t.Skip()
	}
	loadOnce.Do(load)
	b := []byte(s)
	brute := make([]float64, len(b))
	for i := range brute {
		brute[i] = 6
	}
	c := mashCosts(b, brute)
	tot := 0.0
	for i := range b {
		tot += c[i]
		fmt.Printf("%c %.1f\n", b[i], c[i])
	}
	fmt.Printf("total %.1f avg %.2f\n", tot, tot/float64(len(b)))
}
