// Package cputime reads the CPU time this process has used, for
// benchmarks on shared machines: a benchmark can be descheduled for long
// stretches, and work per CPU second is steadier than per wall-clock
// second. It is for benchmarks only.
package cputime

import "time"

// Used returns the user and system CPU time this process has used, or 0
// where the system does not say.
func Used() time.Duration { return time.Duration(used()) }
