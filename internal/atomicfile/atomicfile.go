// Package atomicfile writes files so that a reader, or a crash, sees either
// the old content or the new, never a mix, and never a stray temporary file.
//
// Data go to a temporary file in the same directory (named
// ".NAME.tmp-PID-RANDOM"), which is synced and then renamed over, or linked
// to, the final name. A failed write removes its temporary file. A process
// killed mid-write cannot; the next write to the same name removes
// temporary files whose writing process no longer exists.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// WriteFile replaces name with data. It writes a temporary file in the same
// directory, syncs it, renames it over name and syncs the directory. An
// existing file keeps its permission bits; a new one gets perm. If name is a
// symbolic link, the file it points to is replaced and the link is kept.
func WriteFile(name string, data []byte, perm fs.FileMode) error {
	target, err := resolve(name)
	if err != nil {
		return err
	}
	var old fs.FileInfo
	if fi, err := os.Stat(target); err == nil {
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("%s is not a regular file", name)
		}
		perm, old = fi.Mode().Perm(), fi
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	removeStale(target)
	tmp, err := writeTemp(target, data, perm, old)
	if err != nil {
		return err
	}
	if err := fail(StepCommit); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, target); err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(filepath.Dir(target))
}

// CreateFile writes data to a new file name with mode perm. It fails with an
// error matching fs.ErrExist if name exists, and leaves nothing behind on
// any failure: the data are written to a temporary file first and linked
// into place only when complete.
func CreateFile(name string, data []byte, perm fs.FileMode) error {
	removeStale(name)
	tmp, err := writeTemp(name, data, perm, nil)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := fail(StepCommit); err != nil {
		return err
	}
	if err := os.Link(tmp, name); err != nil {
		var le *os.LinkError
		if errors.As(err, &le) && errors.Is(le.Err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", name, fs.ErrExist)
		}
		return err
	}
	return syncDir(filepath.Dir(name))
}

// resolve follows symbolic links in name to the file that will be replaced.
// A missing file resolves to itself.
func resolve(name string) (string, error) {
	fi, err := os.Lstat(name)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return name, nil
	}
	target, err := filepath.EvalSymlinks(name)
	if err != nil {
		return "", fmt.Errorf("%s is a broken symbolic link: %w", name, err)
	}
	return target, nil
}

// tempPrefix is how the temporary files for name begin; the writer's
// process ID follows, so that a later writer can tell a leftover from a
// write in progress.
func tempPrefix(name string) string { return "." + filepath.Base(name) + ".tmp-" }

// writeTemp writes data to a new temporary file beside name with mode perm
// and, if old is set, old's owner (where the system allows it).
func writeTemp(name string, data []byte, perm fs.FileMode, old fs.FileInfo) (tmpName string, err error) {
	if err := fail(StepCreateTemp); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(filepath.Dir(name), tempPrefix(name)+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := fail(StepChmod); err != nil {
		return "", err
	}
	if err := f.Chmod(perm); err != nil {
		return "", err
	}
	if old != nil {
		keepOwner(f, old)
	}
	if err := fail(StepWrite); err != nil {
		f.Write(data[:len(data)/2]) // a write cut short, as by a full disk
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		return "", err
	}
	if err := fail(StepSync); err != nil {
		return "", err
	}
	if err := f.Sync(); err != nil {
		return "", err
	}
	if err := fail(StepClose); err != nil {
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	return f.Name(), nil
}

// removeStale removes temporary files left beside name by writers that
// were killed, recognised by a process ID that no longer runs. It is best
// effort: a leftover it cannot judge stays.
func removeStale(name string) {
	dir := filepath.Dir(name)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := tempPrefix(name)
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		pidText, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid == os.Getpid() || processExists(pid) {
			continue
		}
		os.Remove(filepath.Join(dir, e.Name()))
	}
}

func syncDir(dir string) error {
	if err := fail(StepSyncDir); err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	// Some file systems cannot sync a directory; the rename has happened
	// either way, so that is not worth failing over.
	d.Sync()
	return nil
}
