package store

import "fmt"

// Rotate moves the current value of o.Name in the dotenv file at path to
// o.Previous (placed on the line after it when new) and writes a new key
// under o.Name, so that verifiers can accept both while tokens signed with
// the old key expire. A value already in o.Previous, from a rotation never
// retired, is overwritten; Result.DroppedPrevious says so.
func Rotate(path string, o Options) (*Result, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	t, err := load(path)
	if err != nil {
		return nil, err
	}
	old, ok := t.file.Lookup(o.Name)
	if !ok || old == "" {
		return nil, fmt.Errorf("%w: %s does not set %s", ErrNothingToRotate, path, o.Name)
	}
	prev, hadPrev := t.file.Lookup(o.Previous)
	key, err := o.newKey()
	if err != nil {
		return nil, err
	}
	if err := t.file.SetAfter(o.Previous, old, o.Name); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := t.file.Set(o.Name, key); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := t.save(o.NoGitignore); err != nil {
		return nil, err
	}
	return &Result{
		File: path, Name: o.Name, Key: key, Replaced: true, Mode: t.mode, Git: t.git.GitStatus,
		Previous: o.Previous, DroppedPrevious: hadPrev && prev != "" && prev != old,
	}, nil
}

// Retire removes o.Previous from the dotenv file at path, once no token
// signed with the old key can still be valid.
func Retire(path string, o Options) (*Result, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	t, err := load(path)
	if err != nil {
		return nil, err
	}
	if !t.exists {
		return nil, fmt.Errorf("%w: %s does not exist", ErrNothingToRotate, path)
	}
	found, err := t.file.Delete(o.Previous)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if !found {
		return nil, fmt.Errorf("%w: %s does not set %s", ErrNothingToRotate, path, o.Previous)
	}
	if err := t.save(o.NoGitignore); err != nil {
		return nil, err
	}
	return &Result{File: path, Name: o.Name, Previous: o.Previous, Mode: t.mode, Git: t.git.GitStatus}, nil
}
