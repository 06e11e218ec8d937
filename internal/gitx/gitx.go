// Package gitx asks git, never a re-implementation of its rules, about work
// trees: which files are tracked, which are ignored.
//
// PLACEHOLDER API: the store issue replaces this file; scan adds its own
// files beside it.
package gitx

import "errors"

// ErrNoGit is returned when no git binary can be found.
var ErrNoGit = errors.New("gitx: git is not installed")

// ErrNotRepo is returned for a directory outside any git work tree.
var ErrNotRepo = errors.New("gitx: not inside a git work tree")

// Root returns the top directory of the work tree that holds dir.
func Root(dir string) (string, error) { return "", ErrNotRepo }

// IsIgnored reports whether path is ignored by git.
func IsIgnored(path string) (bool, error) { return false, ErrNotRepo }

// IsTracked reports whether path is in git's index.
func IsTracked(path string) (bool, error) { return false, ErrNotRepo }

// ListFiles returns the tracked and untracked-not-ignored files under dir.
func ListFiles(dir string) ([]string, error) { return nil, ErrNotRepo }
