//go:build js && wasm

// Command checkwasm is the strength package compiled to WebAssembly for the
// page that "jwtkey serve" shows, so a pasted secret is judged by the same
// rules as "jwtkey check" without leaving the browser.
//
// It defines one global function, jwtkeyCheck(secret string), which returns
// {verdict, bits, goodFor, length, summary, findings: [{kind, start, end,
// message}], fix} or
// {error}. Start and end are byte offsets into the UTF-8 form of the secret.
// When the function is ready it calls globalThis.jwtkeyReady, if set.
//
// Build it with "go generate ./web", never by hand.
package main

import (
	"syscall/js"

	"github.com/jwtkey/jwtkey/strength"
)

func main() {
	js.Global().Set("jwtkeyCheck", js.FuncOf(check))
	if ready := js.Global().Get("jwtkeyReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {} // keep the function alive for the page's lifetime
}

func check(_ js.Value, args []js.Value) any {
	if len(args) != 1 || args[0].Type() != js.TypeString {
		return map[string]any{"error": "jwtkeyCheck takes one string"}
	}
	res, err := strength.Check([]byte(args[0].String()))
	if err != nil {
		return map[string]any{"error": err.Error()}
	}
	findings := make([]any, 0, len(res.Findings))
	for _, f := range res.Findings {
		findings = append(findings, map[string]any{
			"kind":    f.Kind,
			"start":   f.Start,
			"end":     f.End,
			"message": f.Message,
		})
	}
	goodFor := make([]any, 0, len(res.GoodFor))
	for _, a := range res.GoodFor {
		goodFor = append(goodFor, a)
	}
	return map[string]any{
		"verdict":  res.Verdict.String(),
		"bits":     res.Bits,
		"goodFor":  goodFor,
		"findings": findings,
		"fix":      res.Fix,
		"summary":  res.Summary(),
		"length":   res.Length,
	}
}
