package keyring

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-jose/go-jose/v4"

	"github.com/jwtkey/jwtkey/keygen"
)

// Errors a caller may branch on. Each is wrapped with detail: test with
// errors.Is.
var (
	// ErrWeakKey is matched by a *WeakKeyError: a key that jwtkey check
	// judges weak or published, or a key pair below its minimum size.
	ErrWeakKey = errors.New("keyring: weak or published key")
	// ErrAlgorithm is returned for a token signed with an algorithm the
	// ring does not accept, or with another algorithm than its key's.
	ErrAlgorithm = errors.New("keyring: algorithm not accepted")
	// ErrUnknownKey is returned for a token whose kid names no key of the
	// ring: a retired key, or another issuer's.
	ErrUnknownKey = errors.New("keyring: no key with that kid")
	// ErrNoSigningKey is returned by the signing methods of a ring whose
	// current key is a public key.
	ErrNoSigningKey = errors.New("keyring: the current key is a public key: this ring only verifies")
)

// Options are the choices a ring is loaded with. The zero value is the
// safe default.
type Options struct {
	// Algorithms lists the algorithms a token may be signed with. By
	// default, the algorithms of the keys loaded. A key for an algorithm
	// not listed is refused at load.
	Algorithms []keygen.Algorithm
	// AllowWeak loads a key that jwtkey check judges weak or published,
	// and reports it to Warn, instead of refusing it. It is meant for a
	// migration period: rotate to a strong key, then turn it off.
	AllowWeak bool
	// Warn receives what the ring goes on with but must not go unnoticed:
	// weak keys loaded under AllowWeak, and reloads that failed in Watch
	// (the keys in use stay). By default, slog's default logger at level
	// Warn.
	Warn func(error)
}

func (o *Options) warn(err error) {
	if o.Warn != nil {
		o.Warn(err)
		return
	}
	slog.Warn(err.Error())
}

// Key is one key of a ring.
type Key struct {
	ID     string           // the kid; empty for a key from the environment
	Alg    keygen.Algorithm // the one algorithm it signs and verifies
	Source string           // where it was read, for messages: "$JWT_SECRET", "keys.json: key 2 (kid …)"

	sign   any // []byte, or a crypto.Signer; nil for a public key
	verify any // []byte, or a crypto.PublicKey
}

// CanSign reports whether the key is a secret or a private key.
func (k Key) CanSign() bool { return k.sign != nil }

// keySet is what one load read. It is never changed after it is built, so
// readers share it without locks.
type keySet struct {
	keys   []Key // the signing key first
	algs   []keygen.Algorithm
	byKID  map[string]int
	signer jose.Signer // for keys[0]; nil when it cannot sign
	sum    [sha256.Size]byte
}

// source is where a ring's keys come from: the environment, a dotenv file,
// a key set file.
type source interface {
	// read returns the bytes the keys are made from.
	read() ([]byte, error)
	// parse makes the keys from what read returned, refusing weak ones
	// unless o allows them.
	parse(data []byte, o *Options) ([]Key, error)
}

// Ring holds the key that signs and the keys still accepted, and swaps
// them atomically on Reload. It is safe for concurrent use.
type Ring struct {
	src  source
	opts Options
	cur  atomic.Pointer[keySet]
	mu   sync.Mutex // one reload at a time
}

func newRing(src source, o Options) (*Ring, error) {
	r := &Ring{src: src, opts: o}
	r.opts.Algorithms = slices.Clone(o.Algorithms)
	if _, err := r.reload(true); err != nil {
		return nil, err
	}
	return r, nil
}

// Reload reads the keys again, so that a rotation or a retirement takes
// effect without a restart. If the new keys are refused, the ring keeps
// the ones it has and Reload returns why.
func (r *Ring) Reload() error {
	_, err := r.reload(true)
	return err
}

// reload reads the source and, when forced or when it changed, builds and
// installs the keys. It reports whether they were replaced.
func (r *Ring) reload(force bool) (bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	data, err := r.src.read()
	if err != nil {
		return false, err
	}
	sum := sha256.Sum256(data)
	if old := r.cur.Load(); !force && old != nil && old.sum == sum {
		return false, nil
	}
	keys, err := r.src.parse(data, &r.opts)
	if err != nil {
		return false, err
	}
	s, err := r.build(keys)
	if err != nil {
		return false, err
	}
	s.sum = sum
	r.cur.Store(s)
	return true, nil
}

// build checks keys against the options and indexes them.
func (r *Ring) build(keys []Key) (*keySet, error) {
	if len(keys) == 0 {
		return nil, errors.New("keyring: no keys")
	}
	s := &keySet{keys: keys, byKID: map[string]int{}}
	for i, k := range keys {
		if len(r.opts.Algorithms) > 0 && !slices.Contains(r.opts.Algorithms, k.Alg) {
			return nil, fmt.Errorf("%w: %s is a %s key, and Options.Algorithms does not list %s", ErrAlgorithm, k.Source, k.Alg, k.Alg)
		}
		if k.ID != "" {
			if j, dup := s.byKID[k.ID]; dup {
				return nil, fmt.Errorf("keyring: %s and %s have the same kid", keys[j].Source, k.Source)
			}
			s.byKID[k.ID] = i
		}
		if !slices.Contains(s.algs, k.Alg) {
			s.algs = append(s.algs, k.Alg)
		}
	}
	if len(r.opts.Algorithms) > 0 {
		s.algs = r.opts.Algorithms
	}
	if cur := keys[0]; cur.CanSign() {
		signer, err := newJOSESigner(cur)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", cur.Source, err)
		}
		s.signer = signer
	}
	return s, nil
}

// judged reports a weak key: an error without AllowWeak, a warning with it.
func (o *Options) judged(err error) error {
	if err == nil {
		return nil
	}
	if o.AllowWeak && errors.Is(err, ErrWeakKey) {
		o.warn(fmt.Errorf("%w (loaded anyway: AllowWeak is set)", err))
		return nil
	}
	return err
}

// Watch checks the source every interval and reloads the keys when it
// changed, until ctx is done. A reload that fails keeps the keys in use
// and is reported to Options.Warn. Run it in its own goroutine.
func (r *Ring) Watch(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := r.reload(false); err != nil {
				r.opts.warn(fmt.Errorf("keyring: reload failed, the keys in use stay: %w", err))
			}
		}
	}
}

// Keys returns the keys the ring holds now, the signing key first.
func (r *Ring) Keys() []Key { return slices.Clone(r.cur.Load().keys) }

// Current returns the key that signs.
func (r *Ring) Current() Key { return r.cur.Load().keys[0] }

// Algorithms returns the algorithms a token may be signed with.
func (r *Ring) Algorithms() []keygen.Algorithm { return slices.Clone(r.cur.Load().algs) }

// candidates returns the keys that may verify a token signed with alg,
// with kid when hasKID: the key that kid names, or, when the token has no
// kid or the ring's keys have none, every key for alg, the current first.
func (s *keySet) candidates(alg string, kid string, hasKID bool) ([]*Key, error) {
	a := keygen.Algorithm(alg)
	if !slices.Contains(s.algs, a) {
		return nil, fmt.Errorf("%w: the token is signed with %q; accepted: %s", ErrAlgorithm, alg, joinAlgs(s.algs))
	}
	if hasKID && len(s.byKID) > 0 {
		i, ok := s.byKID[kid]
		if !ok {
			return nil, fmt.Errorf("%w: %q", ErrUnknownKey, kid)
		}
		if k := &s.keys[i]; k.Alg != a {
			return nil, fmt.Errorf("%w: the token is signed with %q, but its kid names a %s key", ErrAlgorithm, alg, k.Alg)
		} else {
			return []*Key{k}, nil
		}
	}
	var out []*Key
	for i := range s.keys {
		if s.keys[i].Alg == a {
			out = append(out, &s.keys[i])
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: no key for %s", ErrAlgorithm, alg)
	}
	return out, nil
}

func joinAlgs(algs []keygen.Algorithm) string {
	s := ""
	for i, a := range algs {
		if i > 0 {
			s += ", "
		}
		s += string(a)
	}
	return s
}
