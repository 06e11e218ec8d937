// Package scan finds JWT signing secrets written where they should not be:
// in configuration and code committed to a repository, in .env files git
// would commit, and in JWTs signed with a published secret.
//
// General secret scanners look for random-looking strings and so miss the
// secrets that get cracked ("mysecret", "s3cr3tK3y!2024"). scan looks for
// where a JWT secret is set instead, whatever its value looks like, and
// judges each value with [strength.Check].
//
// # Rules
//
// [Rules] is a table: what each rule looks for, its fix, and true- and
// false-positive examples that the tests run. Assignment rules read names
// like JWT_SECRET, jwt.secret, "jwt: secret:" and "Jwt": {"Key": …} in
// dotenv, YAML, JSON, TOML, properties, Docker, compose, CI, Terraform and
// code; call rules read the key argument of jsonwebtoken, jose, golang-jwt,
// PyJWT, jjwt, ruby-jwt, php-jwt and .NET. References ($JWT_SECRET,
// process.env.X, {{ secrets.X }}) are not findings; placeholders are not
// findings in example files (.env.example) but are weak secrets elsewhere.
//
// # What is read
//
// In a git work tree, the files git lists (tracked, and untracked but not
// ignored); elsewhere a walk. [History] reads every line any commit added,
// [Staged] the index. Binaries, vendored and generated directories, lock
// files, documentation, tests and files over [Options.MaxSize] are skipped,
// each reported through [Options.Note].
//
// # Secrets in reports
//
// A [Finding] holds the secret; [WriteJSON], [WriteSARIF] and
// [Finding.Snippet] print [Redacted] unless asked not to. Fingerprints and
// baselines never contain or derive from the secret: a hash of a weak
// secret can be reversed with the same word list an attacker uses.
//
// # Accepting findings
//
// A line holding "jwtkey:allow", or below such a line, is not reported; a
// file holding "jwtkey:allow-file" in its first kilobyte is skipped. A
// [Baseline] accepts the findings it lists.
package scan
