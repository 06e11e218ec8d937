package keygen

import "fmt"

// AlgorithmNames returns the names ParseAlgorithm takes, in the order of
// Algorithms: for completions, and for messages that list the choices.
func AlgorithmNames() []string { return names(Algorithms) }

// EncodingNames returns the names ParseEncoding takes, in the order of
// Encodings.
func EncodingNames() []string { return names(Encodings) }

func names[T ~string](list []T) []string {
	s := make([]string, len(list))
	for i, v := range list {
		s[i] = string(v)
	}
	return s
}

// FitError reports an encoding that cannot write a key for Alg: PEM for
// an HMAC secret, a text encoding for a key pair (see Encoding.Fits).
type FitError struct {
	Alg      Algorithm
	Encoding Encoding
}

func (e *FitError) Error() string {
	if e.Alg.IsHMAC() {
		return fmt.Sprintf("keygen: %s secrets cannot be written as %s", e.Alg, e.Encoding)
	}
	return fmt.Sprintf("keygen: %s key pairs cannot be written as %s", e.Alg, e.Encoding)
}

// EncodingFor returns the encoding named name, as ParseEncoding reads it,
// for a key for alg: DefaultEncoding(alg) when name is "", and a
// *FitError when the encoding cannot write such a key.
func EncodingFor(alg Algorithm, name string) (Encoding, error) {
	if name == "" {
		return DefaultEncoding(alg), nil
	}
	enc, err := ParseEncoding(name)
	if err == nil && !enc.Fits(alg) {
		return enc, &FitError{Alg: alg, Encoding: enc}
	}
	return enc, err
}
