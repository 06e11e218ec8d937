package gitx

import (
	"context"
	"os"
	"os/exec"
	"strings"
)

// A repository's own configuration (.git/config, and the files it
// includes) can name programs that git then runs: scanning a hostile clone
// must not run them. Every git command here starts with these settings,
// which take precedence over every configuration file. What each one
// stops, for the commands this package runs (rev-parse, check-ignore,
// ls-files, log -p, diff --cached, cat-file --batch):
//
//	core.fsmonitor      the hook run on every index read (ls-files, diff, cat-file :path)
//	core.hooksPath      hooks such as post-index-change, when an index is written
//	diff.external       an external diff program (log -p); --no-ext-diff too
//	log.showSignature   gpg.program, gpg.ssh.program, gpg.x509.program on signed commits
//	protocol.allow      any transport, and so core.sshCommand, core.gitProxy and
//	                    ssh's ProxyCommand, when a partial clone fetches a missing blob
//	credential.helper   credential helpers (an empty value clears the list)
//	core.askPass        a password prompt program
//	gc.auto, maintenance.auto  background "git gc --auto" and its pre-auto-gc hook
//	submodule.recurse   commands descending into submodules, which have configs of their own
//
// diff.<driver>.textconv and diff.<driver>.command come from .gitattributes
// drivers: log -p runs with --no-textconv and --no-ext-diff. Filter drivers
// (filter.<driver>.clean, .smudge, .process) run only when content moves
// between the work tree and the index (add, checkout, status, diff without
// --cached), which no command here does; cat-file runs without --filters.
// The hostile-repository tests set every one of these keys and check that
// nothing ran.
var safeConfig = []string{
	"core.fsmonitor=false",
	"core.hooksPath=/dev/null",
	"diff.external=",
	"log.showSignature=false",
	"protocol.allow=never",
	"credential.helper=",
	"core.askPass=",
	"core.sshCommand=false",
	"gc.auto=0",
	"maintenance.auto=false",
	"submodule.recurse=false",
	"core.quotePath=false",
	"color.ui=false",
}

// safeArgs returns the arguments that run git in dir with safeConfig and
// without a pager, followed by args.
func safeArgs(dir string, args ...string) []string {
	a := make([]string, 0, 4+2*len(safeConfig)+len(args))
	a = append(a, "--no-pager", "-C", dir)
	for _, kv := range safeConfig {
		a = append(a, "-c", kv)
	}
	return append(a, args...)
}

// safeEnv is the environment git runs with: the user's, less the variables
// that would point it at another repository or index or name a program,
// plus those that keep it from prompting, paging or fetching.
func safeEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_EXTERNAL_DIFF", "GIT_PAGER",
			"GIT_ASKPASS", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_PROXY_COMMAND", "PAGER",
			"GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT":
			continue
		}
		if strings.HasPrefix(name, "GIT_CONFIG_KEY_") || strings.HasPrefix(name, "GIT_CONFIG_VALUE_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "GIT_PAGER=cat", "PAGER=cat", "GIT_TERMINAL_PROMPT=0", "GIT_NO_LAZY_FETCH=1",
		"GIT_OPTIONAL_LOCKS=0", "LC_ALL=C")
}

// command returns a git command in dir with safeArgs and safeEnv.
func command(ctx context.Context, bin, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, bin, safeArgs(dir, args...)...)
	cmd.Env = safeEnv()
	return cmd
}
