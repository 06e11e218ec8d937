// Package lazyre compiles regular expressions on first use, so that a
// package full of patterns costs nothing at program start-up: jwtkey is run
// from scripts and hooks, and most runs never match anything.
package lazyre

import (
	"regexp"
	"sync"
)

// New returns a function that compiles expr the first time it is called
// and returns the same *regexp.Regexp ever after. Like regexp.MustCompile,
// it panics if expr does not compile; every pattern is a constant covered
// by tests.
func New(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
