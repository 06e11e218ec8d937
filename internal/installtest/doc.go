// Package installtest tests the ways other tools install and run jwtkey
// from this repository: the pre-commit hooks (.pre-commit-hooks.yaml) and
// the GitHub Action (action.yml). It has no API; the tests build jwtkey the
// way those tools do and run it on throwaway git repositories.
//
// Outside CI a missing tool (pre-commit, bash, git) skips a test; with CI
// set it fails it.
package installtest
