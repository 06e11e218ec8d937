package strength

import "testing"

// BenchmarkLoad is the one-off cost of the first Check in a process:
// indexing the dictionaries and building the keyboard graphs.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		load()
	}
}
