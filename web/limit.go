package web

import (
	"context"
	"math"
	"runtime"
	"sync/atomic"
	"time"
)

// RSA keys take about half a second each on one core; the other keys take
// microseconds. Requests for RSA keys therefore share a few slots: at most
// workers of them make keys at once, at most queue more wait their turn
// (for maxWait at most), and the rest are turned away at once with a 503
// and a Retry-After.
//
// Why not only a queue: sixteen requests for four RS512 keys each are a
// minute of one core's work. The last in an unbounded queue would wait past
// the server's write timeout and get a dropped connection instead of an
// answer. Why not only a semaphore: two scripts that overlap for a moment
// should both get their keys. A short queue absorbs the overlap; a burst
// gets a clear "busy, come back in N seconds", which curl --retry and most
// HTTP clients honour.
const (
	maxWait          = 10 * time.Second
	initialRSAMillis = 2000 // the guess for one request before one was timed
)

// DefaultRSAWorkers is how many requests make RSA keys at once when
// Options.RSAWorkers is 0: half the CPUs, at least one, so that the page,
// the other keys and the rest of the machine keep a core.
func DefaultRSAWorkers() int { return max(1, runtime.GOMAXPROCS(0)/2) }

// limiter admits RSA requests.
type limiter struct {
	workers int
	run     chan struct{} // one token per request making keys
	admit   chan struct{} // one token per request making keys or waiting
	avg     atomic.Int64  // moving average of a request's time, ms
}

// newLimiter takes Options.RSAWorkers and Options.RSAQueue.
func newLimiter(workers, queue int) *limiter {
	if workers <= 0 {
		workers = DefaultRSAWorkers()
	}
	switch {
	case queue == 0:
		queue = workers
	case queue < 0:
		queue = 0
	}
	l := &limiter{workers: workers, run: make(chan struct{}, workers), admit: make(chan struct{}, workers+queue)}
	l.avg.Store(initialRSAMillis)
	return l
}

// acquire waits for a slot. It returns release, to call when the keys are
// made, or ok false when the queue is full, maxWait passed or ctx ended.
func (l *limiter) acquire(ctx context.Context) (release func(), ok bool) {
	select {
	case l.admit <- struct{}{}:
	default:
		return nil, false
	}
	t := time.NewTimer(maxWait)
	defer t.Stop()
	select {
	case l.run <- struct{}{}:
	case <-ctx.Done():
		<-l.admit
		return nil, false
	case <-t.C:
		<-l.admit
		return nil, false
	}
	start := time.Now()
	return func() {
		ms := time.Since(start).Milliseconds()
		for {
			old := l.avg.Load()
			if l.avg.CompareAndSwap(old, (3*old+ms)/4) {
				break
			}
		}
		<-l.run
		<-l.admit
	}, true
}

// retryAfter estimates, in whole seconds, when the requests now admitted
// will be done: at least 1.
func (l *limiter) retryAfter() int {
	busy := len(l.admit)
	secs := float64(busy) * float64(l.avg.Load()) / 1000 / float64(l.workers)
	return max(1, min(60, int(math.Ceil(secs))))
}
