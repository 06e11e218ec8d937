package strength

import (
	"bufio"
	"fmt"
	"os"
	"testing"
)

func TestProbeDebug(t *testing.T) {
	path := os.Getenv("PROBE")
	if path == "" {
		t.Skip()
	}
	f, _ := os.Open(path)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		r, _ := Check(sc.Bytes())
		fmt.Printf("%-11s %6.1f %s\n", r.Verdict, r.Bits, sc.Text())
		for _, fd := range r.Findings {
			fmt.Printf("      %s %d-%d %s\n", fd.Kind, fd.Start, fd.End, fd.Message)
		}
	}
}
