package audit

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/jwtkey/jwtkey/internal/display"
)

// ExportFormat names a cracker that takes over where audit stops: on GPUs
// or a cluster.
type ExportFormat string

// The export formats.
const (
	Hashcat ExportFormat = "hashcat" // hashcat -m 16500 (JWT): the token itself
	John    ExportFormat = "john"    // John the Ripper's HMAC-SHA*: header.payload#hex(signature)
)

// Export is a token written for another cracker, with the commands that
// run it, as argument lists.
type Export struct {
	Format   ExportFormat `json:"format"`
	Hash     string       `json:"hash"`      // the line to put in the hash file
	HashFile string       `json:"hash_file"` // the file name the commands use
	Commands [][]string   `json:"commands"`
}

// ExportToken writes an HMAC-signed token for hashcat or John the Ripper.
// wordlist and mask go into the command lines; empty ones get
// placeholders.
func ExportToken(t *Token, f ExportFormat, wordlist, mask string) (*Export, error) {
	if _, err := t.Hash(); err != nil {
		return nil, err
	}
	if wordlist == "" {
		wordlist = "WORDLIST"
	}
	if mask == "" {
		mask = "?a?a?a?a?a?a"
	}
	e := &Export{Format: f}
	switch f {
	case Hashcat:
		e.Hash, e.HashFile = t.Raw, "jwt.hashcat"
		e.Commands = [][]string{
			{"hashcat", "-m", "16500", "-a", "0", e.HashFile, wordlist},
			{"hashcat", "-m", "16500", "-a", "3", e.HashFile, mask},
		}
	case John:
		format := "HMAC-SHA" + strings.TrimPrefix(t.Alg, "HS")
		e.Hash, e.HashFile = string(t.SigningInput)+"#"+hex.EncodeToString(t.Signature), "jwt.john"
		e.Commands = [][]string{
			{"john", "--format=" + format, "--wordlist=" + wordlist, e.HashFile},
			{"john", "--format=" + format, "--mask=" + mask, e.HashFile},
		}
	default:
		return nil, fmt.Errorf("audit: unknown export format %q", f)
	}
	return e, nil
}

// CommandLines returns the commands as lines to paste into a shell.
func (e *Export) CommandLines() []string {
	lines := make([]string, len(e.Commands))
	for i, argv := range e.Commands {
		lines[i] = display.Command(argv)
	}
	return lines
}

// WriteJSON writes the export as one line of JSON, with the commands as
// shell lines: {"format":…,"hash":…,"hash_file":…,"commands":[…]}.
func (e *Export) WriteJSON(w io.Writer) error {
	b, err := json.Marshal(struct {
		Format   ExportFormat `json:"format"`
		Hash     string       `json:"hash"`
		HashFile string       `json:"hash_file"`
		Commands []string     `json:"commands"`
	}{e.Format, e.Hash, e.HashFile, e.CommandLines()})
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
