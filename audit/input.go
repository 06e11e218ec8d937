package audit

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/jwtkey/jwtkey/internal/display"
)

// Input is a token to audit as it was given: its text, and the line it
// was read from, or 0 when it was not read from lines (an argument).
type Input struct {
	Text string
	Line int
}

// maxTokenLine is the longest line ReadTokens takes: tokens are a few
// kilobytes, but some carry whole documents in their claims.
const maxTokenLine = 2 << 20

// ErrNoToken is ReadTokens' error for input that holds no token.
var ErrNoToken = errors.New("audit: no token")

// ReadTokens reads tokens one a line, as "jwtkey audit --file" takes
// them: spaces around a token are dropped, and empty lines and lines
// starting with # are skipped. name names r in errors.
func ReadTokens(r io.Reader, name string) ([]Input, error) {
	var out []Input
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxTokenLine)
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		out = append(out, Input{Text: s, Line: line})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading tokens from %s: %w", display.Text(name), err)
	}
	if len(out) == 0 {
		return nil, ErrNoToken
	}
	return out, nil
}
