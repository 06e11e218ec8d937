package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// failAt returns a failpoint that fails the nth time (1-based) step is
// taken.
func failAt(step Step, n int) func(Step) error {
	seen := 0
	return func(s Step) error {
		if s == step {
			if seen++; seen == n {
				return errInjected
			}
		}
		return nil
	}
}

// TestTx commits three files (two replaced, one created) and injects a
// failure at every step of each: either all three change, or none does,
// and no temporary file or backup is left.
func TestTx(t *testing.T) {
	type tc struct {
		name string
		fail func(Step) error
		ok   bool
	}
	tests := []tc{{name: "no failure", ok: true}}
	for _, step := range append(slices.Clone(Steps), StepBackup) {
		for n := 1; n <= 3; n++ {
			if step == StepBackup && n == 3 {
				continue // the third file is created: nothing to back up
			}
			tests = append(tests, tc{name: string(step) + "/" + string(rune('0'+n)), fail: failAt(step, n)})
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			a, b, c := filepath.Join(dir, "a"), filepath.Join(dir, "b"), filepath.Join(dir, "c")
			os.WriteFile(a, []byte("old a"), 0o640)
			os.WriteFile(b, []byte("old b"), 0o600)
			if tt.fail != nil {
				defer InjectFailures(tt.fail)()
			}
			var tx Tx
			err := tx.Replace(a, []byte("new a"), 0o600)
			if err == nil {
				err = tx.Replace(b, []byte("new b"), 0o600)
			}
			if err == nil {
				err = tx.Create(c, []byte("new c"), 0o600)
			}
			if err == nil {
				err = tx.Commit(nil)
			} else {
				tx.Abort()
			}
			if tt.ok != (err == nil) {
				t.Fatalf("error = %v, want ok %v", err, tt.ok)
			}
			if err != nil && !errors.Is(err, errInjected) {
				t.Errorf("error %v does not wrap the injected failure", err)
			}
			want := map[string]string{"a": "old a", "b": "old b", "c": ""}
			if tt.ok {
				want = map[string]string{"a": "new a", "b": "new b", "c": "new c"}
			}
			for name, content := range want {
				got, err := os.ReadFile(filepath.Join(dir, name))
				if content == "" {
					if !errors.Is(err, os.ErrNotExist) {
						t.Errorf("%s exists after a failure: %q", name, got)
					}
					continue
				}
				if string(got) != content {
					t.Errorf("%s = %q, want %q", name, got, content)
				}
			}
			if fi, _ := os.Stat(a); !tt.ok && fi.Mode().Perm() != 0o640 {
				t.Errorf("a's mode = %v after a rollback, want 0640", fi.Mode().Perm())
			}
			if extra := leftovers(t, dir, "a", "b", "c"); extra != nil {
				t.Errorf("left behind %q", extra)
			}
		})
	}
}

// TestTxPartial fails the commit of the second file and then the rollback
// of the first: the error must name the first file as changed, and only it.
func TestTxPartial(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.WriteFile(a, []byte("old a"), 0o600)
	os.WriteFile(b, []byte("old b"), 0o600)
	commits := failAt(StepCommit, 2)
	defer InjectFailures(func(s Step) error {
		if s == StepRestore {
			return errInjected
		}
		return commits(s)
	})()
	var tx Tx
	if err := tx.Replace(a, []byte("new a"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := tx.Replace(b, []byte("new b"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := tx.Commit(nil)
	var pe *PartialError
	if !errors.As(err, &pe) || !slices.Equal(pe.Changed, []string{a}) {
		t.Fatalf("error = %v, want a PartialError naming %s", err, a)
	}
	if got, _ := os.ReadFile(a); string(got) != "new a" {
		t.Errorf("a = %q, want the new content it is reported to hold", got)
	}
	if got, _ := os.ReadFile(b); string(got) != "old b" {
		t.Errorf("b = %q, want the old content", got)
	}
}

// TestTxAfter: an error from the after hook rolls back every file,
// including the one just placed.
func TestTxAfter(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.WriteFile(a, []byte("old a"), 0o600)
	var tx Tx
	tx.Replace(a, []byte("new a"), 0o600)
	tx.Create(b, []byte("new b"), 0o600)
	err := tx.Commit(func(name string) error {
		if name == b {
			return errInjected
		}
		return nil
	})
	if !errors.Is(err, errInjected) {
		t.Fatalf("error = %v", err)
	}
	if got, _ := os.ReadFile(a); string(got) != "old a" {
		t.Errorf("a = %q", got)
	}
	if _, err := os.Stat(b); !errors.Is(err, os.ErrNotExist) {
		t.Error("b exists after a rollback")
	}
	if extra := leftovers(t, dir, "a"); extra != nil {
		t.Errorf("left behind %q", extra)
	}
}

func TestTxSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	os.WriteFile(real, []byte("old"), 0o600)
	link := filepath.Join(dir, "link")
	if err := os.Symlink("real", link); err != nil {
		t.Skip(err)
	}
	var tx Tx
	if err := tx.Replace(link, []byte("new"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(nil); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
	if got, _ := os.ReadFile(real); string(got) != "new" {
		t.Errorf("target = %q", got)
	}
}
