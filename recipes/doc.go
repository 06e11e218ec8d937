// Package recipes holds the rotation recipes of the README's section
// "Rotating without logging everyone out", as files, and the tests that run
// each one against the real library: a token signed with the old key,
// the real jwtkey rotate, both tokens accepted, jwtkey retire, the old
// token refused and the new one accepted.
//
// node/ holds the Node recipes (jsonwebtoken, express-jwt, Auth.js) with a
// package.json and lockfile: npm ci --prefix recipes/node installs them.
// python/ holds the PyJWT and SimpleJWT recipes, run with the Debian
// packages python3-jwt and python3-djangorestframework-simplejwt. The Go
// recipe is package keyring. Outside CI a missing runtime or package skips
// its test; under CI (CI=true) it fails it.
package recipes
