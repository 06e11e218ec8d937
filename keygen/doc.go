// Package keygen makes JSON Web Token signing keys that cannot be guessed.
//
// Every byte of key material comes from crypto/rand, the operating system's
// CSPRNG. HMAC secrets are sized by their algorithm; key pairs are RSA,
// ECDSA or Ed25519. Keys can be written as hex, base64, base64url, raw
// bytes, PEM, or JSON Web Keys (RFC 7517), with RFC 7638 thumbprints as the
// key IDs of public keys. A Record is a key in the JSON form jwtkey gives
// programs ("jwtkey generate --json", the web API): GenerateRecord makes a
// new key's from a Request, and SecretRecord and PairRecord write an
// existing key as one. A Batch asks for the keys written at once: Count
// new ones, or an existing key (LoadPrivateKey reads one); Keys.Text lays
// them out as JSON records, one key set, PEM blocks or a key a line.
//
// # Minimum key size
//
// RFC 7518 §3.2 requires an HMAC key at least as long as the hash output:
// 32 bytes (256 bits) for HS256, 48 for HS384 and 64 for HS512. GenerateHMAC
// makes exactly that much and GenerateHMACSize refuses less. Length past the
// hash block size (64 bytes for HS256, 128 for HS384 and HS512) adds
// nothing, since HMAC hashes such keys down first.
//
// RSA keys for RS* and PS* are 3072 bits by default and at least 2048 bits
// (RFC 7518 §3.3 and §3.5). ES256, ES384 and ES512 use P-256, P-384 and
// P-521; EdDSA uses Ed25519 (RFC 8037).
//
// CheckHMACSize, CheckRSABits and CheckKeySize are where these minimums are
// checked, for keys made here and for keys that come from elsewhere (a file
// read with --in, a key set being rotated).
//
// GenerateInsecureHMAC and GenerateInsecureRSA skip the minimums. They exist
// to test other systems and say so in their names.
package keygen
