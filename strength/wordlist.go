package strength

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// ScanWordlist calls fn for each entry of a wordlist, one secret a line,
// streaming: the list may be of any size. Lines end in "\n" or "\r\n";
// leading and trailing spaces belong to the entry, as they would to a
// secret. Empty lines are skipped, and so are lines longer than MaxLength
// bytes, which no secret Check accepts can equal. fn returns false to
// stop. The line numbers passed to fn are 1-based.
func ScanWordlist(r io.Reader, fn func(line int, entry []byte) bool) error {
	br := bufio.NewReaderSize(r, 64<<10)
	line := 0
	for {
		b, err := br.ReadSlice('\n')
		line++
		if errors.Is(err, bufio.ErrBufferFull) {
			// Longer than any secret: skip to the end of the line.
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return fmt.Errorf("reading wordlist line %d: %w", line, err)
			}
			continue
		}
		entry := bytes.TrimSuffix(b, []byte("\n"))
		entry = bytes.TrimSuffix(entry, []byte("\r"))
		if len(entry) > 0 && len(entry) <= MaxLength {
			if !fn(line, entry) {
				return nil
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading wordlist line %d: %w", line, err)
		}
	}
}

// FindInWordlist reports, for each secret, the 1-based line of the
// wordlist where it first appears, or 0. It reads the list once.
func FindInWordlist(r io.Reader, secrets ...[]byte) ([]int, error) {
	found := make([]int, len(secrets))
	want := make(map[string][]int, len(secrets))
	for i, s := range secrets {
		want[string(s)] = append(want[string(s)], i)
	}
	left := len(secrets)
	err := ScanWordlist(r, func(line int, entry []byte) bool {
		for _, i := range want[string(entry)] {
			if found[i] == 0 {
				found[i] = line
				left--
			}
		}
		return left > 0
	})
	return found, err
}
