package main

import (
	"crypto"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/spf13/cobra"

	"github.com/jwtkey/jwtkey/keygen"
	"github.com/jwtkey/jwtkey/store"
)

// generateOptions are generate's flags; --kid, --insecure, --count and
// --json are the fields of the library's batch, and are read into it.
type generateOptions struct {
	keygen.Batch
	alg      string
	bits     int
	bytes    int
	encoding string
	public   bool
	in       string
	output   string
	force    bool
}

func (o *generateOptions) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVarP(&o.alg, "alg", "a", "HS256", "JWS algorithm: HS256|HS384|HS512|RS256…|PS256…|ES256|ES384|ES512|EdDSA")
	f.IntVar(&o.bits, "bits", 0, "key size in bits (HMAC: a multiple of 8; RSA: modulus size)")
	f.IntVar(&o.bytes, "bytes", 0, "HMAC key size in bytes")
	f.BoolVar(&o.Insecure, "insecure", false, "allow keys below the algorithm's minimum size (testing only)")
	f.StringVarP(&o.encoding, "encoding", "e", "", "output encoding: hex|base64|base64url|raw|jwk|jwks|pem")
	f.BoolVar(&o.public, "public", false, "print only the public key of a key pair")
	f.StringVar(&o.in, "in", "", "use this private key file (PEM or JWK; - for stdin) instead of generating one")
	f.StringVar(&o.KID, "kid", "", "key ID for JWK output (default: random for secrets, RFC 7638 thumbprint for key pairs)")
	f.IntVarP(&o.Count, "count", "n", 1, "number of independent keys")
	f.BoolVar(&o.JSON, "json", false, "print one JSON object per key: key, alg, encoding, bits, kid")
	f.StringVarP(&o.output, "output", "o", "", "write the key to this file (mode 0600) instead of stdout")
	f.BoolVar(&o.force, "force", false, "overwrite the --output file if it exists")
	cmd.RegisterFlagCompletionFunc("alg", cobra.FixedCompletions(keygen.AlgorithmNames(), cobra.ShellCompDirectiveNoFileComp))
	cmd.RegisterFlagCompletionFunc("encoding", cobra.FixedCompletions(keygen.EncodingNames(), cobra.ShellCompDirectiveNoFileComp))
}

func (a *app) generateCmd() *cobra.Command {
	var opts generateOptions
	cmd := &cobra.Command{
		Use:     "generate",
		Aliases: []string{"new", "gen"},
		Short:   "Generate a signing key (the default verb)",
		Long:    manual("generate"),
		Example: manual("generate.examples"),
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.generate(cmd, &opts)
		},
	}
	opts.register(cmd)
	return cmd
}

func (a *app) generate(cmd *cobra.Command, o *generateOptions) error {
	flags := cmd.Flags()
	if o.JSON {
		a.quiet = true // as on every verb: JSON on stdout, no info lines
	}
	alg, err := keygen.ParseAlgorithm(o.alg)
	if err != nil {
		return withHint(usageErrorf("unknown algorithm %q", o.alg), "choose one of %s", strings.Join(keygen.AlgorithmNames(), ", "))
	}
	var given crypto.Signer
	if o.in != "" {
		given, err = keygen.LoadPrivateKey(o.in, a.stdin)
		if errors.Is(err, keygen.ErrNotPrivateKey) {
			return withHint(fmt.Errorf("%s holds a public key, not a private key", o.in), "--in takes the private key; its public half is derived from it")
		} else if err != nil {
			return err
		}
		if !flags.Changed("alg") {
			alg = "" // the key's own
		}
		if alg, err = keygen.KeyAlgorithm(given, alg); err != nil {
			return err
		}
		if err := keygen.CheckKeySize(alg, given); err != nil && !o.Insecure {
			return withHint(fmt.Errorf("%s: %w", o.in, err), "--insecure accepts it, for testing only")
		}
		if flags.Changed("bits") || flags.Changed("bytes") || flags.Changed("count") {
			return usageErrorf("--in takes an existing key: --bits, --bytes and --count do not apply")
		}
	}

	enc, err := o.parseEncoding(alg)
	if err != nil {
		return err
	}
	if err := o.checkCombination(flags.Changed, alg, enc); err != nil {
		return err
	}
	toStdout := o.output == "" || o.public
	if enc == keygen.Raw && toStdout && isTerminal(a.stdout) {
		return withHint(usageErrorf("refusing to print raw key bytes to a terminal"), "redirect stdout to a file, or use -e hex")
	}

	b := o.Batch
	b.Alg, b.Encoding, b.Size, b.Key = alg, enc, o.bits, given
	if alg.IsHMAC() {
		if b.Size, err = o.hmacSize(alg); err != nil {
			return err
		}
		if b.Size > alg.BlockSize() {
			a.hintf("%s keys longer than %d bytes are hashed down to %d bytes first: the extra length adds nothing", alg, alg.BlockSize(), alg.HashSize())
		}
	}
	keys, err := b.Generate()
	if se := (*keygen.SizeError)(nil); errors.As(err, &se) && !alg.IsHMAC() && o.bits < keygen.MinRSABits && !o.Insecure {
		return withHint(usageErrorf("RSA keys need at least %d bits; %d asked", keygen.MinRSABits, o.bits),
			"drop --bits for %d bits; --insecure allows 1024 to %d bits for testing only", keygen.DefaultRSABits, keygen.MinRSABits)
	} else if err != nil {
		return err
	}
	// The -o file holds the keys; standard output, with --public, their
	// public halves.
	if o.output != "" {
		if err := a.writeKeyFile(o.output, keys.Text(false), o.force); err != nil {
			return err
		}
		if !o.public {
			return nil
		}
	}
	_, err = a.stdout.Write(keys.Text(o.public))
	return err
}

func (o *generateOptions) parseEncoding(alg keygen.Algorithm) (keygen.Encoding, error) {
	enc, err := keygen.EncodingFor(alg, o.encoding)
	switch fe := (*keygen.FitError)(nil); {
	case err == nil:
		return enc, nil
	case !errors.As(err, &fe):
		return "", withHint(usageErrorf("unknown encoding %q", o.encoding), "choose one of %s", strings.Join(keygen.EncodingNames(), ", "))
	case alg.IsHMAC():
		return "", withHint(usageErrorf("%s secrets cannot be written as %s", alg, enc), "PEM is for key pairs; use -e hex, base64, base64url, raw, jwk or jwks")
	}
	return "", withHint(usageErrorf("%s key pairs cannot be written as %s", alg, enc), "use -e pem, jwk or jwks")
}

func (o *generateOptions) checkCombination(changed func(string) bool, alg keygen.Algorithm, enc keygen.Encoding) error {
	switch {
	case changed("bits") && changed("bytes"):
		return usageErrorf("--bits and --bytes both set the size: give one")
	case o.Count < 1 || o.Count > keygen.MaxCount:
		return usageErrorf("--count must be between 1 and %d, not %d", keygen.MaxCount, o.Count)
	case o.JSON && enc == keygen.Raw:
		return usageErrorf("--json cannot hold raw bytes: choose another --encoding")
	case o.JSON && enc == keygen.JWKS:
		return usageErrorf("--json and -e jwks both frame the output: use -e jwk with --json, or -e jwks alone")
	case o.force && o.output == "":
		return usageErrorf("--force only applies with --output")
	case o.KID != "" && o.Count > 1:
		return usageErrorf("--kid names one key, but --count is %d: key IDs must be distinct", o.Count)
	case o.KID != "" && enc != keygen.JWK && enc != keygen.JWKS && !o.JSON:
		return usageErrorf("--kid only applies to -e jwk, -e jwks or --json output")
	}
	if alg.IsHMAC() {
		if o.public || o.in != "" {
			return withHint(usageErrorf("%s uses a shared secret: it has no public key", alg), "for a key pair use --alg RS256, ES256 or EdDSA")
		}
		return nil
	}
	if alg.Family() != keygen.FamilyRSA && (changed("bits") || changed("bytes")) {
		return usageErrorf("the size of %s keys is fixed by the algorithm: drop --bits and --bytes", alg)
	}
	if changed("bytes") {
		return usageErrorf("RSA key sizes are given in bits: use --bits")
	}
	if o.public && o.in == "" && o.output == "" {
		return withHint(usageErrorf("--public alone would print a public key and throw its private key away"),
			"write the private key with -o private.pem --public, or derive from an existing one with --in private.pem --public")
	}
	return nil
}

// hmacSize returns the secret size in bytes from --bits, --bytes or the
// algorithm's default.
func (o *generateOptions) hmacSize(alg keygen.Algorithm) (int, error) {
	size := alg.HashSize()
	switch {
	case o.bits != 0:
		if o.bits%8 != 0 || o.bits < 0 {
			return 0, usageErrorf("--bits must be a positive multiple of 8, not %d", o.bits)
		}
		size = o.bits / 8
	case o.bytes != 0:
		size = o.bytes
	}
	var se *keygen.SizeError
	switch err := keygen.CheckHMACSize(alg, size); {
	case err == nil:
	case size < 1 || !errors.As(err, &se) || size > se.Max:
		return 0, usageErrorf("key size must be between 1 and %d bytes, not %d", keygen.MaxHMACSize, size)
	case !o.Insecure:
		return 0, withHint(usageErrorf("%s needs a key of at least %d bytes (%d bits), RFC 7518 §3.2; %d bytes asked",
			alg, se.Min, se.Min*8, size), "drop --bits/--bytes for the right size; --insecure allows short keys for testing only")
	}
	return size, nil
}

// writeKeyFile writes the -o file as env writes a .env file: refused when
// git tracks it, added to .gitignore when git does not ignore it, locked,
// atomic, mode 0600.
func (a *app) writeKeyFile(name string, data []byte, force bool) error {
	r, err := store.WriteKeyFile(name, data, store.Options{Force: force})
	if errors.Is(err, fs.ErrExist) {
		return withHint(fmt.Errorf("%s already exists", name), "use --force to overwrite it")
	}
	var pe *fs.PathError
	switch {
	case errors.As(err, &pe):
		// The library names its temporary and lock files; the user knows
		// only theirs.
		return fmt.Errorf("cannot write %s: %w", name, pe.Err)
	case err != nil:
		return a.storeError(err, store.Options{})
	}
	a.say(store.GitNotes(r.File, r.Git))
	a.say(store.ModeNotes(r.File, r.OldMode, r.Mode, r.Tightened()))
	return nil
}
