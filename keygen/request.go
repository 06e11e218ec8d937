package keygen

import (
	"crypto"
	"encoding/json"
	"errors"
	"fmt"
)

// Request asks for one new key, as "jwtkey generate" and the web API take
// it from their flags and query parameters. The zero value of each
// optional field means "the default".
type Request struct {
	Alg      Algorithm
	Encoding Encoding // what SecretRecord or PairRecord write the key in
	Size     int      // an HMAC secret's bytes or an RSA key's bits; 0: the algorithm's
	KID      string   // the record's kid; "": random for a secret, the thumbprint for a key pair
	Insecure bool     // allow a size below the algorithm's minimum, to test other systems only
}

// GenerateRecord makes the key r asks for, from crypto/rand, and returns
// its record: SecretRecord's for an HMAC algorithm, PairRecord's for the
// others. A size out of range is a *SizeError.
func GenerateRecord(r Request) (Record, error) {
	if r.Alg.IsHMAC() {
		secret, err := GenerateSecret(r)
		if err != nil {
			return Record{}, err
		}
		return SecretRecord(secret, r.Alg, r.Encoding, r.KID)
	}
	key, err := generatePair(r)
	if err != nil {
		return Record{}, err
	}
	return PairRecord(key, r.Alg, r.Encoding, r.KID)
}

// GenerateSecret makes the HMAC secret r asks for: r.Size bytes, or
// r.Alg.HashSize() when r.Size is 0. A size out of range is a *SizeError,
// unless it is only below the algorithm's minimum and r.Insecure is set.
// r.Encoding and r.KID play no part: this is the secret itself.
func GenerateSecret(r Request) ([]byte, error) {
	size := r.Size
	if size == 0 {
		size = r.Alg.HashSize()
	}
	key, err := GenerateHMACSize(r.Alg, size)
	if errors.As(err, new(*SizeError)) && r.Insecure {
		return GenerateInsecureHMAC(size)
	}
	return key, err
}

// generatePair makes the private key r asks for.
func generatePair(r Request) (crypto.Signer, error) {
	switch {
	case r.Size == 0:
		return GenerateKeyPair(r.Alg)
	case r.Alg.Family() != FamilyRSA:
		return nil, fmt.Errorf("keygen: the size of %s keys is fixed by the algorithm", r.Alg)
	case r.Size < MinRSABits && r.Insecure:
		return GenerateInsecureRSA(r.Size)
	}
	return GenerateRSA(r.Alg, r.Size)
}

// Text returns the record's key as its encoding writes it on its own: the
// text of hex, base64, base64url or PEM, the compact JSON of a JWK.
func (r Record) Text() []byte { return plain(r.Key) }

// PublicText returns the record's public key as Text does; nil for a
// secret.
func (r Record) PublicText() []byte { return plain(r.Public) }

// plain unquotes a JSON string and returns anything else as it is.
func plain(m json.RawMessage) []byte {
	var s string
	if json.Unmarshal(m, &s) == nil {
		return []byte(s)
	}
	return m
}
