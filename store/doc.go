// Package store puts signing keys where applications read them, without
// damaging anything on the way: dotenv files, edited one line at a time
// (package dotenv) and written atomically with mode 0600; JSON Web Key Sets
// for rotation; and git's view of the project, asked of the git binary.
//
// # Safety
//
// Every operation checks before it writes: a file that git tracks is
// refused (the key in it is already in the history), a file that git does
// not ignore gets a pattern in .gitignore first, a value already set is
// replaced only by Rotate or with Force, and a read-only or non-text file
// is left alone. A refusal leaves every file as it was.
//
// # Symbolic links
//
// A dotenv file that is a symbolic link is written through: the file it
// points to is replaced atomically and the link is kept, so a project that
// links .env to a shared location keeps working. git is asked about the
// link's path, which is what a commit would pick up.
//
// # Rotation
//
// Rotate moves the current value to NAME_PREVIOUS (or another name) and
// writes a new key, so that verifiers can accept tokens signed with either
// during the overlap; Retire removes the previous value once the longest
// token lifetime has passed. RotateJWKS and RetireJWKS do the same for a key
// set, by key ID.
package store
