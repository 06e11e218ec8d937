package display

import (
	"testing"
	"time"
)

func TestCount(t *testing.T) {
	tests := map[uint64]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", 18446744073709551615: "18,446,744,073,709,551,615"}
	for n, want := range tests {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestRate(t *testing.T) {
	tests := map[float64]string{0: "0", 999.4: "999", 1500: "1.5k", 2e6: "2.00M", 3.456e9: "3.46G"}
	for r, want := range tests {
		if got := Rate(r); got != want {
			t.Errorf("Rate(%v) = %q, want %q", r, got, want)
		}
	}
}

func TestRound(t *testing.T) {
	tests := map[time.Duration]time.Duration{
		61*time.Second + 600*time.Millisecond: 62 * time.Second,
		1234567 * time.Microsecond:            1230 * time.Millisecond,
		1234567 * time.Nanosecond:             1 * time.Millisecond,
		1234 * time.Nanosecond:                1 * time.Microsecond,
	}
	for d, want := range tests {
		if got := Round(d); got != want {
			t.Errorf("Round(%v) = %v, want %v", d, got, want)
		}
	}
}

func TestPlural(t *testing.T) {
	if Plural(1) != "" || Plural(0) != "s" || Plural(2) != "s" {
		t.Error("Plural: want s for every count but 1")
	}
}
