package store

import (
	"fmt"

	"github.com/jwtkey/jwtkey/keygen"
	"github.com/jwtkey/jwtkey/preset"
)

// Settings are the names in Options as a person writes them, on a command
// line or in a settings file: a framework preset, an algorithm and an
// encoding, to be looked up (case does not matter). "" leaves the field
// to its default.
type Settings struct {
	Preset   string // a preset's name or alias
	Alg      string
	Encoding string
}

// UnknownError is returned by Settings.Apply for a name that names
// nothing: What is "framework", "algorithm" or "encoding", and Choices are
// the names it takes.
type UnknownError struct {
	What, Value string
	Choices     []string
}

func (e *UnknownError) Error() string { return fmt.Sprintf("store: unknown %s %q", e.What, e.Value) }

// dotenvEncodings are the encodings a dotenv value can hold.
var dotenvEncodings = []string{string(keygen.Hex), string(keygen.Base64), string(keygen.Base64URL)}

// Apply looks up the names in s and sets them in o, in the order
// framework, algorithm, encoding; the first that names nothing is an
// *UnknownError. Whether they go together is checked where o is used.
func (s Settings) Apply(o Options) (Options, error) {
	if s.Preset != "" {
		p, err := preset.Lookup(s.Preset)
		if err != nil {
			return o, &UnknownError{What: "framework", Value: s.Preset, Choices: preset.Names()}
		}
		o.Preset = &p
	}
	if s.Alg != "" {
		alg, err := keygen.ParseAlgorithm(s.Alg)
		if err != nil {
			var names []string
			for _, a := range keygen.Algorithms {
				names = append(names, string(a))
			}
			return o, &UnknownError{What: "algorithm", Value: s.Alg, Choices: names}
		}
		o.Alg = alg
	}
	if s.Encoding != "" {
		enc, err := keygen.ParseEncoding(s.Encoding)
		if err != nil {
			return o, &UnknownError{What: "encoding", Value: s.Encoding, Choices: dotenvEncodings}
		}
		o.Encoding = enc
	}
	return o, nil
}
