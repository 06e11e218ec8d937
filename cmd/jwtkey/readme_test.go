package main

// TestREADME runs the shell examples of ../../README.md and fails when one
// no longer works as shown. The conventions, for whoever edits the README:
//
//   - Only ```console blocks run; ```sh, ```text and unlabelled blocks are
//     prose. Each console block runs in one bash, in a new empty git
//     repository of its own (git init, no commits), with jwtkey on $PATH
//     and HOME in a scratch directory.
//   - A line "$ COMMAND" is a command; a command whose line ends in "\"
//     goes on on the next line. The lines after it, up to the next command,
//     are its output as a terminal shows it: stdout and stderr together.
//     Blank lines at the end of an output only separate commands.
//   - A command shown without output has its output unchecked. One shown
//     with output must print exactly those lines, each matched whole
//     (trailing spaces aside), where
//     "…" matches any text within a line;
//     a line that is only "…" matches any number of lines, none included;
//     "<N hex>", "<N base64>", "<N base64url>", "<N digits>" match N
//     characters of that alphabet ("<hex>" and so on: one or more).
//     Any other character, "<your-secret>" included, is itself.
//   - A command must exit 0 or 1 (1 is a finding, a result like any other),
//     or 2 when its shown output has a "jwtkey: error:" line.
//   - An HTML comment right before the block (blank lines between allowed)
//     says what the reader is assumed to have done already:
//     <!-- readme-test: SHELL --> runs SHELL first in the same bash (an
//     "export" there holds for the block), its output unseen; it must
//     succeed. <!-- readme-test: skip REASON --> skips the block.
//
// A command that is not installed (exit 127: jq, curl…) skips the block,
// and fails it when CI is set.

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

const readmePath = "../../README.md"

// consoleBlock is one ```console block of the README.
type consoleBlock struct {
	line     int      // of the opening fence
	setup    []string // shell from readme-test comments
	skip     string
	commands []shownCommand
}

type shownCommand struct {
	line   int
	text   string
	output []string // as shown; nil when none is shown
}

var directive = regexp.MustCompile(`^<!--\s*readme-test:\s*(.*?)\s*-->$`)

// consoleBlocks reads the console blocks of a Markdown file.
func consoleBlocks(text string) ([]consoleBlock, error) {
	var (
		blocks  []consoleBlock
		pending consoleBlock // directives seen since the last block or prose
		cur     *consoleBlock
		fence   string
	)
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case fence != "":
			if trimmed == fence {
				if cur != nil {
					blocks = append(blocks, *cur)
					cur = nil
				}
				fence = ""
				pending = consoleBlock{}
				continue
			}
			if cur == nil {
				continue
			}
			last := len(cur.commands) - 1
			if cmd, ok := strings.CutPrefix(line, "$ "); ok {
				if last >= 0 && strings.HasSuffix(cur.commands[last].text, `\`) && cur.commands[last].output == nil {
					return nil, fmt.Errorf("line %d: a continued command goes on without a new \"$ \"", n)
				}
				cur.commands = append(cur.commands, shownCommand{line: n, text: cmd})
				continue
			}
			if last < 0 {
				return nil, fmt.Errorf("line %d: a console block must start with \"$ COMMAND\"", n)
			}
			c := &cur.commands[last]
			if c.output == nil && strings.HasSuffix(c.text, `\`) {
				c.text += "\n" + strings.TrimPrefix(line, "> ")
				continue
			}
			c.output = append(c.output, line)
		case strings.HasPrefix(trimmed, "```"):
			fence = "```"
			if strings.TrimPrefix(trimmed, "```") == "console" {
				b := pending
				b.line = n
				cur = &b
			}
		default:
			if m := directive.FindStringSubmatch(trimmed); m != nil {
				if reason, ok := strings.CutPrefix(m[1], "skip"); ok {
					pending.skip = strings.TrimSpace(reason)
					if pending.skip == "" {
						return nil, fmt.Errorf("line %d: readme-test: skip needs a reason", n)
					}
				} else {
					pending.setup = append(pending.setup, m[1])
				}
			} else if trimmed != "" {
				pending = consoleBlock{}
			}
		}
	}
	if fence != "" {
		return nil, fmt.Errorf("unclosed code block at the end")
	}
	for i := range blocks {
		for j := range blocks[i].commands {
			c := &blocks[i].commands[j]
			for len(c.output) > 0 && strings.TrimSpace(c.output[len(c.output)-1]) == "" {
				c.output = c.output[:len(c.output)-1]
			}
		}
	}
	return blocks, sc.Err()
}

var placeholder = regexp.MustCompile(`<(?:(\d+) )?(hex|base64url|base64|digits)>`)

var alphabets = map[string]string{
	"hex":       `[0-9a-f]`,
	"base64":    `[A-Za-z0-9+/=]`,
	"base64url": `[A-Za-z0-9_-]`,
	"digits":    `[0-9]`,
}

// outputPattern turns shown output lines into one anchored regexp.
func outputPattern(shown []string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`^`)
	for _, line := range shown {
		line = strings.TrimRight(line, " ")
		if line == "…" {
			b.WriteString(`(?:[^\n]*\n)*?`)
			continue
		}
		last := 0
		for _, m := range placeholder.FindAllStringSubmatchIndex(line, -1) {
			b.WriteString(literalPattern(line[last:m[0]]))
			class := alphabets[line[m[4]:m[5]]]
			if m[2] >= 0 {
				b.WriteString(class + "{" + line[m[2]:m[3]] + "}")
			} else {
				b.WriteString(class + "+")
			}
			last = m[1]
		}
		b.WriteString(literalPattern(line[last:]))
		b.WriteString(`\n`)
	}
	b.WriteString(`$`)
	return regexp.MustCompile(b.String())
}

func literalPattern(s string) string {
	parts := strings.Split(s, "…")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return strings.Join(parts, `[^\n]*`)
}

// normalizeOutput drops trailing spaces and blank lines, as shown output
// does.
func normalizeOutput(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \r")
	}
	s = strings.TrimRight(strings.Join(lines, "\n"), "\n")
	if s == "" {
		return ""
	}
	return s + "\n"
}

// mark separates the commands' outputs in the block's one bash; a digit
// string (the exit status) and a newline follow it.
const mark = "\x1ereadme-test:"

// blockScript is the bash script that runs a block.
func blockScript(b consoleBlock) string {
	var s strings.Builder
	s.WriteString("exec 2>&1 </dev/null\nset -o pipefail\n")
	for _, setup := range b.setup {
		fmt.Fprintf(&s, "{ %s\n} >/dev/null || { printf '%ssetup %%d\\n' $?; exit; }\n", setup, mark)
	}
	fmt.Fprintf(&s, "printf '%s0\\n'\n", mark)
	for _, c := range b.commands {
		fmt.Fprintf(&s, "%s\nprintf '%s%%d\\n' $?\n", c.text, mark)
	}
	return s.String()
}

func TestREADME(t *testing.T) {
	text, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	blocks, err := consoleBlocks(string(text))
	if err != nil {
		t.Fatalf("README.md: %v", err)
	}
	if len(blocks) == 0 {
		t.Fatal("README.md has no console blocks")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	for _, b := range blocks {
		t.Run("line"+strconv.Itoa(b.line), func(t *testing.T) {
			if b.skip != "" {
				t.Skipf("README.md:%d: %s", b.line, b.skip)
			}
			t.Parallel()
			runBlock(t, bash, b)
		})
	}
}

func runBlock(t *testing.T, bash string, b consoleBlock) {
	dir, home := t.TempDir(), t.TempDir()
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"LANG=C.UTF-8",
		"TERM=dumb",
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=README", "GIT_AUTHOR_EMAIL=readme@example.com",
		"GIT_COMMITTER_NAME=README", "GIT_COMMITTER_EMAIL=readme@example.com",
	}
	git := exec.Command("git", "init", "-q", "-b", "main", dir)
	git.Env = env
	if out, err := git.CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bash, "--noprofile", "--norc", "-c", blockScript(b))
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("README.md:%d: bash: %v\n%s", b.line, err, out)
	}
	parts := strings.Split(string(out), mark)
	if len(parts) > 1 && strings.HasPrefix(parts[1], "setup ") {
		t.Fatalf("README.md:%d: the readme-test setup failed (status %s)\n%s", b.line, strings.TrimSpace(parts[1][len("setup "):]), parts[0])
	}
	if len(parts) != len(b.commands)+2 {
		t.Fatalf("README.md:%d: the block stopped early:\n%s", b.line, out)
	}
	// parts[i+1] is a status line (the setup's, then command i-1's),
	// then the output of command i.
	for i, c := range b.commands {
		_, output, _ := strings.Cut(parts[i+1], "\n")
		status, _, _ := strings.Cut(parts[i+2], "\n")
		code, err := strconv.Atoi(status)
		if err != nil {
			t.Fatalf("README.md:%d: bad status %q", c.line, status)
		}
		checkCommand(t, c, code, normalizeOutput(output))
	}
}

func checkCommand(t *testing.T, c shownCommand, code int, output string) {
	t.Helper()
	where := fmt.Sprintf("README.md:%d: $ %s", c.line, c.text)
	if code == 127 {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s\na command is missing (CI must install it):\n%s", where, output)
		}
		t.Skipf("%s\na command is missing, so the block is skipped:\n%s", where, output)
	}
	showsError := false
	for _, l := range c.output {
		showsError = showsError || strings.Contains(l, "jwtkey: error:")
	}
	if code > 1 && !(code == 2 && showsError) {
		t.Errorf("%s\nexited %d:\n%s", where, code, output)
		return
	}
	if c.output == nil {
		return
	}
	if !outputPattern(c.output).MatchString(output) {
		t.Errorf("%s\nprinted:\n%s\nthe README shows:\n%s", where, output, strings.Join(c.output, "\n"))
	}
}

// TestREADMEConventions checks the matcher on the conventions above.
func TestREADMEConventions(t *testing.T) {
	tests := []struct {
		name   string
		shown  []string
		output string
		want   bool
	}{
		{"literal", []string{"stdin: strong: about 256 bits"}, "stdin: strong: about 256 bits\n", true},
		{"literal differs", []string{"stdin: strong"}, "stdin: weak\n", false},
		{"regexp characters are literal", []string{"a.c (x)+"}, "abc (x)+\n", false},
		{"hex", []string{"<64 hex>"}, strings.Repeat("0f", 32) + "\n", true},
		{"hex too short", []string{"<64 hex>"}, strings.Repeat("0f", 31) + "\n", false},
		{"hex is lowercase", []string{"<4 hex>"}, "ABCD\n", false},
		{"base64url", []string{"k=<base64url>."}, "k=ab-_Z9.\n", true},
		{"unknown placeholder is literal", []string{"<your-secret>"}, "<your-secret>\n", true},
		{"ellipsis in a line", []string{"tried: … in …ms"}, "tried: 513 candidates in 25ms\n", true},
		{"ellipsis stays in its line", []string{"a…b"}, "a\nb\n", false},
		{"ellipsis line: several lines", []string{"first", "…", "last"}, "first\nx\ny\nlast\n", true},
		{"ellipsis line: none", []string{"first", "…", "last"}, "first\nlast\n", true},
		{"missing line", []string{"first", "last"}, "first\n", false},
		{"extra line", []string{"first"}, "first\nsecond\n", false},
		{"trailing spaces", []string{"a  "}, "a\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := outputPattern(tt.shown).MatchString(normalizeOutput(tt.output)); got != tt.want {
				t.Errorf("%q against %q: %v, want %v", tt.shown, tt.output, got, tt.want)
			}
		})
	}
}

func TestConsoleBlocks(t *testing.T) {
	md := "Intro.\n\n<!-- readme-test: export X=1 -->\n\n```console\n$ echo a \\\n> b\na b\n\n$ true\n```\n\n" +
		"<!-- readme-test: skip needs a server -->\nProse resets directives.\n```console\n$ x\n```\n" +
		"```sh\n$ not run\n```\n"
	blocks, err := consoleBlocks(md)
	if err != nil {
		t.Fatal(err)
	}
	if len(blocks) != 2 {
		t.Fatalf("%d blocks, want 2: %+v", len(blocks), blocks)
	}
	b := blocks[0]
	if b.line != 5 || len(b.setup) != 1 || b.setup[0] != "export X=1" || len(b.commands) != 2 {
		t.Fatalf("first block: %+v", b)
	}
	if c := b.commands[0]; c.text != "echo a \\\nb" || len(c.output) != 1 || c.output[0] != "a b" {
		t.Errorf("continued command: %+v", c)
	}
	if c := b.commands[1]; c.output != nil {
		t.Errorf("command without output: %+v", c)
	}
	if blocks[1].skip != "" || len(blocks[1].setup) != 0 {
		t.Errorf("prose between a directive and a block must drop the directive: %+v", blocks[1])
	}
	if _, err := consoleBlocks("```console\nno command\n```\n"); err == nil {
		t.Error("a block without a command: no error")
	}
}
