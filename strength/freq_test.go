package strength

import (
	"slices"
	"testing"

	"github.com/trustelem/zxcvbn/frequency"
)

// The embedded lists must equal the module's, word for word and in order
// (rank matters). If the module is upgraded, run: go generate ./strength
func TestFrequencyData(t *testing.T) {
	got := freqLists()
	if len(got) != len(frequency.FrequencyLists) {
		t.Fatalf("%d lists embedded, the module has %d", len(got), len(frequency.FrequencyLists))
	}
	for name, want := range frequency.FrequencyLists {
		l := got[name]
		words := make([]string, l.Len())
		for i := range words {
			words[i] = l.At(i)
		}
		if !slices.Equal(words, want) {
			t.Errorf("list %s differs from the module's (%d words embedded, %d in the module): run go generate ./strength", name, len(words), len(want))
		}
	}
}
