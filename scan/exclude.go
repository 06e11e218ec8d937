package scan

import (
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"strings"
)

// Part of stage 1: the paths a project says not to scan
// (Options.Exclude), matched by the rules a .gitignore uses, so that
// nobody has to learn a second syntax:
//
//   - a pattern is matched against slash-separated paths relative to
//     Options.ExcludeDir (the scanned directory by default);
//   - a pattern with no slash but a trailing one matches a name at any
//     depth ("*.min.js", "fixtures"); one with a slash in it, or starting
//     with "/", is anchored to that directory ("docs/examples/*.js");
//   - "*" matches within one path segment, "?" one character, "[a-z]" a
//     class, as path.Match does; "**" as a whole segment matches any
//     number of directories, none included ("config/**/local.yml"), and
//     a trailing "/**" everything inside a directory ("docs/**");
//   - a pattern that matches a directory excludes everything below it; a
//     trailing "/" matches directories only ("build/");
//   - negation ("!pattern") is not supported: it is refused, not ignored.

// exclusion is one compiled pattern.
type exclusion struct {
	text    string   // as given, for notes
	segs    []string // split at "/"
	dirOnly bool
}

// errNegation is why a "!" pattern is refused.
var errNegation = errors.New("negation (!) is not supported: list only what to leave out")

// ExcludeError is a pattern of Options.Exclude that cannot be used.
type ExcludeError struct {
	Pattern string
	Err     error
}

func (e *ExcludeError) Error() string {
	return fmt.Sprintf("scan: exclude pattern %q: %v", e.Pattern, e.Err)
}

func (e *ExcludeError) Unwrap() error { return e.Err }

// excluder is the compiled Options.Exclude of a scan.
type excluder struct {
	pats   []exclusion
	prefix []string // the scanned directory relative to the patterns' directory
}

// compileExclude checks and compiles patterns. prefix is the scanned
// directory relative to the patterns' directory ("" when they are the
// same); outside says the scanned directory is not below it, so that
// anchored patterns cannot match.
func compileExclude(patterns []string, prefix string, outside bool) (*excluder, error) {
	x := &excluder{}
	if prefix != "" {
		x.prefix = strings.Split(prefix, "/")
	}
	for _, p := range patterns {
		e, anchored, err := compileOne(p)
		if err != nil {
			return nil, &ExcludeError{Pattern: p, Err: err}
		}
		switch {
		case !anchored:
			e.segs = append([]string{"**"}, e.segs...)
		case outside:
			continue
		}
		x.pats = append(x.pats, e)
	}
	return x, nil
}

func compileOne(p string) (e exclusion, anchored bool, err error) {
	e.text = p
	switch {
	case strings.TrimSpace(p) == "":
		return e, false, errors.New("empty")
	case strings.HasPrefix(p, "!"):
		return e, false, errNegation
	case strings.Contains(p, "\\"):
		return e, false, errors.New("use / to separate directories")
	}
	if strings.HasSuffix(p, "/") {
		e.dirOnly = true
		p = strings.TrimRight(p, "/")
	}
	if strings.HasPrefix(p, "/") {
		anchored = true
		p = strings.TrimLeft(p, "/")
	}
	if strings.Contains(p, "/") {
		anchored = true
	}
	if p == "" {
		return e, false, errors.New("matches nothing: give a name or a path")
	}
	for _, s := range strings.Split(p, "/") {
		if s == "" || s == "." || s == ".." {
			return e, false, fmt.Errorf("segment %q: give a path below the directory", s)
		}
		if s != "**" {
			if _, err := path.Match(s, ""); err != nil {
				return e, false, err
			}
		}
		e.segs = append(e.segs, s)
	}
	return e, anchored, nil
}

// excluded returns the pattern that excludes the slash-separated path p,
// relative to the scanned directory, or "". A pattern that matches one of
// p's directories, the scanned directory's own included, excludes p.
func (x *excluder) excluded(p string, dir bool) string {
	if x == nil || len(x.pats) == 0 {
		return ""
	}
	segs := append(append([]string{}, x.prefix...), strings.Split(p, "/")...)
	for _, e := range x.pats {
		for i := 1; i <= len(segs); i++ {
			if i == len(segs) && e.dirOnly && !dir {
				break
			}
			if matchSegs(e.segs, segs[:i]) {
				return e.text
			}
		}
	}
	return ""
}

// matchSegs matches path segments against pattern segments.
func matchSegs(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for len(pat) > 1 && pat[1] == "**" {
				pat = pat[1:]
			}
			if len(pat) == 1 {
				// A trailing "/**" matches what is inside, not the
				// directory itself.
				return len(segs) > 0
			}
			for i := 0; i <= len(segs); i++ {
				if matchSegs(pat[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], segs[0]); !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}

// excludePrefix says where dir is relative to root, for compileExclude.
func excludePrefix(root, dir string) (prefix string, outside bool) {
	if root == "" {
		return "", false
	}
	real := func(p string) string {
		if a, err := filepath.Abs(p); err == nil {
			p = a
		}
		if r, err := filepath.EvalSymlinks(p); err == nil {
			p = r
		}
		return p
	}
	rel, err := filepath.Rel(real(root), real(dir))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", true
	}
	if rel == "." {
		return "", false
	}
	return filepath.ToSlash(rel), false
}
