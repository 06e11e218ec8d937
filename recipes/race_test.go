//go:build race

package recipes_test

// raceEnabled builds jwtkey with -race too, so that it reuses the packages
// go test -race ./... has already compiled.
const raceEnabled = true
