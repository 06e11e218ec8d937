package gitx

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WorkFile is a file git would let into a commit: tracked, or untracked
// and not ignored.
type WorkFile struct {
	Path    string // slash-separated, relative to the directory asked about
	Tracked bool
}

// ListWorkTree lists the tracked and the untracked-not-ignored files under
// dir (git ls-files -co --exclude-standard), saying which are tracked.
func ListWorkTree(ctx context.Context, dir string) ([]WorkFile, error) {
	if err := checkWorkTree(ctx, dir); err != nil {
		return nil, err
	}
	out, err := runGit(ctx, dir, "ls-files", "-co", "--exclude-standard", "-t", "-z")
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var files []WorkFile
	for _, rec := range bytes.Split(out, []byte{0}) {
		if len(rec) < 3 || rec[1] != ' ' {
			continue
		}
		p := string(rec[2:])
		if seen[p] {
			continue
		}
		seen[p] = true
		files = append(files, WorkFile{Path: p, Tracked: rec[0] != '?'})
	}
	return files, nil
}

// Staged calls fn with the staged content of every file added, copied or
// modified in the index under dir (git diff --cached), as git show :path
// would print it: what the next commit will hold, not what is in the work
// tree. A file larger than maxSize bytes is passed with nil data and its
// size, unread. It works in a repository without commits.
func Staged(ctx context.Context, dir string, maxSize int64, fn func(path string, size int64, data []byte) error) error {
	if err := checkWorkTree(ctx, dir); err != nil {
		return err
	}
	// --raw -z names each file's staged blob, so names with newlines or
	// quotes reach cat-file as object ids, never as text it would split.
	out, err := runGit(ctx, dir, "diff", "--cached", "--raw", "-z", "--no-abbrev", "--relative", "--no-renames",
		"--no-ext-diff", "--no-textconv", "--diff-filter=ACM")
	if err != nil {
		return err
	}
	paths, blobs, err := parseRaw(out)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := gitCmd(ctx, dir, "cat-file", "--batch")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	var in bytes.Buffer
	for _, b := range blobs {
		in.WriteString(b + "\n")
	}
	cmd.Stdin = &in
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return startErr(err)
	}
	r := bufio.NewReader(stdout)
	var ferr error
	for _, p := range paths {
		size, data, ok, err := readBlob(r, maxSize)
		if err != nil {
			ferr = err
			break
		}
		if !ok {
			continue // a gitlink or an entry git cannot show
		}
		if err := fn(p, size, data); err != nil {
			ferr = err
			break
		}
	}
	if ferr != nil {
		cancel()
		cmd.Wait()
		return ferr
	}
	if err := cmd.Wait(); err != nil {
		return runErr(err, stderr.Bytes())
	}
	return nil
}

// readBlob reads one "git cat-file --batch" answer; content over maxSize
// bytes is skipped, not kept.
func readBlob(r *bufio.Reader, maxSize int64) (size int64, data []byte, ok bool, err error) {
	header, err := r.ReadString('\n')
	if err != nil {
		return 0, nil, false, fmt.Errorf("reading staged content: %w", err)
	}
	f := strings.Fields(header)
	if len(f) != 3 {
		return 0, nil, false, nil // "<name> missing" or "ambiguous"
	}
	size, err = strconv.ParseInt(f[2], 10, 64)
	if err != nil || size < 0 {
		return 0, nil, false, fmt.Errorf("bad cat-file header %q", strings.TrimSpace(header))
	}
	if size > maxSize {
		if _, err := io.CopyN(io.Discard, r, size+1); err != nil {
			return 0, nil, false, fmt.Errorf("reading staged content: %w", err)
		}
		return size, nil, f[1] == "blob", nil
	}
	data = make([]byte, size+1) // the content and a newline
	if _, err := io.ReadFull(r, data); err != nil {
		return 0, nil, false, fmt.Errorf("reading staged content: %w", err)
	}
	return size, data[:size], f[1] == "blob", nil
}

// parseRaw reads "git diff --raw -z" output: ":MODE MODE OLD NEW STATUS\0PATH\0"
// per file. It returns each path with its new blob id; gitlinks (mode
// 160000, a submodule's commit) are left out.
func parseRaw(out []byte) (paths, blobs []string, err error) {
	recs := bytes.Split(out, []byte{0})
	for i := 0; i+1 < len(recs); i += 2 {
		head := strings.Fields(string(recs[i]))
		if len(head) != 5 || !strings.HasPrefix(head[0], ":") {
			return nil, nil, fmt.Errorf("unexpected git diff --raw record %q", recs[i])
		}
		if head[1] == "160000" {
			continue
		}
		paths = append(paths, string(recs[i+1]))
		blobs = append(blobs, head[3])
	}
	return paths, blobs, nil
}
