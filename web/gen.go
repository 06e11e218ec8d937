package web

// Rebuild the checker's WebAssembly and copy the Go release's wasm_exec.js
// next to it. Run after any change to the strength package; TestWasmUpToDate
// fails until you do.
//
//go:generate go run ./internal/genwasm
