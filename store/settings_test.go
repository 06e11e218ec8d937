package store

import (
	"errors"
	"slices"
	"testing"

	"github.com/jwtkey/jwtkey/keygen"
)

func TestSettingsApply(t *testing.T) {
	tests := []struct {
		s       Settings
		preset  string
		alg     keygen.Algorithm
		enc     keygen.Encoding
		unknown string // What of the *UnknownError, or ""
		choice  string // one of its Choices
	}{
		{s: Settings{}},
		{s: Settings{Preset: "Rails", Alg: "hs512", Encoding: "BASE64URL"}, preset: "rails", alg: keygen.HS512, enc: keygen.Base64URL},
		{s: Settings{Preset: "nextauth"}, preset: "authjs"},
		{s: Settings{Preset: "cobol", Alg: "nope"}, unknown: "framework", choice: "django"},
		{s: Settings{Alg: "HS128"}, unknown: "algorithm", choice: "ES256"},
		{s: Settings{Encoding: "base32"}, unknown: "encoding", choice: "base64url"},
		{s: Settings{Encoding: "pem"}, enc: keygen.PEM}, // a name, refused later by the dotenv writer
	}
	for _, tt := range tests {
		o, err := tt.s.Apply(Options{Name: "KEEP"})
		var ue *UnknownError
		if tt.unknown != "" {
			if !errors.As(err, &ue) || ue.What != tt.unknown || !slices.Contains(ue.Choices, tt.choice) {
				t.Errorf("%+v: %v, want an unknown %s offering %s", tt.s, err, tt.unknown, tt.choice)
			}
			continue
		}
		if err != nil {
			t.Errorf("%+v: %v", tt.s, err)
			continue
		}
		gotPreset := ""
		if o.Preset != nil {
			gotPreset = o.Preset.Name
		}
		if gotPreset != tt.preset || o.Alg != tt.alg || o.Encoding != tt.enc || o.Name != "KEEP" {
			t.Errorf("%+v: preset %q, alg %q, encoding %q, name %q; want %q, %q, %q, KEEP", tt.s, gotPreset, o.Alg, o.Encoding, o.Name, tt.preset, tt.alg, tt.enc)
		}
	}
	if _, err := (Settings{Encoding: "pem"}).Apply(Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteAll([]string{t.TempDir() + "/.env"}, Options{Encoding: keygen.PEM}); err == nil {
		t.Error("a PEM value was written to a dotenv file")
	}
}
