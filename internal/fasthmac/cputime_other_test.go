//go:build !unix

package fasthmac

import "time"

func cpuTime() time.Duration { return 0 }
