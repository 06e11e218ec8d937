package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"
)

// counterEnv names the file a child process increments under the lock.
const counterEnv = "ATOMICFILE_TEST_COUNTER"

const increments = 40

// countUnderLock is the child process: read the number in name, add one,
// write it back, each time under the lock.
func countUnderLock(name string) {
	for range increments {
		if err := increment(name); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
	}
}

func increment(name string) error {
	l, err := Lock(name, time.Minute)
	if err != nil {
		return err
	}
	defer l.Unlock()
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(string(data))
	if err != nil {
		return err
	}
	return WriteFile(name, []byte(strconv.Itoa(n+1)), 0o600)
}

// TestLockProcesses runs read-modify-write loops in several processes at
// once: with the lock, no increment is lost.
func TestLockProcesses(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	dir := t.TempDir()
	name := filepath.Join(dir, "count")
	os.WriteFile(name, []byte("0"), 0o600)
	const procs = 6
	var cmds []*exec.Cmd
	for range procs {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), counterEnv+"="+name)
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	// The test process counts too, from goroutines: flock locks belong to
	// the open file, so they exclude each other within a process as well.
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for range increments {
				if err := increment(name); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("child: %v", err)
		}
	}
	got, _ := os.ReadFile(name)
	if want := strconv.Itoa((procs + 2) * increments); string(got) != want {
		t.Errorf("count = %s, want %s: updates were lost", got, want)
	}
	if extra := leftovers(t, dir, "count"); extra != nil {
		t.Errorf("left behind %q", extra)
	}
}

func TestLockTimeout(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, ".env")
	l, err := Lock(name, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Lock(name, 20*time.Millisecond); !errors.Is(err, ErrLocked) {
		t.Fatalf("second Lock: error %v, want ErrLocked", err)
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	if extra := leftovers(t, dir); extra != nil {
		t.Errorf("after Unlock, left behind %q", extra)
	}
	l, err = Lock(name, 20*time.Millisecond)
	if err != nil {
		t.Fatalf("Lock after Unlock: %v", err)
	}
	l.Unlock()
	l.Unlock() // a second Unlock does nothing
}

// TestLockLeftover: a lock file left by a killed writer holds no lock; the
// next writer takes it and removes it.
func TestLockLeftover(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, ".env")
	os.WriteFile(LockName(name), nil, 0o600)
	l, err := Lock(name, 20*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	l.Unlock()
	if extra := leftovers(t, dir); extra != nil {
		t.Errorf("left behind %q", extra)
	}
}

// TestLockSymlink: a link and its target share one lock, beside the target.
func TestLockSymlink(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "shared"), 0o700)
	real := filepath.Join(dir, "shared", "app.env")
	os.WriteFile(real, nil, 0o600)
	link := filepath.Join(dir, ".env")
	if err := os.Symlink(filepath.Join("shared", "app.env"), link); err != nil {
		t.Skip(err)
	}
	if got, want := LockName(link), filepath.Join(dir, "shared", ".app.env.lock"); got != want {
		t.Errorf("LockName(link) = %s, want %s", got, want)
	}
	l, err := Lock(link, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Unlock()
	if _, err := Lock(real, 20*time.Millisecond); !errors.Is(err, ErrLocked) {
		t.Errorf("locking the target while its link is locked: %v, want ErrLocked", err)
	}
}
