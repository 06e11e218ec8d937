package web

import (
	"context"
	"crypto"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jwtkey/jwtkey/keygen"
)

// slowRSA replaces generateRecord for one test: every RSA generation
// blocks until release is closed, so the test decides when work ends, and
// the most generations ever running at once is kept.
type slowRSA struct {
	key     crypto.Signer
	release chan struct{}
	running atomic.Int32
	most    atomic.Int32
	entered chan struct{}

	limit    int32         // more at once than this closes over
	over     chan struct{} // closed when limit was exceeded
	overOnce sync.Once
}

func newSlowRSA(t *testing.T, limit int32) *slowRSA {
	t.Helper()
	key, err := keygen.GenerateRSA(keygen.RS256, keygen.MinRSABits)
	if err != nil {
		t.Fatal(err)
	}
	s := &slowRSA{key: key, release: make(chan struct{}), entered: make(chan struct{}, 1000), limit: limit, over: make(chan struct{})}
	old := generateRecord
	generateRecord = func(r keygen.Request) (keygen.Record, error) {
		if r.Alg.Family() != keygen.FamilyRSA {
			return old(r)
		}
		n := s.running.Add(1)
		defer s.running.Add(-1)
		for {
			m := s.most.Load()
			if n <= m || s.most.CompareAndSwap(m, n) {
				break
			}
		}
		if n > s.limit {
			s.overOnce.Do(func() { close(s.over) })
		}
		s.entered <- struct{}{}
		<-s.release
		return keygen.PairRecord(s.key, r.Alg, r.Encoding, "")
	}
	t.Cleanup(func() { generateRecord = old })
	return s
}

func serveKey(h http.Handler, ctx context.Context, query string) *httptest.ResponseRecorder {
	req := httptest.NewRequestWithContext(ctx, "GET", "/api/v1/key?"+query, nil)
	req.Host = "127.0.0.1:8080"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// TestRSAFlood sends 16 requests for four RS512 keys at once, the load
// that pinned both CPUs for 28 s: two make keys, two wait, the other
// twelve get a 503 with Retry-After straight away, and never do more than
// two generations run at once.
func TestRSAFlood(t *testing.T) {
	slow := newSlowRSA(t, 2)
	h := Handler(Options{RSAWorkers: 2, RSAQueue: 2})
	codes := make(chan *httptest.ResponseRecorder, 16)
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() { codes <- serveKey(h, context.Background(), "alg=RS512&count=4") })
	}
	for range 12 {
		var rec *httptest.ResponseRecorder
		select {
		case rec = <-codes:
		case <-slow.over:
			close(slow.release)
			t.Fatalf("%d RSA generations ran at once, want at most 2", slow.most.Load())
		}
		if rec.Code != http.StatusServiceUnavailable {
			t.Fatalf("status %d while the workers and the queue are full, want 503: %s", rec.Code, rec.Body)
		}
		ra, err := strconv.Atoi(rec.Header().Get("Retry-After"))
		if err != nil || ra < 1 || ra > 60 {
			t.Errorf("Retry-After = %q, want whole seconds from 1 to 60", rec.Header().Get("Retry-After"))
		}
		var er ErrorResponse
		if err := json.Unmarshal(rec.Body.Bytes(), &er); err != nil || er.Error == "" {
			t.Errorf("503 body %q is not an error object", rec.Body)
		}
		if rec.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("Cache-Control = %q", rec.Header().Get("Cache-Control"))
		}
	}
	<-slow.entered
	<-slow.entered

	// Other keys do not wait for RSA.
	for _, q := range []string{"alg=HS512", "alg=HS256&encoding=jwk", "alg=ES256", "alg=EdDSA&encoding=jwk"} {
		if rec := serveKey(h, context.Background(), q); rec.Code != 200 {
			t.Errorf("%s while RSA is busy: status %d, want 200", q, rec.Code)
		}
	}

	close(slow.release)
	wg.Wait()
	close(codes)
	ok := 0
	for rec := range codes {
		if rec.Code != 200 {
			t.Errorf("an admitted request got %d: %s", rec.Code, rec.Body)
			continue
		}
		var kr KeyResponse
		if err := json.Unmarshal(rec.Body.Bytes(), &kr); err != nil || len(kr.Keys) != 4 {
			t.Errorf("an admitted request got %d keys, %v", len(kr.Keys), err)
		}
		ok++
	}
	if ok != 4 {
		t.Errorf("%d requests got keys, want 4 (two workers, two waiting)", ok)
	}
	if most := slow.most.Load(); most > 2 {
		t.Errorf("%d RSA generations ran at once, want at most 2", most)
	}
}

// TestRSAQueueLeaves checks that a waiting request whose client goes away
// gives its place back, and that a waiting request gets its turn.
func TestRSAQueueLeaves(t *testing.T) {
	slow := newSlowRSA(t, 1)
	kh := &keyHandler{rsa: newLimiter(1, 1)}
	h := guard(kh, nil)

	first := make(chan int, 1)
	go func() { first <- serveKey(h, context.Background(), "alg=RS256").Code }()
	<-slow.entered

	ctx, cancel := context.WithCancel(context.Background())
	gone := make(chan int, 1)
	go func() { gone <- serveKey(h, ctx, "alg=PS256").Code }()
	for len(kh.rsa.admit) < 2 {
		runtime.Gosched() // until the second request is in the queue
	}
	if rec := serveKey(h, context.Background(), "alg=RS384"); rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("with one making keys and one waiting: status %d, want 503", rec.Code)
	}
	cancel()
	if code := <-gone; code != http.StatusServiceUnavailable {
		t.Errorf("a request abandoned in the queue: status %d", code)
	}
	if n := len(kh.rsa.admit); n != 1 {
		t.Fatalf("%d places taken after the waiting client left, want 1", n)
	}

	second := make(chan int, 1)
	go func() { second <- serveKey(h, context.Background(), "alg=RS256").Code }()
	for len(kh.rsa.admit) < 2 {
		runtime.Gosched()
	}
	close(slow.release)
	if a, b := <-first, <-second; a != 200 || b != 200 {
		t.Errorf("statuses %d and %d, want 200 for the request making keys and the one waiting", a, b)
	}
	if n := len(kh.rsa.admit); n != 0 {
		t.Errorf("%d places still taken when all is done", n)
	}
}

func TestRetryAfter(t *testing.T) {
	l := newLimiter(2, 2)
	if got := l.retryAfter(); got != 1 {
		t.Errorf("idle: Retry-After %d, want 1", got)
	}
	for range 4 {
		l.admit <- struct{}{}
	}
	l.avg.Store(2500)
	// Four requests of 2.5 s on two workers: 5 s.
	if got := l.retryAfter(); got != 5 {
		t.Errorf("Retry-After %d, want 5", got)
	}
	l.avg.Store(1 << 40)
	if got := l.retryAfter(); got != 60 {
		t.Errorf("Retry-After %d, want the cap of 60", got)
	}
}

func TestDefaultRSAWorkers(t *testing.T) {
	if n := DefaultRSAWorkers(); n < 1 {
		t.Errorf("DefaultRSAWorkers() = %d", n)
	}
}

func TestLimiterOptions(t *testing.T) {
	d := DefaultRSAWorkers()
	for _, tc := range []struct{ workers, queue, run, admit int }{
		{2, 0, 2, 4},
		{2, -1, 2, 2},
		{1, 3, 1, 4},
		{0, 0, d, 2 * d},
		{-5, -5, d, d},
	} {
		l := newLimiter(tc.workers, tc.queue)
		if cap(l.run) != tc.run || cap(l.admit) != tc.admit {
			t.Errorf("RSAWorkers %d, RSAQueue %d: %d at work and %d admitted, want %d and %d",
				tc.workers, tc.queue, cap(l.run), cap(l.admit), tc.run, tc.admit)
		}
	}
}
