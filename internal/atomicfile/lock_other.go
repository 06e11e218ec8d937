//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || solaris || windows)

package atomicfile

import "os"

// Systems without flock or LockFileEx get no advisory lock: writes there
// stay atomic, but two concurrent writers can lose an update.
func tryLock(*os.File) (bool, error) { return true, nil }

func release(f *os.File, path string) error {
	os.Remove(path)
	return f.Close()
}
