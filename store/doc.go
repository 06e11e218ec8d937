// Package store puts signing keys where applications read them, without
// damaging anything on the way: dotenv files, edited one line at a time
// (package dotenv); JSON Web Key Sets for rotation; and key files such as
// the ones "jwtkey generate -o" writes. It only writes: inspecting a
// project's secrets is the reader's job.
//
// # Safety
//
// Every operation checks before it writes: a file that git tracks is
// refused (the key in it is already in the history), a file that git does
// not ignore gets a pattern in .gitignore first, a value already set is
// replaced only by Rotate or with Force, a variable assigned on two lines
// is refused (dotenv.ErrDuplicate), and a read-only, non-text or oversized
// file is left alone; the size is judged by stat, before a byte is read.
// A store creates files, never directories: a missing directory, or a
// missing key set to change, is a *MissingError.
// The options are checked once, before any file is opened: names by
// dotenv.CheckName, sizes by keygen's minimums, which also judge the keys
// already in a key set.
//
// # All or nothing
//
// WriteAll, RotateAll and RetireAll change several files as one: every
// file is read and checked, then each new content goes to a synced
// temporary file, and only then are they renamed into place, .gitignore
// first. A failure at any step, a full disk included, puts back every file
// already replaced. If putting one back fails too, the error is a
// *PartialError naming the files that kept their new content.
//
// # Setting a project up
//
// Init writes a project's settings file (.jwtkey.toml, whose content the
// caller gives), a key into each dotenv file that has none, and their
// .gitignore patterns, in one all-or-nothing step. It never replaces a key
// already there.
//
// # Concurrent writers
//
// Every read-modify-write (dotenv file, key set, .gitignore) holds an
// advisory lock from before the read until after the rename, so that two
// processes cannot both read the old content and lose one update. The
// lock is on a ".NAME.lock" file beside the file (beside a symbolic link's
// target), since the rename replaces the file's inode, and the lock file is
// removed on release. A writer waits Options.LockTimeout for the lock, then
// fails with ErrLocked, having written nothing.
//
// # Modes
//
// A new file is created with mode 0600. Writing a key into an existing file
// that group or other users can read takes those bits away (0644 becomes
// 0600), and Result.Tightened says so; Options.KeepMode keeps the mode for
// the rare project that needs it.
//
// # Symbolic links
//
// A file that is a symbolic link is written through: the file it points to
// is replaced atomically and the link is kept, so a project that links .env
// to a shared location keeps working. git is asked about both ends: the
// link, in its work tree, and the file it resolves to, in the work tree
// that holds that file. Either being tracked is a *TrackedError. Each that
// its work tree does not ignore gets a pattern, except that a store never
// edits the .gitignore of another work tree than the one holding the path
// it was given: a link to an unignored file there is a *NotIgnoredError.
//
// # Rotation
//
// Rotate moves the current value to NAME_PREVIOUS (or another name), in the
// style of the current line ("export ", quoting), and writes a new key, so
// that verifiers can accept tokens signed with either during the overlap;
// Retire removes every assignment of the previous value once the longest
// token lifetime has passed. RotateJWKS and RetireJWKS do the same for a
// key set, by key ID.
//
// # Reports
//
// Each result reports itself ([DotenvReport], [InitResult.Report],
// [JWKSResult.Report]): a JSON object for programs, and for a person the
// lines of each file (git's part, what was done, the mode) as
// display.Note values, which the program prints with its own prefix, and
// what to do next ([RotateSteps], the NextSteps methods). [Settings] looks
// up the framework, algorithm and encoding names a person writes.
package store
