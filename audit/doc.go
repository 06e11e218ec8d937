// Package audit finds out whether a JWT's HMAC secret can be guessed, the
// way an attacker holding one token would: offline, as fast as the
// hardware allows, in the terms crackers already use.
//
// ParseToken reads a compact JWS and Token.Inspect flags the header and
// claim problems that go with weak keys: alg none, no expiry, lifetimes
// past LongLifetime, and HMAC tokens whose header points at public keys.
//
// # Attacks
//
// A Cracker tries candidate secrets on every core: always the empty
// secret first, then the attacks it is given, each of an AttackKind:
// Secrets (found in other tokens), Builtin (the weak and published
// secrets of strength.Known), Wordlist (hashcat -a 0, with rule files:
// -r), Combinator (-a 1), Masks (-a 3, with increments) and Hybrid (-a 6
// and -a 7). List and wordlist entries are also tried base64-decoded when
// the decoding can be a key, since some frameworks decode the configured
// secret before signing. Candidates are checked in batches by
// internal/fasthmac, written straight into the key blocks it reads, with
// nothing allocated per candidate. The count of candidates a Result
// reports is exact on any number of threads, and an interrupted attack
// resumes from Result.Resume with nothing left out.
//
// A Plan says the same in flag-free form (a wordlist, rule files, a mask,
// increments, charsets, what to skip, a potfile): Plan.Validate says,
// reading nothing, which of its parts do not go together; Plan.Check reads
// and checks it once, and Cracker.RunPlan runs it against each token,
// trying the secrets found in earlier tokens first.
//
// # Rules
//
// ParseRules reads hashcat's rule language, every function of hashcat
// 6.2.6 that the public rule sets (best64, dive, d3ad0ne,
// OneRuleToRuleThemAll) use, with hashcat's semantics: the tests hold the
// engine to "hashcat --stdout -a 0 -j RULE" byte for byte. A line it
// cannot run is a *RuleError naming the file, the line and the function.
// BuiltinRules are jwtkey's own rules, two files of that language.
//
// # Potfiles
//
// A Potfile records cracked tokens as hashcat's does, signature:secret.
// It holds secrets: OpenPotfile refuses one that git tracks or does not
// ignore, and writes it with mode 0600.
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
// # Reports
//
// ReadTokens reads tokens one a line. A Report is the audit of one token:
// Summary.WriteText and Report.WriteResult write it as text, in rows of
// "name: value", and encoding/json writes it as JSON; a ReportWriter lays
// out the reports of a run over several tokens in either form.
// Cracker.Watch samples a running search's Progress, and a Meter turns
// the samples into a smoothed rate and the time left.
//
// # Scale
//
// For searches bigger than one machine, ExportToken writes the token for
// hashcat (mode 16500) or John the Ripper.
package audit
