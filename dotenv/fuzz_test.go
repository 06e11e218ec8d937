package dotenv

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzEdit checks, for any text, that Parse then Bytes gives the text back
// and that an edit keeps every other line: the bytes outside the edited
// assignment are unchanged and every other assignment reads back the same.
func FuzzEdit(f *testing.F) {
	files, _ := filepath.Glob("testdata/corpus/*.env")
	for i, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, "n3w-v@lue 'x'", uint8(i))
	}
	f.Add([]byte("A='open\nJWT_SECRET=1"), "v", uint8(0))
	f.Add([]byte("JWT_SECRET=#x\n"), "", uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, value string, op uint8) {
		file, err := Parse(data)
		if err != nil {
			return
		}
		if got := file.Bytes(); !bytes.Equal(got, data) {
			t.Fatalf("Parse then Bytes: got %q, want %q", got, data)
		}
		names := []string{"JWT_SECRET", "A", "JWT_SECRET_PREVIOUS"}
		e := edit{op: "set", name: names[int(op>>2)%len(names)], value: value}
		switch op % 4 {
		case 1:
			e.op, e.after = "after", "JWT_SECRET"
		case 2:
			if _, ok := file.Lookup(e.name); !ok {
				return
			}
			for _, v := range file.Vars() {
				if v.Name == e.name && file.index(e.name) != indexOfLine(file, v.Line) {
					return // checkLocal follows one deletion only
				}
			}
			e.op = "delete"
		}
		before := file.Vars()
		if err := e.apply(file); err != nil {
			if got := file.Bytes(); !bytes.Equal(got, data) {
				t.Fatalf("a failed edit changed the file: %v", err)
			}
			return
		}
		out := file.Bytes()
		checkLocal(t, data, out, e)
		checkVars(t, before, out, e)
	})
}

func indexOfLine(f *File, line int) int {
	for i, e := range f.entries {
		if e.Line == line {
			return i
		}
	}
	return -1
}
