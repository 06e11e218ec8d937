package keygen

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
