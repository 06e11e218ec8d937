// Package strength judges whether a JWT signing secret can be guessed by
// an offline attacker who holds one token signed with it.
//
// Password meters are tuned for online guessing and rate secrets such as
// "supersecretkey123" or jwt.io's "your-256-bit-secret" as strong. Check
// instead estimates the number of guesses an offline cracker needs, with the
// minimum-guesses decomposition of the 2016 zxcvbn paper (Wheeler, USENIX
// Security) and matchers aimed at secrets.
//
// # The model
//
// A secret is split into parts an attacker guesses as a whole (matches) and
// runs of characters guessed one by one. Check finds the split that needs
// the fewest guesses, by dynamic programming over positions. The matchers:
//
//   - dictionaries: common passwords, English words, first names, surnames
//     and words from TV and film (the zxcvbn frequency lists, via
//     github.com/trustelem/zxcvbn/frequency), the 5,000 most common words
//     of Spanish, Portuguese, French, German, Italian, Indonesian, Dutch
//     and Polish (data/words.txt, generated from the zxcvbn-ts language
//     packages; matched as written, accents optional), and a curated list
//     of secrets published in docs, READMEs, tutorials and articles
//     (data/published.txt, with the public place of each entry; a part of
//     12 characters or more of one of them counts too, since copies of a
//     published key are edited by hand). Matching sees through case,
//     l33t substitutions, reversal and separators (- _ . and space);
//   - walks on qwerty, azerty and dvorak keyboards and the number pad,
//     shifted or not;
//   - sequences (abcd, 1357, 0123456789abcdef), sequences written in turn
//     (a1b2c3…), strides through the ASCII table (!#%')+…), repeats of a
//     character or a block (abcabc, the same key pasted twice);
//   - fixed patterns of character kinds, as pattern-following "key
//     generators" make (x7K9mP2v…: digit, lower, upper), each strand
//     priced one by one or, when it steps along the alphabet or the
//     keyboard, as a start and a step;
//   - years from 1900 to five years ahead, dates with and without
//     separators, Unix times in seconds or milliseconds, UUIDs;
//   - hex, base64 and base64url: a string that decodes to text is judged as
//     that text, also when the text ends in the newline echo adds, and shows
//     the secret is not random (random bytes are never all printable); one
//     that decodes to random bytes holds 8 bits a byte, as do bytes written
//     with \x escapes (b'\xda\x96+\xccN…', os.urandom pasted into settings).
//
// Runs of characters no match covers are priced under one of four
// models: brute force over the alphabet; keyboard mashing (mash.go: a
// model of a hand on a qwerty keyboard, adaptive to the string, compared
// with uniform randomness); keys invented to look random (invent.go:
// Xk9mP2vL8nQ4…, made up by people and assistants: kinds of character in
// a regular order, fewer repeats than chance makes, letters stepping
// along the alphabet or the keyboard; Bayesian mixtures of experts learnt
// along the string, one of them uniform randomness, and counted only
// beyond a random key that draws the kinds in its own shares); or text
// (text.go: letters in the order words put them, by a letter trigram
// model learnt from the word lists, with a word boundary that may fall
// unseen, so that sentences run together, and sentences of languages with
// no list here, are found; Greek, Cyrillic and accented Latin letters are
// read as the Latin letters they are written with). A run of any
// hand-made kind, or a whole secret, that its model favours over uniform
// randomness by more than chance allows (a likelihood ratio above 2^21
// for the whole secret, 2^(21+2 log2(n+1)) for a run inside it, against
// brute force over only the symbols the secret uses) is priced at what hand-made strings carry,
// 2.5 bits a character for mashing, 3 for invented keys and 2 for text
// (about what a word n-gram model needs on ordinary text), and shows the
// secret is not random: its other patterns count without the slack
// (handmade.go). A sentence whose words leave gaps (the short words of a
// language, run together) costs no more than a hand-made run of its
// length.
//
// In a phrase, a separator already used costs half a bit, so do a
// sentence's commas and marks right after a word, and a word of four
// letters or more, written as phrases write words (lower case,
// capitalized or capitals), costs at most 12 bits with its rank, the most
// a word n-gram model pays for a word of ordinary text: a sentence of rare
// words no longer reaches 256 bits by its length alone.
//
// A run of random characters costs log2 of its alphabet per character:
// 4 bits for hex, 6 for base64; letters of Cyrillic, Greek and accented
// Latin join the alphabet in the cases used, and any other non-ASCII
// character costs 12 bits. A base64 run inside a longer secret that
// decodes to text for longer than chance allows is priced as that text,
// and a whole JSON Web Token pasted as the secret is compromised. A match costs
// its guesses plus 3 bits for its kind (and 6 for a dictionary word's rank
// code) after a random run, or 1 bit (3.4) when it follows another match;
// a random run followed by more pays log2(n+1) for its length; matches
// shorter than three characters are ignored, except in a secret of 32
// bytes or more the small words of an English sentence (I, a, to, of, is,
// in plain letters). There a match of three characters or fewer counts
// only right after another pattern (a word after a word, or after a
// separator that follows one), and a dictionary word with half its letters
// in l33t, or in l33t and reversed, not at all: random keys hold such hits
// by chance. So the
// short patterns a random key holds ("you", "cafe", "2019" inside hex)
// cost more than they save, while my-super-secret-key stays cheap.
// Patterns count only when they save more than chance does: a quarter of
// the brute-force cost for short secrets, two ninths (at least 16 bits)
// for long ones, past the tail of what chance saves on keys from real
// generators.
// For secrets shorter than MinLength the estimate is also capped by the
// zxcvbn scoring formula over the same matches, so a short secret is never
// rated stronger than zxcvbn rates it.
//
// # Verdicts
//
// Compromised: the secret, ignoring case and separators, is on the
// published list, or MarkLeaked was called. Strong: at least 256 bits and 32
// characters, so good for HS256 (HS384 needs 384 bits and 48 bytes, HS512
// 512 bits and 64 bytes, as RFC 7518 §3.2 sizes keys). Weak: everything
// else; below 128 bits (CrackableBits) it is crackable offline.
//
// # Input
//
// Check judges text as written in a config file: at most MaxLength (1024)
// bytes, valid UTF-8, no NUL or control characters but tab, not empty or
// only whitespace; otherwise it returns an error wrapping ErrTooLong,
// ErrNotText or ErrEmpty and judges nothing. Its cost is linear in the
// length: local repeats look at blocks of up to 64 bytes.
//
// # Secrecy
//
// Findings never quote the whole secret, and all quoted parts together
// cover at most half of it; the rest is given by position. A strong secret
// gets no findings at all.
//
// # Cost
//
// The dictionaries are indexed, and the text model's letter trigrams
// counted from them, the first time Check runs (a few milliseconds, about
// 1.4 MB), never at program start; only the frequency package's own
// initialization (a 1.5 MB table of string headers) is paid by every
// program that links strength. Known reads the lists in place.
// Check is safe for concurrent use; it uses no files and no os/exec, so
// strength builds for GOOS=js GOARCH=wasm.
package strength
