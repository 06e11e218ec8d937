// Package dotenv reads and edits .env files without disturbing them.
//
// PLACEHOLDER API: the store issue replaces this file. Other packages
// (strength's CLI, scan) compile against these names.
package dotenv

// Var is one variable assignment in a .env file.
type Var struct {
	Name  string
	Value string // unquoted, escapes resolved
	Line  int    // 1-based line number
}

// File is a parsed .env file that can be edited and written back byte for
// byte, apart from the lines that were changed.
type File struct {
	vars []Var
}

// Parse reads a .env file. Lines it cannot parse are kept as they are.
func Parse(data []byte) (*File, error) { return &File{}, nil }

// Vars returns the assignments in file order.
func (f *File) Vars() []Var { return f.vars }

// Lookup returns the value of the last assignment of name.
func (f *File) Lookup(name string) (string, bool) {
	for i := len(f.vars) - 1; i >= 0; i-- {
		if f.vars[i].Name == name {
			return f.vars[i].Value, true
		}
	}
	return "", false
}
