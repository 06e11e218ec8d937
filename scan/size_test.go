package scan

import "testing"

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64 // 0: an error
	}{
		{"1048576", 1 << 20},
		{"512KiB", 512 << 10},
		{"512K", 512 << 10},
		{"512kb", 512 << 10},
		{"4MiB", 4 << 20},
		{"4 M", 4 << 20},
		{"1GiB", 1 << 30},
		{"100b", 100},
		{" 7 ", 7},
		{"1024GiB", 1 << 40},
		{"1025GiB", 0},
		{"0", 0},
		{"-1MiB", 0},
		{"MiB", 0},
		{"1.5MiB", 0},
		{"4TiB", 0},
		{"", 0},
	}
	for _, tt := range tests {
		got, err := ParseSize(tt.in)
		if got != tt.want || (err != nil) != (tt.want == 0) {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}
