// Package audit finds out whether a JWT's HMAC secret can be guessed, the
// way an attacker holding one token would: offline, as fast as the
// hardware allows.
//
// ParseToken reads a compact JWS and Token.Inspect flags the header and
// claim problems that go with weak keys: alg none, no expiry, lifetimes
// past LongLifetime, and HMAC tokens whose header points at public keys.
//
// A Cracker then tries candidate secrets on every core: the empty secret,
// secrets found in other tokens, the built-in weak and published secrets
// (strength.Known), wordlists with optional rule mutations, and masks in
// hashcat's syntax, one length after another for incremental brute force. List and wordlist entries are also
// tried base64-decoded, since some frameworks decode the configured secret
// before signing. Candidates are checked in batches by internal/fasthmac,
// with nothing allocated per candidate. An interrupted mask attack can be
// resumed from Result.Resume.
//
// # What a result means
//
// A found secret is already broken: anyone with one token can find it the
// same way, and then sign any token. Replace it with a random key of the
// algorithm's size and make every token signed with the old one invalid.
//
// Not finding a secret proves only that it is not among what was tried.
// A random secret of the algorithm's size (keygen.GenerateHMAC) is out of
// reach of any search.
//
// # Scale
//
// For searches bigger than one machine, ExportToken writes the token for
// hashcat (mode 16500) or John the Ripper.
package audit
