package main

// How generate lays keys out: JWKs, key sets, one key a line, the --json
// records, and the -o file.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"

	"github.com/jwtkey/jwtkey/keygen"
	"github.com/jwtkey/jwtkey/store"
)

// jsonLines writes one --json record a line; publicOnly puts a key
// pair's public key where the private key would be.
func jsonLines(keys []keygen.Record, publicOnly bool) []byte {
	var buf bytes.Buffer
	for _, k := range keys {
		if publicOnly {
			k.Key, k.Public = k.Public, nil
		}
		b, _ := json.Marshal(k)
		buf.Write(b)
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

// jwksOf writes the keys as one key set, or their public keys: a secret
// has none, and stays as it is.
func jwksOf(keys []keygen.Record, public bool) []byte {
	var set struct {
		Keys []json.RawMessage `json:"keys"`
	}
	for _, k := range keys {
		if public && k.Public != nil {
			k.Key = k.Public
		}
		set.Keys = append(set.Keys, k.Key)
	}
	b, _ := json.MarshalIndent(set, "", "  ")
	return append(b, '\n')
}

// joinKeys lays keys out one per line; raw bytes and PEM blocks are simply
// concatenated. A single JWK is indented for reading.
func joinKeys(keys [][]byte, enc keygen.Encoding) []byte {
	switch enc {
	case keygen.Raw, keygen.PEM:
		return bytes.Join(keys, nil)
	case keygen.JWK:
		if len(keys) == 1 {
			var buf bytes.Buffer
			json.Indent(&buf, keys[0], "", "  ")
			return append(buf.Bytes(), '\n')
		}
	}
	var buf bytes.Buffer
	for _, k := range keys {
		buf.Write(k)
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

// writeKeyFile writes the -o file as env writes a .env file: refused when
// git tracks it, added to .gitignore when git does not ignore it, locked,
// atomic, mode 0600.
func (a *app) writeKeyFile(name string, data []byte, force bool) error {
	r, err := store.WriteKeyFile(name, data, store.Options{Force: force})
	if errors.Is(err, fs.ErrExist) {
		return withHint(&cliError{code: exitError, err: fmt.Errorf("%s already exists", name)}, "use --force to overwrite it")
	}
	var pe *fs.PathError
	switch {
	case errors.As(err, &pe):
		// The library names its temporary and lock files; the user knows
		// only theirs.
		return &cliError{code: exitError, err: fmt.Errorf("cannot write %s: %w", name, pe.Err)}
	case err != nil:
		return a.storeError(err, store.Options{})
	}
	a.reportGit(r.File, r.Git)
	a.reportMode(r.File, r.OldMode, r.Mode, r.Tightened())
	return nil
}
