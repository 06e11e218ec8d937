// Package atomicfile writes files so that a reader, or a crash, sees either
// the old content or the new, never a mix, and never a stray temporary file.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
	if fi, err := os.Stat(target); err == nil {
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("atomicfile: %s is not a regular file", name)
		}
		perm = fi.Mode().Perm()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("atomicfile: %w", err)
	}
	tmp, err := writeTemp(target, data, perm)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, target); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("atomicfile: %w", err)
	}
	return syncDir(filepath.Dir(target))
}

// CreateFile writes data to a new file name with mode perm. It fails with an
// error matching fs.ErrExist if name exists, and leaves nothing behind on
// any failure: the data are written to a temporary file first and linked
// into place only when complete.
func CreateFile(name string, data []byte, perm fs.FileMode) error {
	tmp, err := writeTemp(name, data, perm)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, name); err != nil {
		var le *os.LinkError
		if errors.As(err, &le) && errors.Is(le.Err, fs.ErrExist) {
			return fmt.Errorf("atomicfile: %s: %w", name, fs.ErrExist)
		}
		return fmt.Errorf("atomicfile: %w", err)
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
		return "", fmt.Errorf("atomicfile: %s is a broken symbolic link: %w", name, err)
	}
	return target, nil
}

func writeTemp(name string, data []byte, perm fs.FileMode) (tmpName string, err error) {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return "", fmt.Errorf("atomicfile: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := f.Chmod(perm); err != nil {
		return "", fmt.Errorf("atomicfile: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		return "", fmt.Errorf("atomicfile: %w", err)
	}
	if err := f.Sync(); err != nil {
		return "", fmt.Errorf("atomicfile: %w", err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("atomicfile: %w", err)
	}
	return f.Name(), nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("atomicfile: %w", err)
	}
	defer d.Close()
	// Some file systems cannot sync a directory; the rename has happened
	// either way, so that is not worth failing over.
	d.Sync()
	return nil
}
