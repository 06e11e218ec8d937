//go:build unix

package audit

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used. On a shared machine the
// benchmark can be descheduled for long stretches; candidates per CPU
// second are steadier than per wall-clock second.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
