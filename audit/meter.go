package audit

import (
	"fmt"
	"sync"
	"time"

	"github.com/jwtkey/jwtkey/internal/display"
)

// Meter turns a running Cracker's Progress, sampled at a steady
// interval, into what a progress display shows: the rate in candidates
// per second, smoothed over about two seconds, and the time left.
type Meter struct {
	Every time.Duration // the sampling interval

	key         string // the attack sampled last
	first, last Progress
	started     time.Time
	rate        float64
}

// Sample takes the snapshot p, taken at now. It reports whether p is of
// another attack than the sample before: the pace of that one starts
// over.
func (m *Meter) Sample(p Progress, now time.Time) (next bool) {
	if key := string(p.Attack) + "\x00" + p.Name; key != m.key {
		*m = Meter{Every: m.Every, key: key, first: p, last: p, started: now}
		return true
	}
	// Exponential smoothing over about two seconds of samples.
	if r := float64(p.Done-m.last.Done) / m.Every.Seconds(); m.rate == 0 {
		m.rate = r
	} else {
		m.rate = 0.12*r + 0.88*m.rate
	}
	m.last = p
	return false
}

// Rate is the smoothed rate in candidates per second.
func (m *Meter) Rate() float64 { return m.rate }

// Left estimates the time the attack still needs, or reports false when
// nothing says: from the rate when its candidates are counted, or, for
// a wordlist tried a chunk at a time, from the pace over its bytes so
// far rather than a bursty rate.
func (m *Meter) Left(now time.Time) (time.Duration, bool) {
	p := m.last
	switch {
	case p.Total > 0 && m.rate > 0:
		return time.Duration(float64(p.Total-p.Done) / m.rate * float64(time.Second)), true
	case p.BytesTotal > 0 && p.BytesDone > m.first.BytesDone:
		f := float64(p.BytesTotal-p.BytesDone) / float64(p.BytesDone-m.first.BytesDone)
		return time.Duration(f * float64(now.Sub(m.started))), true
	}
	return 0, false
}

// Status is the line a progress display shows for the last sample:
// "mask ?l?l?d: 1,234 done, 5.2k/s, ETA 3s".
func (m *Meter) Status(now time.Time) string {
	eta := "?"
	if d, ok := m.Left(now); ok {
		eta = display.Round(d).String()
	}
	p := m.last
	return fmt.Sprintf("%s %s: %s done, %s/s, ETA %s", p.Attack, display.Text(p.Name), display.Count(p.Done), display.Rate(m.rate), eta)
}

// Extent is how far the attack has got for a progress bar: candidates
// when their number is known, else the bytes of its wordlist, else
// candidates out of an unknown total (-1).
func (p Progress) Extent() (done, total int64) {
	switch {
	case p.Total > 0:
		return int64(p.Done), int64(p.Total)
	case p.BytesTotal > 0:
		return p.BytesDone, p.BytesTotal
	}
	return int64(p.Done), -1
}

// Watch calls f with the cracker's progress and the time, every
// interval, on a goroutine of its own, until the function it returns is
// called; that function returns once f has returned for the last time.
func (c *Cracker) Watch(every time.Duration, f func(Progress, time.Time)) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case now := <-tick.C:
				f(c.Progress(), now)
			}
		}
	})
	return func() { close(done); wg.Wait() }
}
