package gitx

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
)

// Hunk is a run of lines that one commit added to one file, with the
// context lines git shows around them.
type Hunk struct {
	Commit string
	Path   string // slash-separated, relative to the directory asked about
	Lines  []Line
}

// Line is one line of a hunk.
type Line struct {
	N     int // 1-based line number in the file as of the commit
	Text  string
	Added bool // false for a context line
}

// maxLine bounds one line of git output; the rest of a longer line is
// dropped (minified files, data blobs), not buffered.
const maxLine = 1 << 20

// History calls fn for every hunk added by any commit reachable from any
// ref (git log -p --all), newest first, limited to dir. It streams: memory
// use does not grow with the history. A repository without commits has no
// hunks. If fn returns an error, History stops and returns it.
func History(ctx context.Context, dir string, fn func(Hunk) error) error {
	if err := checkWorkTree(ctx, dir); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := gitCmd(ctx, dir, "log", "-p", "--all", "--no-color", "--no-ext-diff", "--no-textconv",
		"--no-renames", "--relative", "--diff-filter=d", "-U3", "--format=%x01%H")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return startErr(err)
	}
	perr := parseLog(bufio.NewReaderSize(out, 64<<10), fn)
	if perr != nil {
		cancel()
		cmd.Wait()
		return perr
	}
	if err := cmd.Wait(); err != nil {
		return runErr(err, stderr.Bytes())
	}
	return nil
}

// parseLog reads "git log -p --format=%x01%H" output.
func parseLog(r *bufio.Reader, fn func(Hunk) error) error {
	var commit, path string
	var h *Hunk
	newLine := 0
	inHunk := false
	flush := func() error {
		if h != nil && len(h.Lines) > 0 {
			if err := fn(*h); err != nil {
				return err
			}
		}
		h = nil
		return nil
	}
	for {
		line, err := readLine(r)
		if err == io.EOF {
			return flush()
		}
		if err != nil {
			return fmt.Errorf("reading git log: %w", err)
		}
		switch {
		case strings.HasPrefix(line, "\x01"):
			if err := flush(); err != nil {
				return err
			}
			commit, path, inHunk = line[1:], "", false
		case strings.HasPrefix(line, "diff --git "):
			if err := flush(); err != nil {
				return err
			}
			path, inHunk = "", false
		case !inHunk && strings.HasPrefix(line, "+++ "):
			path = diffPath(line[4:])
		case strings.HasPrefix(line, "@@ "):
			if err := flush(); err != nil {
				return err
			}
			newLine, inHunk = hunkStart(line), true
			if path != "" {
				h = &Hunk{Commit: commit, Path: path}
			}
		case inHunk && h != nil && line != "":
			switch line[0] {
			case '+':
				h.Lines = append(h.Lines, Line{N: newLine, Text: line[1:], Added: true})
				newLine++
			case ' ':
				h.Lines = append(h.Lines, Line{N: newLine, Text: line[1:]})
				newLine++
			}
		}
	}
}

// readLine returns one line without its newline, cut at maxLine.
func readLine(r *bufio.Reader) (string, error) {
	var buf []byte
	for {
		chunk, err := r.ReadSlice('\n')
		if len(buf) < maxLine {
			buf = append(buf, chunk[:min(len(chunk), maxLine-len(buf))]...)
		}
		switch err {
		case bufio.ErrBufferFull:
			continue
		case nil:
			return strings.TrimSuffix(strings.TrimSuffix(string(buf), "\n"), "\r"), nil
		case io.EOF:
			if len(buf) > 0 {
				return string(buf), nil
			}
			return "", io.EOF
		default:
			return "", err
		}
	}
}

// diffPath turns the "+++ b/path" of a diff into path; "" for /dev/null.
func diffPath(s string) string {
	s = strings.TrimSuffix(s, "\t")
	if strings.HasPrefix(s, `"`) {
		if u, err := strconv.Unquote(s); err == nil {
			s = u
		}
	}
	if s == "/dev/null" {
		return ""
	}
	return strings.TrimPrefix(s, "b/")
}

// hunkStart reads the new-file line number from "@@ -a,b +c,d @@".
func hunkStart(s string) int {
	i := strings.Index(s, " +")
	if i < 0 {
		return 1
	}
	s = s[i+2:]
	if j := strings.IndexAny(s, ", "); j >= 0 {
		s = s[:j]
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 1
	}
	return n
}

// gitCmd runs git in dir, with settings that keep its output plain and
// the repository's programs off (safe.go).
func gitCmd(ctx context.Context, dir string, args ...string) *exec.Cmd {
	return command(ctx, "git", dir, args...)
}

// runGit runs git in dir and returns its standard output.
func runGit(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := gitCmd(ctx, dir, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.Error
		if errors.As(err, &ee) {
			return nil, startErr(err)
		}
		return nil, runErr(err, stderr.Bytes())
	}
	return out, nil
}

func startErr(err error) error {
	if errors.Is(err, exec.ErrNotFound) {
		return ErrNoGit
	}
	return err
}

func runErr(err error, stderr []byte) error {
	msg := strings.TrimSpace(string(stderr))
	if strings.Contains(msg, "not a git repository") {
		return ErrNotRepo
	}
	if msg == "" {
		return fmt.Errorf("git: %w", err)
	}
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return fmt.Errorf("git: %s: %w", strings.TrimPrefix(msg, "fatal: "), err)
}

// checkWorkTree returns ErrNotRepo unless dir is inside a git work tree.
func checkWorkTree(ctx context.Context, dir string) error {
	out, err := runGit(ctx, dir, "rev-parse", "--is-inside-work-tree")
	if err != nil {
		return err
	}
	if strings.TrimSpace(string(out)) != "true" {
		return ErrNotRepo
	}
	return nil
}
