package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/jwtkey/jwtkey/internal/gitx"
	"github.com/jwtkey/jwtkey/strength"
)

// DefaultMaxSize is the largest file scanned unless Options.MaxSize says
// otherwise: secrets are typed into small files.
const DefaultMaxSize = 1 << 20

// Mode is what a scan reads.
type Mode int

const (
	WorkTree Mode = iota // the files on disk: git's view of them in a work tree, a walk elsewhere
	History              // every line any commit added (git log -p --all)
	Staged               // the content of the index (git diff --cached)
)

// Options tune a scan. The zero value scans the work tree.
type Options struct {
	Mode         Mode
	MaxSize      int64 // bytes; 0 means DefaultMaxSize
	Workers      int   // parallel file workers; 0 means GOMAXPROCS
	IncludeTests bool  // also scan tests and fixtures (skipped by default)
	NoGit        bool  // walk the directory even inside a git work tree
	// Note is called for each file not scanned, with the reason; it may be
	// called from several goroutines at once.
	Note func(path, reason string)
	// Judge rates each secret found; nil means strength.Check.
	Judge func(secret []byte) (strength.Result, error)
}

// Result is the outcome of a scan.
type Result struct {
	Findings []Finding // sorted by file, line, column, rule
	Git      bool      // the files were listed by git
	Files    int       // files (or hunks, with History) scanned
	Bytes    int64     // bytes scanned
	Skipped  int       // files skipped
}

// ErrNotRepo is returned when History or Staged is asked of a directory
// outside a git work tree.
var ErrNotRepo = errors.New("scan: not inside a git work tree")

// unit is one piece of work for a file worker.
type unit struct {
	path    string
	abs     string     // read from disk when data is nil
	data    []byte     // staged content
	hunk    *gitx.Hunk // History
	tracked bool
	git     bool
}

type scanner struct {
	opts  Options
	mu    sync.Mutex
	res   Result
	judge map[string]strength.Result
	jmu   sync.Mutex
}

// Scan looks for JWT secrets under dir.
func Scan(ctx context.Context, dir string, opts Options) (*Result, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("scan: %s is not a directory", dir)
	}
	if opts.MaxSize <= 0 {
		opts.MaxSize = DefaultMaxSize
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Judge == nil {
		opts.Judge = strength.Check
	}
	s := &scanner{opts: opts, judge: map[string]strength.Result{}}
	work := make(chan unit, 256)
	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range work {
				s.scanUnit(u)
			}
		}()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var ferr error
	switch opts.Mode {
	case History:
		s.res.Git = true
		ferr = gitx.History(ctx, dir, func(h gitx.Hunk) error {
			if r := skipReason(h.Path, opts.IncludeTests); r != "" {
				return nil // not a note per hunk: there can be thousands
			}
			select {
			case work <- unit{path: h.Path, hunk: &h, git: true, tracked: true}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	case Staged:
		s.res.Git = true
		ferr = gitx.Staged(ctx, dir, opts.MaxSize, func(p string, size int64, data []byte) error {
			if r := skipReason(p, opts.IncludeTests); r != "" {
				s.note(p, r)
				return nil
			}
			if data == nil {
				s.note(p, fmt.Sprintf("larger than %d bytes", opts.MaxSize))
				return nil
			}
			work <- unit{path: p, data: data, git: true, tracked: true}
			return nil
		})
	default:
		files, err := gitx.ListWorkTree(ctx, dir)
		if opts.NoGit {
			files, err = nil, gitx.ErrNotRepo
		}
		switch {
		case err == nil:
			s.res.Git = true
			for _, f := range files {
				if r := skipReason(f.Path, opts.IncludeTests); r != "" {
					s.note(f.Path, r)
					continue
				}
				work <- unit{path: f.Path, abs: filepath.Join(dir, filepath.FromSlash(f.Path)), tracked: f.Tracked, git: true}
			}
		case errors.Is(err, gitx.ErrNotRepo) || errors.Is(err, gitx.ErrNoGit):
			ferr = s.walk(ctx, dir, work)
		default:
			ferr = err
		}
	}
	close(work)
	wg.Wait()
	if ferr != nil {
		if errors.Is(ferr, gitx.ErrNotRepo) {
			return nil, fmt.Errorf("%w: %s", ErrNotRepo, dir)
		}
		return nil, ferr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res := &s.res
	if opts.Mode != History {
		res.Findings = append(res.Findings, reused(res.Findings)...)
	}
	for i := range res.Findings {
		res.Findings[i].Fingerprint = res.Findings[i].fingerprint()
	}
	sortFindings(res.Findings)
	return res, nil
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.Commit < b.Commit
	})
}

func (s *scanner) note(p, reason string) {
	s.mu.Lock()
	s.res.Skipped++
	s.mu.Unlock()
	if s.opts.Note != nil {
		s.opts.Note(p, reason)
	}
}

// walk lists files outside git: everything but vendored and generated
// directories and symbolic links.
func (s *scanner) walk(ctx context.Context, dir string, work chan<- unit) error {
	return filepath.WalkDir(dir, func(abs string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		rel, rerr := filepath.Rel(dir, abs)
		if rerr != nil {
			return rerr
		}
		rel = filepath.ToSlash(rel)
		if err != nil {
			if abs == dir {
				return err
			}
			s.note(rel, "unreadable: "+errText(err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if abs != dir && skippedDirs[d.Name()] {
				s.note(rel+"/", "vendored or generated directory")
				return fs.SkipDir
			}
			return nil
		}
		if r := skipReason(rel, s.opts.IncludeTests); r != "" {
			s.note(rel, r)
			return nil
		}
		work <- unit{path: rel, abs: abs}
		return nil
	})
}

func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// binarySniff is how much of a file is looked at for a NUL byte.
const binarySniff = 8000

func (s *scanner) scanUnit(u unit) {
	if u.hunk != nil {
		s.scanHunk(u.hunk)
		return
	}
	data := u.data
	if data == nil {
		fi, err := os.Lstat(u.abs)
		switch {
		case err != nil:
			s.note(u.path, "unreadable: "+errText(err))
			return
		case fi.Mode()&fs.ModeSymlink != 0:
			s.note(u.path, "symbolic link")
			return
		case !fi.Mode().IsRegular():
			s.note(u.path, "not a regular file")
			return
		case fi.Size() > s.opts.MaxSize:
			s.note(u.path, fmt.Sprintf("larger than %d bytes", s.opts.MaxSize))
			return
		}
		data, err = os.ReadFile(u.abs)
		if err != nil {
			s.note(u.path, "unreadable: "+errText(err))
			return
		}
		if int64(len(data)) > s.opts.MaxSize {
			s.note(u.path, fmt.Sprintf("larger than %d bytes", s.opts.MaxSize))
			return
		}
	}
	if bytes.IndexByte(data[:min(len(data), binarySniff)], 0) >= 0 {
		s.note(u.path, "binary")
		return
	}
	t := newText(u.path, string(data))
	if allowFile(t.s) {
		s.note(u.path, AllowFileComment)
		return
	}
	lines := newLineIndex(t.s)
	var found []Finding
	for _, m := range t.matches() {
		f := s.finding(t.path, m, t.s, lines)
		if f.allowed {
			continue
		}
		found = append(found, f.Finding)
	}
	if u.git && t.lang == langDotenv && !t.template {
		if line, ok := firstValue(t); ok {
			id := RuleNotIgnored
			if u.tracked {
				id = RuleCommitted
			}
			r := ruleByID(id)
			found = append(found, Finding{RuleID: id, Description: r.Description, File: u.path, Line: line, Column: 1,
				Message: r.Description, Fix: r.Fix, context: "file"})
		}
	}
	s.mu.Lock()
	s.res.Files++
	s.res.Bytes += int64(len(data))
	s.res.Findings = append(s.res.Findings, found...)
	s.mu.Unlock()
}

// scanHunk matches the lines of a hunk and keeps what its commit added.
func (s *scanner) scanHunk(h *gitx.Hunk) {
	var b strings.Builder
	for _, l := range h.Lines {
		b.WriteString(l.Text)
		b.WriteByte('\n')
	}
	t := newText(h.Path, b.String())
	if strings.IndexByte(t.s[:min(len(t.s), binarySniff)], 0) >= 0 {
		return
	}
	lines := newLineIndex(t.s)
	var found []Finding
	for _, m := range t.matches() {
		f := s.finding(t.path, m, t.s, lines)
		idx := f.Line - 1
		if f.allowed || idx >= len(h.Lines) || !h.Lines[idx].Added {
			continue
		}
		f.Line = h.Lines[idx].N
		f.Commit = h.Commit
		found = append(found, f.Finding)
	}
	if t.lang == langDotenv && !t.template {
		if line, ok := firstValue(t); ok && line-1 < len(h.Lines) && h.Lines[line-1].Added {
			r := ruleByID(RuleCommitted)
			found = append(found, Finding{RuleID: RuleCommitted, Description: r.Description, File: h.Path,
				Line: h.Lines[line-1].N, Column: 1, Commit: h.Commit, Message: r.Description, Fix: r.Fix, context: "file"})
		}
	}
	s.mu.Lock()
	s.res.Files++
	s.res.Bytes += int64(len(t.s))
	s.res.Findings = append(s.res.Findings, found...)
	s.mu.Unlock()
}

type judged struct {
	Finding
	allowed bool
}

// finding turns a match into a finding: position, verdict, fix.
func (s *scanner) finding(path string, m match, src string, lines lineIndex) judged {
	line, col := lines.position(src, m.start)
	_, endCol := lines.position(src, m.end)
	ls, le := lines.bounds(src, line)
	text := src[ls:le]
	allowed := strings.Contains(text, AllowComment)
	if !allowed && line > 1 {
		ps, pe := lines.bounds(src, line-1)
		allowed = strings.Contains(src[ps:pe], AllowComment)
	}
	f := Finding{
		RuleID: m.rule.ID, Description: m.rule.Description, File: path, Line: line, Column: col,
		EndColumn: endCol, Key: m.key, Secret: m.value,
		context: maskLine(text, m.start-ls, min(m.end, le)-ls),
	}
	res, err := s.rate(m.value)
	fix := m.rule.Fix
	if err == nil {
		f.Verdict = res.Verdict.String()
		f.Bits = res.Bits
		if res.Verdict != strength.Strong {
			g := res.Fix
			if g == "" {
				g = "replace it with a random key: jwtkey --alg HS256"
			}
			fix = g + "; " + fix
		}
	}
	f.Fix = fix
	f.Message = message(m.rule, m.key, f.Verdict)
	return judged{f, allowed}
}

// AllowFileComment in the first lines of a file skips the whole file: a
// table of example secrets, like this package's rules.
const AllowFileComment = "jwtkey:allow-file"

func allowFile(s string) bool {
	return strings.Contains(s[:min(len(s), 1024)], AllowFileComment)
}

// AllowComment on a finding's line, or the line above it, accepts the
// finding: a test key that is meant to be there.
const AllowComment = "jwtkey:allow"

func (s *scanner) rate(v string) (strength.Result, error) {
	s.jmu.Lock()
	r, ok := s.judge[v]
	s.jmu.Unlock()
	if ok {
		return r, nil
	}
	r, err := s.opts.Judge([]byte(v))
	if err != nil {
		return r, err
	}
	s.jmu.Lock()
	s.judge[v] = r
	s.jmu.Unlock()
	return r, nil
}

// firstValue returns the line of the first assignment in a dotenv file that
// holds a literal, not a reference or nothing.
func firstValue(t *text) (int, bool) {
	t.dotenvVar(0, "")
	if t.env != nil {
		for _, v := range t.env.Vars() {
			if ref, _ := classify(v.Value); v.Value != "" && !ref {
				return v.Line, true
			}
		}
		return 0, false
	}
	n := 0
	for line := range strings.Lines(t.s) {
		n++
		l := strings.TrimSpace(line)
		l = strings.TrimPrefix(l, "export ")
		eq := strings.IndexByte(l, '=')
		if l == "" || l[0] == '#' || eq <= 0 {
			continue
		}
		v := strings.Trim(strings.TrimSpace(stripComment(l[eq+1:])), `"'`)
		if v == "" {
			continue
		}
		if ref, _ := classify(v); ref {
			continue
		}
		return n, true
	}
	return 0, false
}

// reused reports a secret set in two configuration files: each environment
// should have its own key.
func reused(fs []Finding) []Finding {
	first := map[string]*Finding{}
	var out []Finding
	sorted := make([]*Finding, 0, len(fs))
	for i := range fs {
		sorted = append(sorted, &fs[i])
	}
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].File < sorted[j].File })
	r := ruleByID(RuleReused)
	for _, f := range sorted {
		// Environments are configuration: a constant shared by two
		// source files is one key, not two environments.
		if f.RuleID != RuleConfig || f.Key == "" || f.Secret == "" {
			continue
		}
		prev, ok := first[f.Secret]
		if !ok {
			first[f.Secret] = f
			continue
		}
		if prev.File == f.File {
			continue
		}
		out = append(out, Finding{
			RuleID: r.ID, Description: r.Description, File: f.File, Line: f.Line, Column: f.Column,
			EndColumn: f.EndColumn, Key: f.Key, Secret: f.Secret, Verdict: f.Verdict, Bits: f.Bits,
			Message: fmt.Sprintf("%s has the same value as %s:%d", f.Key, prev.File, prev.Line),
			Fix:     r.Fix, Related: fmt.Sprintf("%s:%d", prev.File, prev.Line), context: f.context,
		})
	}
	return out
}

// lineIndex maps byte offsets to lines and columns.
type lineIndex []int // start offset of each line

func newLineIndex(s string) lineIndex {
	idx := lineIndex{0}
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// position returns the 1-based line and the 1-based column in characters.
func (l lineIndex) position(s string, off int) (line, col int) {
	i := sort.Search(len(l), func(i int) bool { return l[i] > off }) - 1
	return i + 1, len([]rune(s[l[i]:off])) + 1
}

// bounds returns the offsets of a 1-based line, without its newline.
func (l lineIndex) bounds(s string, line int) (int, int) {
	start := l[line-1]
	end := len(s)
	if line < len(l) {
		end = l[line] - 1
	}
	if end < start {
		end = start
	}
	return start, end
}
