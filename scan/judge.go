package scan

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/jwtkey/jwtkey/dotenv"
	"github.com/jwtkey/jwtkey/internal/display"
	"github.com/jwtkey/jwtkey/internal/gitx"
	"github.com/jwtkey/jwtkey/internal/secretname"
	"github.com/jwtkey/jwtkey/strength"
)

// Stage 4: how a value is judged. Each match becomes a Finding with its
// position, the strength of its secret and its fix, unless a comment
// accepts it; findings for the same secret in two environments are added
// at the end, and so are the values followed across files.

// pipeline carries one scan's options and what its stages collect.
type pipeline struct {
	dir   string
	opts  Options
	names *secretname.Classifier
	ex    *excluder

	mu  sync.Mutex
	res Result

	judgeMu sync.Mutex
	judged  map[string]strength.Result

	// The cross-file stage: definitions other files may use, by name, and
	// the names JWT calls use that their own files do not define.
	exports map[string][]exported
	refs    []xref
}

// exported is a definition other files may use, located and not yet
// judged: it is judged only if a use is found.
type exported struct {
	containers []string
	finding    Finding
	value      string
}

func newPipeline(dir string, opts Options) (*pipeline, error) {
	prefix, outside := excludePrefix(opts.ExcludeDir, dir)
	ex, err := compileExclude(opts.Exclude, prefix, outside)
	if err != nil {
		return nil, err
	}
	return &pipeline{dir: dir, opts: opts, names: secretname.New(opts.SecretNames...), ex: ex,
		judged: map[string]strength.Result{}, exports: map[string][]exported{}}, nil
}

func (p *pipeline) note(path, reason string) {
	p.mu.Lock()
	p.res.Skipped++
	p.mu.Unlock()
	if p.opts.Note != nil {
		p.opts.Note(path, reason)
	}
}

// file takes one unit through stages 2 to 4.
func (p *pipeline) file(u unit) {
	if u.hunk != nil {
		p.hunk(u.hunk)
		return
	}
	data, link, skip := u.read(p.opts.MaxSize)
	if skip != "" {
		p.note(u.path, skip)
		return
	}
	t := newText(u.path, string(data))
	t.names = p.names
	if allowFile(t.s) {
		p.note(u.path, AllowFileComment)
		return
	}
	x := t.extract(p.opts.Mode == WorkTree)
	var found []Finding
	for _, m := range x.matches {
		if f, ok := p.judge(t, m); ok {
			found = append(found, f)
		}
	}
	if u.git && t.lang == langDotenv && !t.template {
		found = append(found, p.dotenvGit(t, u, link)...)
	}
	var ex []exported
	for _, d := range x.exports {
		f, ok := p.locate(t, match{key: d.name, value: d.lit.value, start: d.lit.start, end: d.lit.end})
		if !ok {
			continue
		}
		cs := []string{t.stem()}
		if d.container != "" {
			cs = append(cs, d.container)
		}
		ex = append(ex, exported{containers: cs, finding: f, value: d.lit.value})
	}
	p.mu.Lock()
	p.res.Files++
	p.res.Bytes += int64(len(data))
	p.res.Findings = append(p.res.Findings, found...)
	for _, e := range ex {
		p.exports[e.finding.Key] = append(p.exports[e.finding.Key], e)
	}
	p.refs = append(p.refs, x.refs...)
	p.mu.Unlock()
}

// dotenvGit reports a dotenv file with values that git would commit. A
// link is judged by the inspector's rules: the link and its target, each
// in its own work tree.
func (p *pipeline) dotenvGit(t *text, u unit, link string) []Finding {
	line, ok := firstValue(t)
	if !ok {
		return nil
	}
	kinds := map[Kind]string{}
	if link != "" {
		probs, _ := gitProblems(u.abs)
		for _, pr := range probs {
			kinds[pr.Kind] = pr.Message
		}
	} else if u.tracked {
		kinds[KindTracked] = ""
	} else {
		kinds[KindNotIgnored] = ""
	}
	var out []Finding
	for k, msg := range kinds {
		id := RuleNotIgnored
		if k == KindTracked {
			id = RuleCommitted
		}
		r := ruleByID(id)
		if msg == "" {
			msg = r.Description
		}
		out = append(out, Finding{RuleID: id, Description: r.Description, File: u.path, Line: line, Column: 1,
			Message: msg, Fix: r.Fix, context: "file"})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].RuleID < out[j].RuleID })
	return out
}

// hunk matches the lines of a hunk and keeps what its commit added.
func (p *pipeline) hunk(h *gitx.Hunk) {
	var b strings.Builder
	for _, l := range h.Lines {
		b.WriteString(l.Text)
		b.WriteByte('\n')
	}
	t := newText(h.Path, b.String())
	t.names = p.names
	if strings.IndexByte(t.s[:min(len(t.s), binarySniff)], 0) >= 0 {
		return
	}
	var found []Finding
	for _, m := range t.matches() {
		f, ok := p.judge(t, m)
		idx := f.Line - 1
		if !ok || idx >= len(h.Lines) || !h.Lines[idx].Added {
			continue
		}
		f.Line = h.Lines[idx].N
		f.Commit = h.Commit
		found = append(found, f)
	}
	if t.lang == langDotenv && !t.template {
		if line, ok := firstValue(t); ok && line-1 < len(h.Lines) && h.Lines[line-1].Added {
			r := ruleByID(RuleCommitted)
			found = append(found, Finding{RuleID: RuleCommitted, Description: r.Description, File: h.Path,
				Line: h.Lines[line-1].N, Column: 1, Commit: h.Commit, Message: r.Description, Fix: r.Fix, context: "file"})
		}
	}
	p.mu.Lock()
	p.res.Files++
	p.res.Bytes += int64(len(t.s))
	p.res.Findings = append(p.res.Findings, found...)
	p.mu.Unlock()
}

// locate places a match in its file: line, columns, the line with the
// secret masked. It reports false when a comment accepts the finding.
func (p *pipeline) locate(t *text, m match) (Finding, bool) {
	lines := t.lineIdx()
	src := t.s
	line, col := lines.position(src, m.start)
	_, endCol := lines.position(src, m.end)
	ls, le := lines.bounds(src, line)
	text := src[ls:le]
	if strings.Contains(text, AllowComment) {
		return Finding{}, false
	}
	if line > 1 {
		ps, pe := lines.bounds(src, line-1)
		if strings.Contains(src[ps:pe], AllowComment) {
			return Finding{}, false
		}
	}
	f := Finding{File: t.path, Line: line, Column: col, EndColumn: endCol, Key: m.key, Secret: m.value,
		context: maskLine(text, m.start-ls, min(m.end, le)-ls)}
	if m.rule != nil {
		f.RuleID, f.Description = m.rule.ID, m.rule.Description
	}
	return f, true
}

// judge turns a match into a finding: position, verdict, fix.
func (p *pipeline) judge(t *text, m match) (Finding, bool) {
	f, ok := p.locate(t, m)
	if !ok {
		return f, false
	}
	p.rateFinding(&f, m.rule, m.via)
	return f, true
}

// rateFinding judges a located finding's secret and words it.
func (p *pipeline) rateFinding(f *Finding, r *Rule, via string) {
	fix := r.Fix
	switch r.kind {
	case kindKey, kindReading:
		// A private key is exposed whatever its strength; a reading note
		// rides beside the value's own finding.
	default:
		if res, err := p.rate(f.Secret); err == nil {
			f.Verdict = res.Verdict.String()
			f.Bits = res.Bits
			if res.Verdict != strength.Strong {
				g := res.Fix
				if g == "" {
					g = "replace it with a random key: jwtkey --alg HS256"
				}
				fix = g + "; " + fix
			}
		}
	}
	f.Fix = fix
	f.Message = message(r, f.Key, f.Verdict)
	if via != "" {
		f.Message += " (" + via + ")"
		if r.kind == kindReading {
			f.Message = via
		}
	}
}

func (p *pipeline) rate(v string) (strength.Result, error) {
	p.judgeMu.Lock()
	r, ok := p.judged[v]
	p.judgeMu.Unlock()
	if ok {
		return r, nil
	}
	r, err := p.opts.Judge([]byte(v))
	if err != nil {
		return r, err
	}
	p.judgeMu.Lock()
	p.judged[v] = r
	p.judgeMu.Unlock()
	return r, nil
}

// AllowFileComment in the first lines of a file skips the whole file: a
// table of example secrets, like this package's rules. In History it
// applies to every commit in which the file holds it.
const AllowFileComment = "jwtkey:allow-file"

func allowFile(s string) bool {
	return strings.Contains(s[:min(len(s), 1024)], AllowFileComment)
}

// AllowComment on a finding's line, or the line above it, accepts the
// finding: a test key that is meant to be there.
const AllowComment = "jwtkey:allow"

// crossFile joins the names JWT calls use with the definitions of other
// files: a qualified name (config.jwtSecret, Settings.Secret) with a
// definition in that container or file; a bare one (from config import
// SECRET_KEY) with a definition in a file the user imports.
func (p *pipeline) crossFile() {
	have := map[string]bool{}
	for _, f := range p.res.Findings {
		have[fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)] = true
	}
	for _, r := range p.refs {
		name := r.chain[len(r.chain)-1]
		qual := ""
		if len(r.chain) > 1 {
			qual = strings.ToLower(r.chain[len(r.chain)-2])
		}
		for _, e := range p.exports[name] {
			if e.finding.File == r.file || !linked(e.containers, qual, r.imports) {
				continue
			}
			f := e.finding
			at := fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
			if have[at] {
				continue
			}
			have[at] = true
			f.RuleID, f.Description = r.rule.ID, r.rule.Description
			p.rateFinding(&f, r.rule, fmt.Sprintf("used by %s at %s:%d", r.sink, display.Name(r.file), r.line))
			p.res.Findings = append(p.res.Findings, f)
		}
	}
	p.exports, p.refs = nil, nil
}

// linked reports whether a use reaches a definition: its qualifier names
// the definition's container or file (Settings.Secret, config.jwtSecret),
// or the using file imports the definition's file (from config import
// SECRET_KEY; const cfg = require('./config/settings') … cfg.signing).
func linked(containers []string, qual string, imports []string) bool {
	for _, c := range containers {
		if qual != "" && c == qual {
			return true
		}
		for _, im := range imports {
			if c == im {
				return true
			}
		}
	}
	return false
}

// dropAllowedFiles removes the history findings of files that held
// AllowFileComment in the commit that added the lines.
func (p *pipeline) dropAllowedFiles(ctx context.Context) {
	allowed := map[[2]string]bool{}
	keep := p.res.Findings[:0]
	for _, f := range p.res.Findings {
		k := [2]string{f.Commit, f.File}
		a, seen := allowed[k]
		if !seen {
			head, err := gitx.FileHead(ctx, p.dir, f.Commit, f.File, 1024)
			a = err == nil && allowFile(string(head))
			allowed[k] = a
		}
		if !a {
			keep = append(keep, f)
		}
	}
	p.res.Findings = keep
}

// result adds the reuse findings, fingerprints and sorts.
func (p *pipeline) result() *Result {
	res := &p.res
	if p.opts.Mode != History {
		res.Findings = append(res.Findings, reused(res.Findings)...)
	}
	for i := range res.Findings {
		res.Findings[i].Fingerprint = res.Findings[i].fingerprint()
	}
	sortFindings(res.Findings)
	return res
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.Commit < b.Commit
	})
}

// firstValue returns the line of the first assignment in a dotenv file that
// holds a literal, not a reference or nothing.
func firstValue(t *text) (int, bool) {
	if f := t.dotenvFile(); f != nil {
		for _, v := range f.Vars() {
			if ref, _ := classify(v.Value); v.Value != "" && !ref {
				return v.Line, true
			}
		}
		return 0, false
	}
	n := 0
	for line := range strings.Lines(t.s) {
		n++
		l := strings.TrimSpace(line)
		l = strings.TrimPrefix(l, "export ")
		eq := strings.IndexByte(l, '=')
		if l == "" || l[0] == '#' || eq <= 0 {
			continue
		}
		v := strings.Trim(strings.TrimSpace(stripComment(l[eq+1:])), `"'`)
		if v == "" {
			continue
		}
		if ref, _ := classify(v); ref {
			continue
		}
		return n, true
	}
	return 0, false
}

// reused reports a secret set in two environments: each should have its
// own key. dotenv.Shared decides, as it does for check and doctor: .env
// and .env.local are one environment; any other configuration file is an
// environment of its own.
func reused(fs []Finding) []Finding {
	var uses []dotenv.Use
	var from []*Finding
	for i := range fs {
		f := &fs[i]
		// Environments are configuration: a constant shared by two
		// source files is one key, not two environments.
		if f.RuleID != RuleConfig || f.Key == "" || f.Secret == "" {
			continue
		}
		uses = append(uses, dotenv.Use{Place: fmt.Sprintf("%s:%d", f.File, f.Line), File: f.File, Name: f.Key, Value: f.Secret})
		from = append(from, f)
	}
	order := map[string]int{}
	for i, u := range uses {
		order[u.Place] = i
	}
	r := ruleByID(RuleReused)
	var out []Finding
	for _, g := range dotenv.Shared(uses) {
		sort.SliceStable(g, func(i, j int) bool { return g[i].File < g[j].File })
		first := g[0]
		for _, u := range g[1:] {
			if u.SameEnvironment(first) {
				continue
			}
			f := from[order[u.Place]]
			out = append(out, Finding{
				RuleID: r.ID, Description: r.Description, File: f.File, Line: f.Line, Column: f.Column,
				EndColumn: f.EndColumn, Key: f.Key, Secret: f.Secret, Verdict: f.Verdict, Bits: f.Bits,
				Message: fmt.Sprintf("%s has the same value as %s:%s", f.Key, display.Name(first.File), strings.TrimPrefix(first.Place, first.File+":")),
				Fix:     r.Fix, Related: first.Place, context: f.context,
			})
		}
	}
	return out
}
