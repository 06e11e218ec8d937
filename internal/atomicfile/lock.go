package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// ErrLocked is returned by Lock when another process held the lock for the
// whole timeout.
var ErrLocked = errors.New("another process is changing it")

// A FileLock is an exclusive advisory lock on one file, held from before
// its content is read until after the new content is renamed into place.
//
// The lock is not taken on the file itself: a rename gives the file a new
// inode, so a lock on the old one would guard nothing, and the next writer
// would lock the new one while the last still works. It is taken on a
// sibling lock file, ".NAME.lock" beside the file a symbolic link resolves
// to, which no rename replaces. Unlock removes the lock file while still
// holding the lock; a waiter that then gets the lock on the removed file
// sees that its path no longer names it, and starts again on a new one. So
// nothing is left behind, except by a writer killed while holding the lock:
// its empty lock file is reused, and removed, by the next writer.
//
// Every process that writes through this package honours the lock; other
// programs do not know of it.
type FileLock struct {
	f    *os.File
	path string
}

// LockName returns the lock file Lock uses for name.
func LockName(name string) string {
	target, err := resolve(name)
	if err != nil {
		target = name
	}
	return filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".lock")
}

// Lock takes the lock for name, waiting at most timeout for another
// process to release it; after that it fails with an error matching
// ErrLocked. name need not exist, but its directory must.
func Lock(name string, timeout time.Duration) (*FileLock, error) {
	if _, err := resolve(name); err != nil {
		return nil, err
	}
	path := LockName(name)
	deadline := time.Now().Add(timeout)
	wait := time.Millisecond
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return nil, fmt.Errorf("locking %s: %w", name, err)
		}
		got, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", name, err)
		}
		if got {
			if same(f, path) {
				return &FileLock{f: f, path: path}, nil
			}
			f.Close() // removed by the holder before us: start again
			continue
		}
		f.Close()
		if !time.Now().Before(deadline) {
			return nil, fmt.Errorf("%s: %w (waited %v for %s)", name, ErrLocked, timeout, path)
		}
		// Back off, with jitter so that waiters do not poll in step.
		time.Sleep(min(wait+jitter(wait), time.Until(deadline)+time.Millisecond))
		wait = min(2*wait, 50*time.Millisecond)
	}
}

// jitter returns a random duration below d.
func jitter(d time.Duration) time.Duration {
	return time.Duration(random() % uint64(max(d, 1)))
}

// same reports whether path still names the file f has open.
func same(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}

// Unlock removes the lock file and releases the lock. It is safe to call
// more than once.
func (l *FileLock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := release(l.f, l.path)
	l.f = nil
	return err
}
