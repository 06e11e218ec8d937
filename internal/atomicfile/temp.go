package atomicfile

import (
	"strconv"
	"strings"
)

// TempOf reports whether base, a file's base name, is one of the temporary
// files WriteFile and CreateFile make (".NAME.tmp-PID-RANDOM"), and returns
// the base name of the file it was meant to become (NAME). A temporary file
// that outlives its writer was left by an interrupted write and may hold a
// copy of what was being written.
func TempOf(base string) (target string, ok bool) {
	if !strings.HasPrefix(base, ".") {
		return "", false
	}
	i := strings.LastIndex(base, ".tmp-")
	if i <= 1 {
		return "", false
	}
	// What follows is the writer's process ID, a dash and os.CreateTemp's
	// random digits.
	pid, random, ok := strings.Cut(base[i+len(".tmp-"):], "-")
	if !ok || !digits(pid) || !digits(random) {
		return "", false
	}
	// Check the layout against tempPrefix, the one place it is made.
	target = base[1:i]
	if !strings.HasPrefix(base, tempPrefix(target)) {
		return "", false
	}
	return target, true
}

// IsTemp reports whether base is the name of one of this package's
// temporary files: see TempOf.
func IsTemp(base string) bool {
	_, ok := TempOf(base)
	return ok
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}
