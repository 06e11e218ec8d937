// Command jwtkey gives every application a JWT signing key that cannot be
// guessed: it generates keys, checks secrets, stores them in .env files,
// audits tokens, scans repositories and serves a local generator page.
//
// Run "jwtkey help" for the verbs and "jwtkey help VERB" for each one.
package main

import "os"

func main() {
	os.Exit(run(newApp(), os.Args[1:]))
}

// run executes one jwtkey command line and returns its exit status.
func run(a *app, args []string) int {
	root := a.rootCmd()
	root.SetArgs(args)
	return a.report(root.Execute())
}
