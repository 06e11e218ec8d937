package main

// What check prints: each secret's verdict, findings and fix, and the
// secrets shared between places, as text or as one JSON object.

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/strength"
)

// sharedUse is one secret found in more than one place.
type sharedUse struct {
	Sources []string `json:"sources"`
	Message string   `json:"message"`
}

func sharedSecrets(items []checked) []sharedUse {
	uses := make([]dotenv.Use, len(items))
	for i, it := range items {
		uses[i] = dotenv.Use{Place: it.source, File: it.file, Name: it.name, Value: string(it.secret)}
	}
	var out []sharedUse
	for _, g := range dotenv.Shared(uses) {
		srcs := make([]string, len(g))
		for i, u := range g {
			srcs[i] = u.Place
		}
		out = append(out, sharedUse{Sources: srcs,
			Message: fmt.Sprintf("the same secret is used in %s: give each environment its own key, so one leak does not open the others", joinSources(srcs))})
	}
	return out
}

func joinSources(s []string) string {
	if len(s) == 2 {
		return s[0] + " and " + s[1]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

func (a *app) printCheck(items []checked, shared []sharedUse) {
	w := a.stdout
	for _, it := range items {
		r := it.result
		fmt.Fprintf(w, "%s: %s\n", it.source, r.Summary())
		for _, f := range r.Findings {
			fmt.Fprintf(w, "  - %s: %s\n", f.Kind, f.Message)
		}
		if r.Fix != "" {
			fmt.Fprintf(w, "  fix: %s\n", r.Fix)
		}
	}
	for _, s := range shared {
		fmt.Fprintf(w, "shared: %s\n", s.Message)
	}
}

func (a *app) printCheckJSON(items []checked, shared []sharedUse) error {
	worst := strength.Strong
	var secrets []json.RawMessage
	for _, it := range items {
		worst = max(worst, it.result.Verdict)
		b, err := json.Marshal(it.result)
		if err != nil {
			return err
		}
		src, _ := json.Marshal(it.source)
		secrets = append(secrets, append(append([]byte(`{"source":`), src...), append([]byte(","), b[1:]...)...))
	}
	if len(shared) > 0 && worst == strength.Strong {
		worst = strength.Weak
	}
	if shared == nil {
		shared = []sharedUse{}
	}
	out, err := json.MarshalIndent(struct {
		Verdict strength.Verdict  `json:"verdict"`
		Secrets []json.RawMessage `json:"secrets"`
		Shared  []sharedUse       `json:"shared"`
	}{worst, secrets, shared}, "", "  ")
	if err != nil {
		return err
	}
	if _, err := a.stdout.Write(append(out, '\n')); err != nil {
		return &cliError{code: exitError, err: fmt.Errorf("writing the verdict: %w", err)}
	}
	return nil
}
