package scan

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/jwtkey/jwtkey/internal/gitx"
	"github.com/jwtkey/jwtkey/strength"
)

// The pipeline, one stage a file, data flowing one way:
//
//	source.go   1. where files come from: the work tree, the index, history
//	kind.go     2. what a file is: language, template, test, skipped
//	extract.go  3. what each language's extractor finds (assign.go,
//	            fallback.go, keyfile.go, envfile.go; names.go and forms.go
//	            follow values by name, within a file and across files)
//	judge.go    4. how a value is judged: strength, allow comments, reuse
//	report.go   5. how findings are reported (sarif.go, baseline.go)
//
// Each file is read once and dropped after stage 4; what the cross-file
// stage keeps of it is the few definitions whose names are about keys and
// the names its JWT calls use but do not define.

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

// MaxWorkersPerCPU caps Options.Workers: more file workers than this many
// per CPU only add memory.
const MaxWorkersPerCPU = 8

// Options tune a scan. The zero value scans the work tree.
type Options struct {
	Mode         Mode
	MaxSize      int64 // bytes; 0 means DefaultMaxSize
	Workers      int   // parallel file workers; 0 means GOMAXPROCS
	IncludeTests bool  // also scan tests and fixtures (skipped by default)
	NoGit        bool  // walk the directory even inside a git work tree; git is not run
	// Exclude lists paths not to scan, by the rules of a .gitignore (see
	// exclude.go): "docs/examples/**", "*.generated.ts", "fixtures/". A
	// bad pattern is an *ExcludeError.
	Exclude []string
	// ExcludeDir is the directory Exclude's patterns are relative to, as a
	// .gitignore's are to its own; "" means the scanned directory.
	ExcludeDir string
	// SecretNames are more names that hold a signing key in this
	// project, in any naming style (APP_SIGNER is also appSigner): their
	// literals are judged in configuration, code and .env files, as
	// JWT_SECRET's are.
	SecretNames []string
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

// MaxWorkers is the most Options.Workers this machine takes:
// MaxWorkersPerCPU per CPU.
func MaxWorkers() int { return MaxWorkersPerCPU * runtime.NumCPU() }

// TooManyWorkersError is returned for Options.Workers over
// MaxWorkersPerCPU times the CPUs.
type TooManyWorkersError struct{ Workers, Max int }

func (e *TooManyWorkersError) Error() string {
	return fmt.Sprintf("scan: %d workers is more than %d, %d per CPU", e.Workers, e.Max, MaxWorkersPerCPU)
}

// Scan looks for JWT secrets under dir. With History, a failure of git
// part-way (a damaged repository) returns what was found before it along
// with the error.
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
	if maxW := MaxWorkers(); opts.Workers > maxW {
		return nil, &TooManyWorkersError{opts.Workers, maxW}
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Judge == nil {
		opts.Judge = strength.Check
	}
	p, err := newPipeline(dir, opts)
	if err != nil {
		return nil, err
	}
	units := make(chan unit, 256)
	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range units {
				p.file(u)
			}
		}()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	serr := p.source(ctx, units)
	close(units)
	wg.Wait()
	if serr != nil && !(opts.Mode == History && p.res.Files > 0 && !errors.Is(serr, context.Canceled)) {
		if errors.Is(serr, gitx.ErrNotRepo) {
			return nil, fmt.Errorf("%w: %s", ErrNotRepo, dir)
		}
		return nil, serr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p.crossFile()
	if opts.Mode == History {
		p.dropAllowedFiles(ctx)
	}
	return p.result(), serr
}

// StdinName is what ScanReader calls its input when no name is given: the
// name reports show, read as a file of no particular language.
const StdinName = "(stdin)"

// ScanReader scans what r holds as one file called name, such as standard
// input: the output of git diff, or a file piped in. The name chooses the
// language ("config/app.yml" is read as YAML, ".env.example" as a
// template) and is what findings report; "" is StdinName, read by the
// rules of no particular language (literals in quotes assigned to names
// like JWT_SECRET, private keys, JWTs signed with a known secret). Nothing
// is skipped by its name, since it was asked for; the "jwtkey:allow"
// comments apply. Only Options.Mode WorkTree applies, and no git check is
// made. Input over Options.MaxSize is an error, read no further.
func ScanReader(ctx context.Context, r io.Reader, name string, opts Options) (*Result, error) {
	if opts.Mode != WorkTree {
		return nil, errors.New("scan: history and staged content are read from git, not from a stream")
	}
	if name == "" {
		name = StdinName
	}
	if opts.MaxSize <= 0 {
		opts.MaxSize = DefaultMaxSize
	}
	if opts.Judge == nil {
		opts.Judge = strength.Check
	}
	opts.Exclude = nil // a stream has no path to exclude
	p, err := newPipeline(".", opts)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(r, opts.MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if int64(len(data)) > opts.MaxSize {
		return nil, fmt.Errorf("scan: %s is larger than %d bytes", name, opts.MaxSize)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if data == nil {
		data = []byte{} // a unit with nil data is read from disk
	}
	p.file(unit{path: filepath.ToSlash(name), data: data})
	p.crossFile()
	return p.result(), nil
}
