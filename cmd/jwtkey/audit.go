package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/jwtkey/jwtkey/audit"
)

const auditLong = `Audit takes a signed JWT and finds out whether its HMAC secret can be
guessed, the way an attacker holding one token would: offline, on every
core. It also reports the header and claim problems that go with weak keys.

Arguments:
  TOKEN      a compact JWS (header.payload.signature); "Bearer " is ignored.
             "-" or no argument reads tokens from standard input, one per
             line. --file FILE reads them from a file. Blank lines and
             lines starting with # are skipped.

What is reported for each token:
  alg, typ, kid, iat, exp and the lifetime (exp - iat), and findings:
    critical  alg none: the token is unsigned
    warning   no exp claim; a lifetime over 24 hours; an HMAC alg on a
              token whose header has jku, x5u, jwk, x5c or x5t (the shape
              of an algorithm-confusion attack); iat or exp not a number
    info      expired; a kid shaped like an RFC 7638 thumbprint on an
              HMAC token; a payload that is not JSON

What is tried, in order, for HS256, HS384 and HS512:
  1. the empty secret, secrets already found in earlier tokens of the
     same run, then the built-in list of weak and published secrets (the
     one "jwtkey check" uses): milliseconds
  2. --wordlist FILE, streamed: one candidate per line, "\n" or "\r\n"
     line ends, every other byte kept (spaces too), empty lines skipped
  3. --mask, or --increment over a charset or a mask's prefixes
  Entries of the list and the wordlist are also tried base64-decoded when
  they are valid base64 (standard or URL alphabet, padded or not), since
  some frameworks decode the configured secret; --no-base64 turns that off.
  --rules adds mutations of each wordlist line: lower, upper, capitalized and
  toggled case, two l33t tables, separators (space _ - .) swapped or
  removed, each with digits, years 1990-2030 (alone or after _ - @) or
  punctuation appended: about 2,000 candidates per word.

Masks use hashcat's syntax: ?l a-z, ?u A-Z, ?d 0-9, ?h 0-9a-f, ?H 0-9A-F,
?s the 33 symbols with space, ?a all 95 printable, ?b any byte, ?1 to ?4
the custom charsets of -1 to -4, ?? a literal '?', any other character
itself. The number of candidates is computed before starting; a mask of
2^64 or more is refused. --increment tries lengths --min-len to --max-len:
prefixes of --mask (up to its length), or --charset (default ?a, up to 5)
repeated.

Ctrl-C stops cleanly, prints what was tried and a command that resumes
where it stopped: with --skip N (mask candidates) or --skip-lines N
(wordlist lines).

Exit status:
  0  the secret was not found and nothing critical was seen
  1  the secret was found (it is broken: rotate it), or alg none
  2  a usage or I/O error, a token that cannot be parsed or is signed
     with a public-key algorithm, or an interrupted search

Security considerations:
  A found secret is printed: anyone with one token can find it the same
  way, so it is already broken. Replace it (jwtkey rotate, or jwtkey
  generate --alg HS256) and stop accepting tokens signed with it.
  Not found means only "not among what was tried". A random key of the
  algorithm's size, as jwtkey generate makes, is beyond any search.
  For searches bigger than one machine, --export writes the token for
  hashcat (mode 16500) or John the Ripper, with a command line to run.

Standards: RFC 7515 (JWS), RFC 7518 §3.2 (HMAC), RFC 7519 (claims).`

const auditExamples = `  jwtkey audit eyJhbGciOiJIUzI1NiIs...
  pbpaste | jwtkey audit
  jwtkey audit --file tokens.txt --json
  jwtkey audit --wordlist rockyou.txt --rules - < token.txt
  jwtkey audit --mask '?u?l?l?l?l?d?d' - < token.txt
  jwtkey audit --increment --charset '?l?d' --max-len 6 - < token.txt
  jwtkey audit --mask '?a?a?a?a?a?a?a' --skip 1200000000 - < token.txt
  jwtkey audit --export hashcat - < token.txt > jwt.hashcat`

// The length range --increment tries over a charset by default.
const (
	defaultCharset = "?a"
	defaultMaxLen  = 5
)

type auditOptions struct {
	file      string
	wordlist  string
	rules     bool
	noBase64  bool
	mask      string
	custom    [4]string
	increment bool
	charset   string
	minLen    int
	maxLen    int
	skip      uint64
	skipLines uint64
	threads   int
	json      bool
	export    string
}

func (a *app) auditCommands() []*cobra.Command {
	var o auditOptions
	cmd := &cobra.Command{
		Use:     "audit [TOKEN|-]",
		Short:   "Find out whether a JWT's HMAC secret can be guessed",
		Long:    auditLong,
		Example: auditExamples,
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.audit(cmd, &o, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.file, "file", "f", "", "read tokens from this file, one per line")
	f.StringVarP(&o.wordlist, "wordlist", "w", "", "try each line of this file (- for standard input)")
	f.BoolVarP(&o.rules, "rules", "r", false, "also try mutations of each wordlist line (about 2,000 per line)")
	f.BoolVar(&o.noBase64, "no-base64", false, "do not also try entries base64-decoded")
	f.StringVarP(&o.mask, "mask", "m", "", "try every candidate of this mask (hashcat syntax, e.g. '?l?l?l?d?d')")
	for i := range o.custom {
		n := strconv.Itoa(i + 1)
		f.StringVarP(&o.custom[i], "custom-charset"+n, n, "", "custom charset ?"+n+" for --mask and --charset")
	}
	f.BoolVarP(&o.increment, "increment", "i", false, "try lengths --min-len to --max-len: prefixes of --mask, or --charset repeated")
	f.StringVar(&o.charset, "charset", "", "charset for --increment without --mask (default \"?a\")")
	f.IntVar(&o.minLen, "min-len", 1, "shortest candidate for --increment")
	f.IntVar(&o.maxLen, "max-len", 0, "longest candidate for --increment (default: the mask's length, or 5)")
	f.Uint64Var(&o.skip, "skip", 0, "skip this many mask candidates (resume an interrupted attack)")
	f.Uint64Var(&o.skipLines, "skip-lines", 0, "skip this many wordlist lines (resume an interrupted attack)")
	f.IntVarP(&o.threads, "threads", "t", 0, "worker threads (default: one per CPU)")
	f.BoolVar(&o.json, "json", false, "print one JSON object per token")
	f.StringVar(&o.export, "export", "", "print the token for another cracker instead: hashcat|john")
	cmd.RegisterFlagCompletionFunc("export", cobra.FixedCompletions([]string{"hashcat", "john"}, cobra.ShellCompDirectiveNoFileComp))
	return []*cobra.Command{cmd}
}

// auditInput is one token to audit, with where it came from.
type auditInput struct {
	text string
	line int // in --file or standard input; 0 for an argument
}

func (a *app) audit(cmd *cobra.Command, o *auditOptions, args []string) error {
	changed := cmd.Flags().Changed
	masks, err := o.masks(changed)
	if err != nil {
		return err
	}
	if o.threads < 0 {
		return usageErrorf("--threads must be 0 (one per CPU) or more, not %d", o.threads)
	}
	if o.export != "" && o.export != string(audit.Hashcat) && o.export != string(audit.John) {
		return usageErrorf("unknown --export format %q: use hashcat or john", o.export)
	}
	if o.wordlist == "-" && (len(args) == 0 || args[0] == "-") && o.file == "" {
		return usageErrorf("standard input cannot hold both the tokens and the wordlist: give the token as an argument or with --file")
	}
	inputs, err := a.auditInputs(o, args)
	if err != nil {
		return err
	}
	if o.wordlist == "-" && len(inputs) > 1 && o.export == "" {
		return usageErrorf("a wordlist on standard input can be read only once, but there are %d tokens: give --wordlist a file", len(inputs))
	}
	if o.export != "" {
		return a.auditExport(o, inputs)
	}
	if o.wordlist != "" && o.wordlist != "-" {
		// Fail before any work when the wordlist cannot be read.
		f, err := os.Open(o.wordlist)
		if err != nil {
			return &cliError{code: exitError, err: fmt.Errorf("wordlist: %w", err)}
		}
		f.Close()
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The first Ctrl-C stops the search cleanly; a second one, should
	// stopping hang on a blocked read, kills at once.
	context.AfterFunc(ctx, stop)
	var found, critical, failed int
	var secrets [][]byte // found so far: tokens of one service often share one
	for n, in := range inputs {
		if len(inputs) > 1 && !o.json {
			if n > 0 {
				fmt.Fprintln(a.stdout)
			}
			fmt.Fprintf(a.stdout, "token on line %d\n", in.line)
		}
		rep, err := a.auditOne(ctx, o, in, masks, secrets, len(args) == 1 && args[0] != "-")
		if o.json {
			if err != nil && rep.Error == "" {
				rep.Error = strings.TrimPrefix(err.Error(), "audit: ")
			}
			b, _ := json.Marshal(rep)
			fmt.Fprintf(a.stdout, "%s\n", b)
		}
		if rep.Summary != nil && rep.Summary.Critical() {
			critical++
		}
		if rep.Result != nil && rep.Result.Found {
			found++
			if !slices.ContainsFunc(secrets, func(s []byte) bool { return bytes.Equal(s, rep.Result.Secret) }) {
				secrets = append(secrets, rep.Result.Secret)
			}
		}
		var ce *cliError
		switch {
		case err == nil:
		case errors.Is(err, audit.ErrInterrupted):
			return a.interrupted(cmd, o, rep.Result, len(inputs), err)
		case len(inputs) == 1:
			return err
		case errors.As(err, &ce) && ce.code != exitError:
			return err
		default:
			failed++
			if !o.json {
				a.warningf("token on line %d: %s", in.line, oneLine(err.Error()))
			}
		}
	}
	switch {
	case found > 0 || critical > 0:
		return errFinding
	case failed > 0:
		return &cliError{code: exitError, err: fmt.Errorf("%d of %d tokens could not be audited", failed, len(inputs))}
	}
	return nil
}

// masks builds the mask attack from the flags, checking them first.
func (o *auditOptions) masks(changed func(string) bool) ([]*audit.Mask, error) {
	customSet := false
	for i := range o.custom {
		customSet = customSet || o.custom[i] != ""
	}
	switch {
	case !o.increment && (changed("min-len") || changed("max-len")):
		return nil, usageErrorf("--min-len and --max-len apply to --increment")
	case !o.increment && o.charset != "":
		return nil, withHint(usageErrorf("--charset applies to --increment"), "for candidates of one length, use --mask with ?1 and --custom-charset1")
	case o.increment && o.mask != "" && o.charset != "":
		return nil, usageErrorf("--increment takes --mask or --charset, not both")
	case o.wordlist == "" && changed("skip-lines"):
		return nil, usageErrorf("--skip-lines applies to --wordlist")
	case o.rules && o.wordlist == "":
		return nil, withHint(usageErrorf("--rules mutates the lines of --wordlist, and none was given"), "the built-in list already holds the common variants of its entries")
	case o.mask == "" && !o.increment && (customSet || changed("skip")):
		return nil, usageErrorf("--skip and the custom charsets apply to --mask and --increment")
	}
	if o.mask == "" && !o.increment {
		return nil, nil
	}
	custom, err := audit.ParseCustomCharsets(o.custom)
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	var full *audit.Mask
	if o.mask != "" {
		if full, err = audit.ParseMask(o.mask, custom); err != nil {
			return nil, withHint(usageErrorf("%v", err), "run 'jwtkey help audit' for the mask syntax")
		}
	} else {
		spec := o.charset
		if spec == "" {
			spec = defaultCharset
		}
		cs, err := audit.ParseCharset(spec, custom)
		if err != nil {
			return nil, usageErrorf("--charset: %v", err)
		}
		maxLen := o.maxLen
		if maxLen == 0 {
			maxLen = defaultMaxLen
		}
		full = audit.RepeatCharset(cs, max(maxLen, 1))
	}
	masks := []*audit.Mask{full}
	if o.increment {
		if masks, err = o.prefixes(full); err != nil {
			return nil, err
		}
	}
	total, err := audit.Keyspace(masks...)
	if err != nil {
		return nil, withHint(usageErrorf("%v", err), "no search that size can finish: use a shorter mask or smaller charsets")
	}
	if o.skip > total {
		return nil, usageErrorf("--skip %d is past the end: the masks have %d candidates", o.skip, total)
	}
	return masks, nil
}

// prefixes returns the masks --increment tries: the first --min-len to
// --max-len positions of full.
func (o *auditOptions) prefixes(full *audit.Mask) ([]*audit.Mask, error) {
	maxLen := o.maxLen
	if maxLen == 0 {
		maxLen = full.Len()
	}
	switch {
	case o.minLen < 1:
		return nil, usageErrorf("--min-len must be at least 1, not %d", o.minLen)
	case maxLen < o.minLen:
		return nil, usageErrorf("--max-len %d is less than --min-len %d", maxLen, o.minLen)
	case maxLen > full.Len():
		return nil, usageErrorf("--max-len %d is longer than the mask's %d positions", maxLen, full.Len())
	case maxLen > audit.MaxMaskLen:
		return nil, usageErrorf("--max-len must be at most %d", audit.MaxMaskLen)
	}
	var masks []*audit.Mask
	for n := o.minLen; n <= maxLen; n++ {
		masks = append(masks, full.Prefix(n))
	}
	return masks, nil
}

// auditInputs reads the tokens to audit.
func (a *app) auditInputs(o *auditOptions, args []string) ([]auditInput, error) {
	var r io.Reader
	name := "standard input"
	switch {
	case o.file != "" && len(args) > 0:
		return nil, usageErrorf("give a token or --file, not both")
	case o.file != "":
		f, err := os.Open(o.file)
		if err != nil {
			return nil, &cliError{code: exitError, err: fmt.Errorf("reading tokens: %w", err)}
		}
		defer f.Close()
		r, name = f, o.file
	case len(args) == 1 && args[0] != "-":
		return []auditInput{{text: args[0]}}, nil
	default:
		if isTerminal(a.stdin) {
			return nil, withHint(usageErrorf("no token given"), "pass one as an argument, pipe it in, or use --file")
		}
		r = a.stdin
	}
	var inputs []auditInput
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 2<<20)
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		inputs = append(inputs, auditInput{text: s, line: line})
	}
	if err := sc.Err(); err != nil {
		return nil, &cliError{code: exitError, err: fmt.Errorf("reading tokens from %s: %w", name, err)}
	}
	if len(inputs) == 0 {
		return nil, usageErrorf("no token in %s", name)
	}
	return inputs, nil
}

// auditOne audits one token; the report holds what was learnt even when
// err is set.
func (a *app) auditOne(ctx context.Context, o *auditOptions, in auditInput, masks []*audit.Mask, secrets [][]byte, fromArg bool) (*audit.Report, error) {
	rep := &audit.Report{Line: in.line}
	tok, err := audit.ParseToken(in.text)
	if err != nil {
		return rep, withHint(&cliError{code: exitError, err: err}, "audit takes a signed JWT: three base64url parts joined by dots")
	}
	now := time.Now()
	sum := tok.Inspect(now)
	rep.Summary = &sum
	if !o.json {
		a.printSummary(sum)
	}
	if fromArg && (sum.Expires == nil || sum.Expires.After(now)) && !o.json {
		a.warningf("a token given as an argument stays in the shell history, and this one is still valid: prefer 'jwtkey audit -' or --file")
	}
	if tok.Alg == "none" {
		if !o.json {
			fmt.Fprintf(a.stdout, "%-10s none: the token is unsigned, so anyone can forge one\n", "secret:")
		}
		return rep, nil
	}
	c, err := audit.NewCracker(tok, audit.Options{Threads: o.threads, NoBase64: o.noBase64})
	var nh *audit.NotHMACError
	if errors.As(err, &nh) {
		return rep, withHint(&cliError{code: exitError, err: err},
			"%s tokens are signed with a private key, which cannot be guessed; the header findings above still apply", tok.Alg)
	}
	if err != nil {
		return rep, &cliError{code: exitError, err: err}
	}

	var attacks []audit.Attack
	if len(secrets) > 0 {
		attacks = append(attacks, audit.Secrets{List: secrets, Name: "secrets found in earlier tokens"})
	}
	attacks = append(attacks, audit.Builtin{})
	if o.wordlist != "" {
		wl, closeWL, err := a.openWordlist(o)
		if err != nil {
			return rep, err
		}
		defer closeWL()
		attacks = append(attacks, wl)
	}
	if len(masks) > 0 {
		attacks = append(attacks, audit.Masks{Masks: masks, Skip: o.skip})
	}
	stopBar := a.progress(c, o.json)
	res, err := c.Run(ctx, attacks...)
	stopBar()
	rep.Result = res
	if err != nil && !errors.Is(err, audit.ErrInterrupted) {
		return rep, &cliError{code: exitError, err: err}
	}
	if !o.json {
		a.printResult(tok, res)
	}
	return rep, err
}

func (a *app) openWordlist(o *auditOptions) (audit.Wordlist, func(), error) {
	if o.wordlist == "-" {
		return audit.Wordlist{Reader: a.stdin, Name: "(standard input)", Rules: o.rules, Skip: o.skipLines}, func() {}, nil
	}
	f, err := os.Open(o.wordlist)
	if err != nil {
		return audit.Wordlist{}, nil, &cliError{code: exitError, err: fmt.Errorf("wordlist: %w", err)}
	}
	var size int64
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		size = fi.Size()
	}
	return audit.Wordlist{Reader: f, Name: o.wordlist, Size: size, Rules: o.rules, Skip: o.skipLines}, func() { f.Close() }, nil
}
