// Package web serves jwtkey's local key generator: one self-contained page
// that makes keys in the browser, a WebAssembly build of the strength
// package that judges a pasted secret without sending it anywhere, and a
// small JSON API for scripts.
//
// # What crosses the network
//
// Nothing secret reaches the server. The page generates keys with
// crypto.getRandomValues and SubtleCrypto; the checker runs the strength
// package compiled to WebAssembly inside the page. The JSON API makes keys on
// the server and sends them out, never in: there is no endpoint that accepts
// a secret, and no request may carry a body.
//
// # Headers
//
// Every response carries a strict Content-Security-Policy (default-src
// 'self', scripts from the same origin plus 'wasm-unsafe-eval' for the
// checker, no inline code, frame-ancestors 'none'), X-Content-Type-Options:
// nosniff and Referrer-Policy: no-referrer. Responses that hold a key are
// marked Cache-Control: no-store. Static assets are compressed ahead of time
// and sent gzip-encoded to clients that accept it.
//
// # Loopback only, by default
//
// A server bound to a loopback address answers only requests whose Host is
// a loopback name, so a web page that rebinds its own DNS name to 127.0.0.1
// cannot drive the API from the user's browser.
package web
