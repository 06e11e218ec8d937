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
// # Who is answered
//
// Every server answers only requests whose Host names it: LoopbackHosts,
// plus Options.Hosts, which AllowedHosts fills with the names given and,
// off loopback, this machine's host name and interface addresses. So a web
// page that rebinds its own DNS name to this machine cannot drive the API
// from the user's browser, wherever the server listens.
//
// Browser pages of other origins are refused (403), judged by the Fetch
// Metadata headers and Origin: the API answers scripts (which send neither)
// and this server's own page; the page itself also opens from a link.
//
// Listen opens the socket for a server and says who can reach it: the URL
// to open, the names answered, and a warning off loopback
// (Listener.Notes); Listener.Serve runs the site on it.
//
// # Bounded work
//
// RSA keys take about half a second each, so requests for them share a few
// slots (Options.RSAWorkers, half the CPUs by default) and a short queue;
// the rest get a 503 with Retry-After at once. Other keys take
// microseconds and never wait.
//
// # Static export
//
// Export writes the page as static files for any static host. The policy
// then travels in a <meta> tag (MetaContentSecurityPolicy); since a meta
// policy cannot forbid framing, the page's script refuses to run in a
// frame.
package web
