package store

import (
	"fmt"

	"github.com/jwtkey/jwtkey/dotenv"
)

// Rotate moves the current value of o.Name in the dotenv file at path to
// o.Previous and writes a new key under o.Name, so that verifiers can
// accept both while tokens signed with the old key expire. A new o.Previous
// goes on the line after o.Name, in its style ("export ", quoting). A value
// already in o.Previous, from a rotation never retired, is overwritten;
// Result.DroppedPrevious says so. A file that assigns either name twice is
// refused (dotenv.ErrDuplicate): one of the two values would be left
// behind.
func Rotate(path string, o Options) (*Result, error) {
	return first(RotateAll([]string{path}, o))
}

// RotateAll rotates the key in each file, all or nothing, as WriteAll
// writes.
func RotateAll(paths []string, o Options) ([]*Result, error) {
	o, err := o.forDotenv()
	if err != nil {
		return nil, err
	}
	return editAll(paths, o, func(f *file, d *dotenv.File) (*Result, error) {
		for _, n := range []string{o.Name, o.Previous} {
			if err := d.CheckUnique(n); err != nil {
				return nil, f.wrap(err)
			}
		}
		old, ok := d.Lookup(o.Name)
		if !ok || old == "" {
			return nil, fmt.Errorf("%w: %s does not set %s", ErrNothingToRotate, f.path, o.Name)
		}
		prev, hadPrev := d.Lookup(o.Previous)
		key, err := o.newKey()
		if err != nil {
			return nil, err
		}
		if err := d.SetAfter(o.Previous, old, o.Name); err != nil {
			return nil, f.wrap(err)
		}
		if err := d.Set(o.Name, key); err != nil {
			return nil, f.wrap(err)
		}
		return &Result{
			Name: o.Name, Key: key, Replaced: true,
			Previous: o.Previous, DroppedPrevious: hadPrev && prev != "" && prev != old,
		}, nil
	})
}

// Retire removes o.Previous from the dotenv file at path, once no token
// signed with the old key can still be valid. Every assignment of
// o.Previous goes; a file that assigns o.Name twice is refused, since the
// other line could hold an old key.
func Retire(path string, o Options) (*Result, error) {
	return first(RetireAll([]string{path}, o))
}

// RetireAll retires the previous key in each file, all or nothing, as
// WriteAll writes.
func RetireAll(paths []string, o Options) ([]*Result, error) {
	o, err := o.forDotenv()
	if err != nil {
		return nil, err
	}
	return editAll(paths, o, func(f *file, d *dotenv.File) (*Result, error) {
		if !f.exists {
			return nil, fmt.Errorf("%w: %s does not exist", ErrNothingToRotate, f.path)
		}
		if err := d.CheckUnique(o.Name); err != nil {
			return nil, f.wrap(err)
		}
		found, err := d.Delete(o.Previous)
		if err != nil {
			return nil, f.wrap(err)
		}
		if !found {
			return nil, fmt.Errorf("%w: %s does not set %s", ErrNothingToRotate, f.path, o.Previous)
		}
		return &Result{Name: o.Name, Previous: o.Previous}, nil
	})
}
