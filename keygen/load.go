package keygen

import (
	"crypto"
	"fmt"
	"io"
	"os"
)

// MaxKeyInput is the most LoadPrivateKey reads of standard input, which,
// unlike a file, may not end.
const MaxKeyInput = 1 << 20

// LoadPrivateKey reads a private key as ParsePrivateKey does from the file
// name, or from stdin (at most MaxKeyInput bytes) when name is "-". A
// public key is ErrNotPrivateKey, wrapped.
func LoadPrivateKey(name string, stdin io.Reader) (crypto.Signer, error) {
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(io.LimitReader(stdin, MaxKeyInput))
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return nil, fmt.Errorf("reading private key: %w", err)
	}
	key, err := ParsePrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return key, nil
}

// KeyAlgorithm returns the algorithm an existing key signs with: alg,
// once CheckKey finds that the key can sign it, or when alg is "" the
// key's usual one (AlgorithmFor).
func KeyAlgorithm(key crypto.Signer, alg Algorithm) (Algorithm, error) {
	if alg == "" {
		return AlgorithmFor(key)
	}
	return alg, CheckKey(alg, key)
}
