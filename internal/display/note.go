package display

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Level says how a Note is printed: as what was done, which a quiet run
// leaves out; as a warning; or as a hint, something to do next.
type Level int

// The levels of a Note.
const (
	Info Level = iota
	Warning
	Hint
)

// Note is one line a library's report has for a person, without the
// program's prefix: the program prints it as its Level says, on its own
// stream ("jwtkey: …", "jwtkey: warning: …").
type Note struct {
	Level Level
	Text  string
}

// Infof, Warningf and Hintf make a Note of each level.
func Infof(format string, a ...any) Note { return Note{Info, fmt.Sprintf(format, a...)} }

// Warningf makes a warning Note.
func Warningf(format string, a ...any) Note { return Note{Warning, fmt.Sprintf(format, a...)} }

// Hintf makes a hint Note.
func Hintf(format string, a ...any) Note { return Note{Hint, fmt.Sprintf(format, a...)} }

// Path shows a path relative to the working directory when it is below
// it, and as it is otherwise: reports name the files a person asked
// about the way that person would type them.
func Path(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if real, err := filepath.EvalSymlinks(wd); err == nil {
		wd = real
	}
	if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return p
}
