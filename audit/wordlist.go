package audit

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// MaxLineLen is the longest wordlist line accepted, in bytes. HMAC hashes
// keys past its block size, so long keys are fine; a line of megabytes is
// a file that is not a wordlist.
const MaxLineLen = 1 << 20

// chunkSize is the read buffer of one chunk of wordlist lines, for
// attacks that try each line once or twice; see chunkFor.
const (
	chunkSize    = 256 << 10
	minChunkSize = 64
)

// chunk is a run of whole lines sliced from one read buffer, handed to a
// worker and then recycled: reading allocates nothing per line.
type chunk struct {
	buf    []byte
	starts []int // line i is buf[starts[i]:ends[i]], without "\n" or "\r\n"
	ends   []int
	first  uint64 // number of the first line, 1-based
}

func newChunk(size int) *chunk {
	return &chunk{buf: make([]byte, 0, size)}
}

func (c *chunk) reset() {
	c.buf, c.starts, c.ends = c.buf[:0], c.starts[:0], c.ends[:0]
}

func (c *chunk) line(i int) []byte { return c.buf[c.starts[i]:c.ends[i]] }

// lineReader splits a stream into lines, tolerating CRLF line ends and a
// UTF-8 byte order mark, keeping every other byte, spaces included.
type lineReader struct {
	r     io.Reader
	carry []byte // the partial line after the last full chunk
	line  uint64 // lines handed out so far
	eof   bool
}

func newLineReader(r io.Reader) *lineReader { return &lineReader{r: r} }

// fill replaces c's contents with the next lines, at least one. It
// returns io.EOF when there are no more.
func (lr *lineReader) fill(c *chunk) error {
	c.reset()
	if lr.eof && len(lr.carry) == 0 {
		return io.EOF
	}
	c.buf = append(c.buf, lr.carry...)
	lr.carry = lr.carry[:0]
	// Read until the buffer holds a newline and is full, or the input ends.
	for !lr.eof {
		if len(c.buf) == cap(c.buf) {
			if bytes.IndexByte(c.buf, '\n') >= 0 {
				break
			}
			if len(c.buf) > MaxLineLen {
				return fmt.Errorf("audit: line %d is longer than %d bytes", lr.line+1, MaxLineLen)
			}
			grown := make([]byte, len(c.buf), 2*cap(c.buf)+1)
			copy(grown, c.buf)
			c.buf = grown
		}
		n, err := lr.r.Read(c.buf[len(c.buf):cap(c.buf)])
		c.buf = c.buf[:len(c.buf)+n]
		if errors.Is(err, io.EOF) {
			lr.eof = true
		} else if err != nil {
			return fmt.Errorf("audit: reading wordlist: %w", err)
		}
	}
	end := len(c.buf)
	if !lr.eof {
		end = bytes.LastIndexByte(c.buf, '\n') + 1
		lr.carry = append(lr.carry, c.buf[end:]...)
	}
	c.first = lr.line + 1
	for start := 0; start < end; {
		i := bytes.IndexByte(c.buf[start:end], '\n')
		next := start + i + 1
		if i < 0 {
			i, next = end-start, end
		}
		e := start + i
		if e > start && c.buf[e-1] == '\r' {
			e--
		}
		s := start
		if lr.line == 0 && bytes.HasPrefix(c.buf[s:e], []byte("\xef\xbb\xbf")) {
			s += 3
			if i == end-start && start+i == s {
				break // a byte order mark alone is an empty file
			}
		}
		if e-s > MaxLineLen {
			return fmt.Errorf("audit: line %d is longer than %d bytes", lr.line+1, MaxLineLen)
		}
		c.starts, c.ends = append(c.starts, s), append(c.ends, e)
		lr.line++
		start = next
	}
	c.buf = c.buf[:end]
	if len(c.starts) == 0 {
		return io.EOF
	}
	return nil
}
