package scan

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/internal/gitx"
)

// Stage 1: where files come from. A source sends units; a unit is one
// file, or one hunk of history, and is read by the worker that takes it.

// unit is one piece of work for a file worker.
type unit struct {
	path    string     // slash-separated, relative to the scanned directory
	abs     string     // read from disk when data is nil
	data    []byte     // staged content
	hunk    *gitx.Hunk // History
	tracked bool
	git     bool
}

// source sends the units of the scan's mode.
func (p *pipeline) source(ctx context.Context, units chan<- unit) error {
	send := func(u unit) error {
		select {
		case units <- u:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	switch p.opts.Mode {
	case History:
		p.res.Git = true
		return gitx.History(ctx, p.dir, func(h gitx.Hunk) error {
			if r := p.skipReason(h.Path); r != "" {
				return nil // not a note per hunk: there can be thousands
			}
			return send(unit{path: h.Path, hunk: &h, git: true, tracked: true})
		})
	case Staged:
		p.res.Git = true
		return gitx.Staged(ctx, p.dir, p.opts.MaxSize, func(path string, size int64, data []byte) error {
			if r := p.skipReason(path); r != "" {
				p.note(path, r)
				return nil
			}
			if data == nil {
				p.note(path, fmt.Sprintf("larger than %d bytes", p.opts.MaxSize))
				return nil
			}
			return send(unit{path: path, data: data, git: true, tracked: true})
		})
	}
	if p.opts.NoGit {
		return p.walk(ctx, send)
	}
	files, err := gitx.ListWorkTree(ctx, p.dir)
	switch {
	case errors.Is(err, gitx.ErrNotRepo) || errors.Is(err, gitx.ErrNoGit):
		return p.walk(ctx, send)
	case err != nil:
		return err
	}
	p.res.Git = true
	for _, f := range files {
		if r := p.skipReason(f.Path); r != "" {
			p.note(f.Path, r)
			continue
		}
		if err := send(unit{path: f.Path, abs: filepath.Join(p.dir, filepath.FromSlash(f.Path)), tracked: f.Tracked, git: true}); err != nil {
			return err
		}
	}
	return nil
}

// walk lists files outside git: everything but vendored and generated
// directories and symbolic links.
func (p *pipeline) walk(ctx context.Context, send func(unit) error) error {
	dir := p.dir
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
			p.note(rel, "unreadable: "+errText(err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if abs != dir && skippedDirs[d.Name()] {
				p.note(rel+"/", "vendored or generated directory")
				return fs.SkipDir
			}
			if e := p.ex.excluded(rel, true); abs != dir && e != "" {
				p.note(rel+"/", "excluded by "+e)
				return fs.SkipDir
			}
			return nil
		}
		if r := p.skipReason(rel); r != "" {
			p.note(rel, r)
			return nil
		}
		return send(unit{path: rel, abs: abs})
	})
}

func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// skipReason says why a path is not scanned, by its name or the project's
// exclude patterns, or "".
func (p *pipeline) skipReason(path string) string {
	if r := skipReason(path, p.opts.IncludeTests); r != "" {
		return r
	}
	if e := p.ex.excluded(path, false); e != "" {
		return "excluded by " + e
	}
	return ""
}

// binarySniff is how much of a file is looked at for a NUL byte.
const binarySniff = 8000

// read returns a unit's content, or why it is not scanned. A file is
// never read past the size limit: its size is checked, then reading stops
// one byte past the limit. A dotenv file that is a symbolic link is read
// through (link says where to); other links are not followed.
func (u *unit) read(maxSize int64) (data []byte, link string, skip string) {
	if u.data != nil {
		return sniff(u.data)
	}
	fi, err := os.Lstat(u.abs)
	switch {
	case err != nil:
		return nil, "", "unreadable: " + errText(err)
	case fi.Mode()&fs.ModeSymlink != 0:
		// Git lists a link, not its target: a dotenv file that is a link
		// is read through. A walk reaches the targets inside the tree.
		if !u.git || !dotenv.IsFile(filepath.Base(u.abs)) {
			return nil, "", "symbolic link"
		}
		t, err := filepath.EvalSymlinks(u.abs)
		if err != nil {
			return nil, "", "symbolic link: " + errText(err)
		}
		link = t
		if fi, err = os.Stat(t); err != nil {
			return nil, "", "unreadable: " + errText(err)
		}
	}
	switch {
	case !fi.Mode().IsRegular():
		return nil, "", "not a regular file"
	case fi.Size() > maxSize:
		return nil, "", fmt.Sprintf("larger than %d bytes", maxSize)
	}
	f, err := os.Open(u.abs)
	if err != nil {
		return nil, "", "unreadable: " + errText(err)
	}
	defer f.Close()
	data, err = io.ReadAll(io.LimitReader(f, maxSize+1))
	if err != nil {
		return nil, "", "unreadable: " + errText(err)
	}
	if int64(len(data)) > maxSize {
		return nil, "", fmt.Sprintf("larger than %d bytes", maxSize)
	}
	data, _, skip = sniff(data)
	return data, link, skip
}

// sniff refuses binary content: a NUL byte near the start.
func sniff(data []byte) ([]byte, string, string) {
	if bytes.IndexByte(data[:min(len(data), binarySniff)], 0) >= 0 {
		return nil, "", "binary"
	}
	return data, "", ""
}
