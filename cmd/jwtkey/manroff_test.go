package main

// The manual pages in docs/man are made from the same cobra help text that
// "jwtkey help VERB" prints. A verb's long help is paragraphs; a paragraph
// that opens with a line "Heading:" and goes on indented is a subsection,
// and the headings man readers look for (Exit status, Security
// considerations, Standards, Environment, Files) become sections of their
// own, also when written inline ("Exit status: 0 …; 2 …"). Indented lines
// "TERM  description" become tagged paragraphs, "1. …" and "- …" list
// items, and rows of more than two columns stay as they are.
//
// TestManPages (man_test.go) fails when docs/man is stale; go generate
// rewrites it.

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// manSections are the headings that become sections, in the order man
// pages put them after OPTIONS.
var manSections = []string{"Exit status", "Environment", "Files", "Standards", "Security considerations"}

var (
	headingLine = regexp.MustCompile(`^([A-Z][^:]{0,80}):$`)
	inlineHead  = regexp.MustCompile(`^(` + strings.Join(manSections, "|") + `):\s+(.*)$`)
	listItem    = regexp.MustCompile(`^(\d+\.|-)\s+(.*)$`)
	defItem     = regexp.MustCompile(`^(\S(?:.*?\S)?)\s{2,}(\S.*)$`)
	tableRow    = regexp.MustCompile(`\S\s{2,}\S.*\S\s{2,}\S`)
	exitItem    = regexp.MustCompile(`^(\d+)\s+(.*)$`)
)

// manPages renders root and every available command under it, keyed by
// file name.
func manPages(root *cobra.Command) map[string][]byte {
	pages := map[string][]byte{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c != root && (!c.IsAvailableCommand() || c.IsAdditionalHelpTopicCommand()) {
			return
		}
		pages[manName(c)+".1"] = manPage(c)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	return pages
}

func manName(c *cobra.Command) string { return strings.ReplaceAll(c.CommandPath(), " ", "-") }

func manPage(c *cobra.Command) []byte {
	var w bytes.Buffer
	name := manName(c)
	fmt.Fprintf(&w, ".TH %q 1 \"\" \"jwtkey\" \"jwtkey manual\"\n", strings.ToUpper(name))
	w.WriteString(".nh\n.ad l\n")
	fmt.Fprintf(&w, ".SH NAME\n%s \\- %s\n", roffEscape(name), roffEscape(c.Short))

	w.WriteString(".SH SYNOPSIS\n")
	path := c.CommandPath()
	use := strings.TrimSpace(strings.TrimPrefix(c.UseLine(), path))
	fmt.Fprintf(&w, ".B %s\n%s\n", roffEscape(path), roffEscape(use))
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(&w, ".br\n.B %s\n\\fICOMMAND\\fP [flags]\n", roffEscape(path))
	}

	long := c.Long
	if long == "" {
		long = c.Short
	}
	desc, sections := manSplit(long)
	w.WriteString(".SH DESCRIPTION\n")
	w.Write(desc)

	if c.HasAvailableSubCommands() {
		w.WriteString(".SH COMMANDS\n")
		width := 0
		for _, sub := range c.Commands() {
			width = max(width, len(sub.Name())+2)
		}
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() && !sub.IsAdditionalHelpTopicCommand() {
				fmt.Fprintf(&w, ".TP %d\n\\fB%s\\fP\n%s; see \\fB%s\\fP(1).\n", width, roffEscape(sub.Name()), roffEscape(sub.Short), roffEscape(manName(sub)))
			}
		}
	}
	manFlags(&w, "OPTIONS", c.NonInheritedFlags())
	manFlags(&w, "GLOBAL OPTIONS", c.InheritedFlags())
	for _, s := range manSections {
		if body, ok := sections[s]; ok {
			fmt.Fprintf(&w, ".SH %s\n", strings.ToUpper(s))
			w.Write(body)
		}
	}
	if c.Example != "" {
		w.WriteString(".SH EXAMPLES\n")
		manPre(&w, strings.Split(strings.Trim(c.Example, "\n"), "\n"))
	}

	var see []string
	if c.HasParent() {
		see = append(see, manName(c.Parent()))
	}
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() && !sub.IsAdditionalHelpTopicCommand() {
			see = append(see, manName(sub))
		}
	}
	if len(see) > 0 {
		w.WriteString(".SH SEE ALSO\n")
		for i, s := range see {
			sep := ","
			if i == len(see)-1 {
				sep = ""
			}
			fmt.Fprintf(&w, ".BR %s (1)%s\n", roffEscape(s), sep)
		}
	}
	return w.Bytes()
}

// manSplit turns a long help text into the DESCRIPTION body and the bodies
// of the sections named in manSections.
func manSplit(long string) (desc []byte, sections map[string][]byte) {
	var d bytes.Buffer
	sections = map[string][]byte{}
	for _, para := range paragraphs(long) {
		first := para[0]
		if m := headingLine.FindStringSubmatch(first); m != nil && len(para) > 1 && indentOf(para[1]) > 0 {
			// The heading's body is the indented run after it; lines
			// back at the margin are a paragraph of their own.
			n := deeper(para, 1, 0)
			body := manBody(para[1:n], false)
			if n < len(para) {
				body = append(body, manBody(para[n:], false)...)
			}
			if s := manSection(m[1]); s != "" {
				sections[s] = append(sections[s], body...)
				continue
			}
			fmt.Fprintf(&d, ".SS %s\n", roffEscape(m[1]))
			d.Write(body)
			continue
		}
		if m := inlineHead.FindStringSubmatch(first); m != nil {
			s := manSection(m[1])
			sections[s] = append(sections[s], manBody(append([]string{m[2]}, para[1:]...), s == "Exit status")...)
			continue
		}
		if strings.HasPrefix(first, "#") && len(para) == 1 {
			fmt.Fprintf(&d, ".SS %s\n", roffEscape(strings.TrimRight(strings.TrimLeft(first, "# "), ":")))
			continue
		}
		d.Write(manBody(para, false))
	}
	return d.Bytes(), sections
}

func manSection(heading string) string {
	for _, s := range manSections {
		if strings.EqualFold(s, heading) {
			return s
		}
	}
	return ""
}

// paragraphs splits text at blank lines, with tabs expanded.
func paragraphs(text string) [][]string {
	var out [][]string
	var cur []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(strings.ReplaceAll(line, "\t", "        "), " ")
		if line == "" {
			if cur != nil {
				out = append(out, cur)
			}
			cur = nil
			continue
		}
		cur = append(cur, line)
	}
	if cur != nil {
		out = append(out, cur)
	}
	return out
}

func indentOf(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

// manBody renders lines of one paragraph: prose at the outer indentation,
// and the structures of the indented lines. exits asks for "0 …; 2 …"
// prose to be split into one tagged paragraph per exit status.
func manBody(lines []string, exits bool) []byte {
	var w bytes.Buffer
	base := indentOf(lines[0])
	for _, l := range lines {
		base = min(base, indentOf(l))
	}
	if exits && !slices.ContainsFunc(lines, func(l string) bool { return indentOf(l) > base }) {
		if parts, ok := exitParts(strings.Join(trimAll(lines), " ")); ok {
			for _, p := range parts {
				fmt.Fprintf(&w, ".TP\n.B %s\n%s\n", p[0], roffEscape(p[1]))
			}
			return w.Bytes()
		}
	}
	if slices.ContainsFunc(lines, func(l string) bool { return indentOf(l) == base && tableRow.MatchString(l) }) {
		manPre(&w, lines)
		return w.Bytes()
	}
	// Tags are as wide as the widest term, as in the help's own columns.
	width := 0
	for _, l := range lines {
		if m := defItem.FindStringSubmatch(l[base:]); m != nil && indentOf(l) == base {
			width = max(width, len([]rune(m[1]))+2)
		}
	}
	width = min(width, 20)
	for i := 0; i < len(lines); {
		// An item runs from a line at the base indent over the deeper
		// lines after it.
		head := strings.TrimSpace(lines[i])
		j := deeper(lines, i+1, base)
		rest := lines[i+1 : j]
		if m := listItem.FindStringSubmatch(head); m != nil {
			marker := m[1]
			if marker == "-" {
				marker = `\(bu`
			}
			fmt.Fprintf(&w, ".IP %s 4\n%s\n", marker, roffText(append([]string{m[2]}, rest...)))
			i = j
			continue
		}
		if m := defItem.FindStringSubmatch(head); m != nil {
			fmt.Fprintf(&w, ".TP %d\n.B %s\n%s\n", width, roffEscape(m[1]), roffText(append([]string{m[2]}, rest...)))
			i = j
			continue
		}
		// Prose goes on over the following lines at the base indent that
		// start no item; deeper lines after its last line nest under it.
		prose := []string{head}
		for len(rest) == 0 && j < len(lines) && isProse(lines[j]) && !introduces(lines, j, base) {
			prose = append(prose, lines[j])
			k := deeper(lines, j+1, base)
			rest = lines[j+1 : k]
			j = k
		}
		fmt.Fprintf(&w, ".PP\n%s\n", roffText(prose))
		if len(rest) > 0 {
			w.WriteString(".RS\n")
			w.Write(manBody(rest, false))
			w.WriteString(".RE\n")
		}
		i = j
	}
	return w.Bytes()
}

// deeper returns the index of the first line from i on that is not
// indented deeper than base.
func deeper(lines []string, i, base int) int {
	for i < len(lines) && indentOf(lines[i]) > base {
		i++
	}
	return i
}

// introduces reports whether line i ends in a colon and has indented lines
// under it: the start of a paragraph of its own.
func introduces(lines []string, i, base int) bool {
	return strings.HasSuffix(lines[i], ":") && deeper(lines, i+1, base) > i+1
}

func isProse(line string) bool {
	s := strings.TrimSpace(line)
	return !listItem.MatchString(s) && !defItem.MatchString(s)
}

// exitParts splits "0 done; 2 an error." into its statuses, or reports
// that the text is not such a list.
func exitParts(s string) ([][2]string, bool) {
	var parts [][2]string
	for _, p := range strings.Split(s, "; ") {
		m := exitItem.FindStringSubmatch(p)
		if m == nil {
			return nil, false
		}
		parts = append(parts, [2]string{m[1], m[2]})
	}
	return parts, len(parts) > 1
}

// manPre writes lines as they are, without filling, less their common
// indentation.
func manPre(w *bytes.Buffer, lines []string) {
	base := indentOf(lines[0])
	for _, l := range lines {
		base = min(base, indentOf(l))
	}
	w.WriteString(".PP\n.RS 4\n.nf\n")
	for _, l := range lines {
		fmt.Fprintf(w, "%s\n", roffLine(l[base:]))
	}
	w.WriteString(".fi\n.RE\n")
}

func manFlags(w *bytes.Buffer, title string, fs *pflag.FlagSet) {
	var items []string
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		tag := `\fB\-\-` + roffEscape(f.Name) + `\fP`
		if f.Shorthand != "" {
			tag = `\fB\-` + roffEscape(f.Shorthand) + `\fP, ` + tag
		}
		varname, usage := pflag.UnquoteUsage(f)
		if varname != "" {
			tag += ` \fI` + roffEscape(varname) + `\fP`
		}
		if !flagDefaultIsZero(f) {
			if f.Value.Type() == "string" {
				usage += fmt.Sprintf(" (default %q)", f.DefValue)
			} else {
				usage += fmt.Sprintf(" (default %s)", f.DefValue)
			}
		}
		items = append(items, fmt.Sprintf(".TP\n%s\n%s\n", tag, roffEscape(usage)))
	})
	if len(items) > 0 {
		fmt.Fprintf(w, ".SH %s\n%s", title, strings.Join(items, ""))
	}
}

// flagDefaultIsZero says whether help omits the flag's default, as pflag's
// own (unexported) test does for the types jwtkey uses.
func flagDefaultIsZero(f *pflag.Flag) bool {
	switch f.DefValue {
	case "", "0", "false", "[]", "0s", "<nil>":
		return true
	}
	return false
}

func trimAll(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = strings.TrimSpace(l)
	}
	return out
}

// roffText writes lines for filling: each on its own input line.
func roffText(lines []string) string {
	var out []string
	for _, l := range trimAll(lines) {
		out = append(out, roffLine(l))
	}
	return strings.Join(out, "\n")
}

// roffLine escapes one input line, guarding a leading control character.
func roffLine(s string) string {
	s = roffEscape(s)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

// roffEscape makes text literal in roff: backslashes print, every hyphen
// is a minus sign so that flags copy and paste, and characters outside
// ASCII are named, so the page needs no input encoding.
func roffEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\e`)
		case r == '-':
			b.WriteString(`\-`)
		case r > 0x7e:
			fmt.Fprintf(&b, `\[u%04X]`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
