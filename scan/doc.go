// Package scan finds JWT signing secrets written where they should not be:
// in configuration and code committed to a repository, in private key files,
// in .env files git would commit, and in JWTs signed with a published
// secret. [Inspect] is the same reading of a project's .env files as a
// report for the doctor verb: the two never disagree about a file.
// [EnvSecrets] is that reading of one parsed .env file, for callers that
// judge its secrets themselves ("jwtkey check --file").
//
// General secret scanners look for random-looking strings and so miss the
// secrets that get cracked ("mysecret", "s3cr3tK3y!2024"). scan looks for
// where a JWT secret is set and used instead, whatever its value looks
// like, and judges each value with [strength.Check].
//
// # Pipeline
//
// A scan is five stages, data flowing one way, each in its own file:
// where files come from (source.go: the work tree, the index, history);
// what a file is (kind.go: language, template, test); what each
// language's extractor finds (extract.go and the extractors it runs:
// assign.go, fallback.go, keyfile.go, envfile.go, with names.go and
// forms.go following values by name); how a value is judged (judge.go);
// and how findings are reported (report.go, sarif.go, baseline.go). Each
// file is read once and dropped; the cross-file stage keeps only the
// definitions whose names are about keys and the names JWT calls use but
// their files do not define.
//
// # Rules
//
// [Rules] is a table: what each rule looks for, its fix, and true- and
// false-positive examples that the tests run. Assignment rules read names
// like JWT_SECRET, jwt.secret, "jwt: secret:" and "Jwt": {"Key": …} in
// dotenv, YAML, JSON, TOML, properties, Docker, compose, CI, Terraform and
// code (in .env files, every name secretname.Of calls a secret); call
// rules read the key argument of each library's signatures: jsonwebtoken,
// jose, golang-jwt, jose2go, PyJWT, jjwt, java-jwt, Nimbus, ruby-jwt,
// php-jwt and .NET, and HMAC constructors in code about JWTs. Fallback
// rules read the literal defaults of environment variables that hold
// signing keys. References (${JWT_SECRET}, process.env.X, {{ secrets.X }})
// are not findings; placeholders are not findings in example files
// (.env.example) but are weak secrets elsewhere.
//
// # Following names
//
// A literal held in a name (a variable, constant, field, property or
// getter) and used where a library takes its key is reported at the
// literal, with the use named in the message. The forms that define,
// import and declare names are a per-language table in forms.go. A name
// used but not defined in its file is looked up among the definitions of
// the repository's other files whose container, file or import matches.
// A parameter handed to a JWT call is followed to the calls of its
// function or class in the file.
//
// # What is read
//
// In a git work tree, the files git lists (tracked, and untracked but not
// ignored); elsewhere a walk. [History] reads every line any commit added,
// [Staged] the index. Binaries, vendored and generated directories, lock
// files, documentation, tests and files over [Options.MaxSize] are skipped,
// each reported through [Options.Note]; no file is read past MaxSize.
// [Options.Exclude] leaves out more paths, by the rules of a .gitignore
// ("docs/examples/**", "*.min.js", "fixtures/"), relative to the scanned
// directory or to [Options.ExcludeDir]. [ScanReader] reads one stream,
// such as standard input, as a file of a given name.
//
// # A project's own names
//
// [Options.SecretNames] (and the names given to [Inspect]) are more names
// that hold a signing key, in any naming style: their literals are judged
// in configuration, code and .env files as JWT_SECRET's are. Both read
// them through one classifier, so scan, doctor and "check --file" agree.
// Every git command runs with the programs a repository's configuration
// can name turned off (see package internal/gitx).
//
// # Secrets in reports
//
// A [Finding] holds the secret; [WriteText], [WriteJSON], [WriteSARIF]
// and [Finding.Snippet] print [Redacted] unless asked not to. Fingerprints and
// baselines never contain or derive from the secret: a hash of a weak
// secret can be reversed with the same word list an attacker uses. A
// fingerprint covers the verdict, so a line whose secret gets worse is a
// new finding. Text reports quote odd file names with [QuoteName].
//
// # Accepting findings
//
// A line holding "jwtkey:allow", or below such a line, is not reported; a
// file holding "jwtkey:allow-file" in its first kilobyte is skipped, in
// History in each commit whose version holds it. A [Baseline] accepts the
// findings it lists.
//
// # One run
//
// [Run] does what the scan verb does in one call: it reads a [Job]'s
// baseline first, scans a directory or a stream, then writes the baseline
// or leaves out what it accepts. Its [Report] says what to report and
// sums it up in a line ([Report.Summary]); [Write] writes the findings in
// any of [Formats]. [ParseSize] reads a size limit as a person writes it.
package scan
