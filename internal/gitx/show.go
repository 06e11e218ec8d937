package gitx

import (
	"bytes"
	"context"
	"io"
)

// FileHead returns at most n bytes from the start of path as commit holds
// it (git cat-file blob COMMIT:./PATH, relative to dir). The path is one
// argument, whatever characters it holds.
func FileHead(ctx context.Context, dir, commit, path string, n int) ([]byte, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := gitCmd(ctx, dir, "cat-file", "blob", commit+":./"+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, startErr(err)
	}
	head, rerr := io.ReadAll(io.LimitReader(out, int64(n)))
	cancel() // the rest is not needed
	cmd.Wait()
	if rerr != nil {
		return nil, rerr
	}
	if len(head) == 0 && stderr.Len() > 0 {
		return nil, runErr(io.ErrUnexpectedEOF, stderr.Bytes())
	}
	return head, nil
}
