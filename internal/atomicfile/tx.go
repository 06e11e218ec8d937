package atomicfile

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Tx changes several files so that either every one changes or, after a
// failure, every one is as it was. Each file's new content is first written
// to a synced temporary file beside it; only when all of them are written
// does Commit rename them into place, one by one, keeping a hard link to
// each old file until the last rename has succeeded. A failure at any point
// renames the old files back (and removes the files the Tx created).
//
// The one thing a Tx cannot promise is the rollback itself: if putting an
// old file back fails too, Commit returns a *PartialError naming the files
// that kept their new content.
//
// A Tx does not lock anything: callers that read a file to compute its new
// content hold a Lock on it from the read until Commit returns.
type Tx struct {
	writes []*txWrite
	closed bool
}

type txWrite struct {
	name   string // as the caller gave it, for messages
	target string // the file replaced: name with symbolic links resolved
	tmp    string // the new content, until renamed
	create bool   // the file must not exist: linked into place, removed on rollback
	backup string // a hard link to the old file while the Tx commits
	old    []byte // the old content, where no hard link could be made
	oldFI  fs.FileInfo
	placed bool // the new content is in place
}

// PartialError is returned by Tx.Commit when a failure could not be rolled
// back everywhere: Changed lists the files, as given to the Tx, that hold
// their new content, and Err is the failure that stopped the commit.
type PartialError struct {
	Changed []string
	Err     error
}

func (e *PartialError) Error() string {
	return fmt.Sprintf("%v; these files could not be put back and hold the new content: %s", e.Err, strings.Join(e.Changed, ", "))
}

func (e *PartialError) Unwrap() error { return e.Err }

// Replace stages new content for the existing file name (a symbolic link is
// followed, and kept): data go to a synced temporary file with mode perm and
// the old file's owner, where the system allows it.
func (tx *Tx) Replace(name string, data []byte, perm fs.FileMode) error {
	target, err := resolve(name)
	if err != nil {
		return err
	}
	fi, err := os.Stat(target)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", name)
	}
	return tx.stage(&txWrite{name: name, target: target, oldFI: fi}, data, perm)
}

// Create stages a new file name with mode perm. Commit fails, and rolls
// everything back, if name exists by then.
func (tx *Tx) Create(name string, data []byte, perm fs.FileMode) error {
	return tx.stage(&txWrite{name: name, target: name, create: true}, data, perm)
}

func (tx *Tx) stage(w *txWrite, data []byte, perm fs.FileMode) error {
	if tx.closed {
		return errors.New("the transaction is over")
	}
	removeStale(w.target)
	tmp, err := writeTemp(w.target, data, perm, w.oldFI)
	if err != nil {
		return fmt.Errorf("writing a temporary copy of %s: %w", w.name, err)
	}
	w.tmp = tmp
	tx.writes = append(tx.writes, w)
	return nil
}

// Commit puts the staged files in place, in the order they were staged,
// calling after (if not nil) once each is in place; an error from after
// counts as that file's failure. On any failure every file is put back as
// it was and the error is returned, or a *PartialError if that failed too.
// Commit ends the Tx either way.
func (tx *Tx) Commit(after func(name string) error) error {
	if tx.closed {
		return errors.New("the transaction is over")
	}
	defer tx.Abort()
	for _, w := range tx.writes {
		if err := w.commit(); err != nil {
			verb := "replacing"
			if w.create {
				verb = "creating"
			}
			return tx.rollback(fmt.Errorf("%s %s: %w", verb, w.name, err))
		}
		if after != nil {
			if err := after(w.name); err != nil {
				return tx.rollback(err)
			}
		}
	}
	for _, w := range tx.writes {
		if w.backup != "" {
			os.Remove(w.backup)
		}
	}
	tx.writes = nil
	return nil
}

// Abort removes the temporary files of a Tx that was not committed. It is
// safe to call more than once, and after Commit.
func (tx *Tx) Abort() {
	for _, w := range tx.writes {
		if w.tmp != "" {
			os.Remove(w.tmp)
		}
		if w.backup != "" && !w.placed {
			os.Remove(w.backup)
		}
	}
	tx.writes, tx.closed = nil, true
}

func (w *txWrite) commit() error {
	if err := fail(StepCommit); err != nil {
		return err
	}
	if w.create {
		if err := os.Link(w.tmp, w.target); err != nil {
			var le *os.LinkError
			if errors.As(err, &le) && errors.Is(le.Err, fs.ErrExist) {
				return fs.ErrExist
			}
			return err
		}
		w.placed = true
		os.Remove(w.tmp)
		w.tmp = ""
		return syncDir(filepath.Dir(w.target))
	}
	if err := w.keepOld(); err != nil {
		return err
	}
	if err := os.Rename(w.tmp, w.target); err != nil {
		return err
	}
	w.tmp, w.placed = "", true
	return syncDir(filepath.Dir(w.target))
}

// keepOld makes a hard link to the file about to be replaced, named like a
// temporary file of this package so that a writer killed mid-commit leaves
// something removeStale and the doctor recognise. Where hard links are not
// supported, the old content is read into memory instead.
func (w *txWrite) keepOld() error {
	if err := fail(StepBackup); err != nil {
		return err
	}
	for range 10 {
		name := filepath.Join(filepath.Dir(w.target), tempPrefix(w.target)+strconv.Itoa(os.Getpid())+"-"+strconv.FormatUint(random(), 10))
		err := os.Link(w.target, name)
		if err == nil {
			w.backup = name
			return nil
		}
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	old, err := os.ReadFile(w.target)
	if err != nil {
		return err
	}
	w.old = old
	return nil
}

// random returns a random number for a file name. crypto/rand, since the
// module keeps math/rand out.
func random() uint64 {
	var b [4]byte
	rand.Read(b[:])
	return uint64(binary.LittleEndian.Uint32(b[:]))
}

// restore puts the old file back.
func (w *txWrite) restore() error {
	if err := fail(StepRestore); err != nil {
		return err
	}
	switch {
	case w.create:
		if err := os.Remove(w.target); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	case w.backup != "":
		if err := os.Rename(w.backup, w.target); err != nil {
			return err
		}
		w.backup = ""
	default:
		tmp, err := writeTemp(w.target, w.old, w.oldFI.Mode().Perm(), w.oldFI)
		if err != nil {
			return err
		}
		if err := os.Rename(tmp, w.target); err != nil {
			os.Remove(tmp)
			return err
		}
	}
	w.placed = false
	syncDir(filepath.Dir(w.target))
	return nil
}

// rollback puts back every file placed so far, newest first.
func (tx *Tx) rollback(cause error) error {
	var changed []string
	for i := len(tx.writes) - 1; i >= 0; i-- {
		w := tx.writes[i]
		if !w.placed {
			continue
		}
		if err := w.restore(); err != nil {
			changed = append([]string{w.name}, changed...)
		}
	}
	if changed != nil {
		return &PartialError{Changed: changed, Err: cause}
	}
	return cause
}
