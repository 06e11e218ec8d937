package scan

import (
	"sort"
	"strings"
	"sync"

	"github.com/jwtkey/jwtkey/audit"
	"github.com/jwtkey/jwtkey/internal/lazyre"
	"github.com/jwtkey/jwtkey/internal/secretname"
)

// Stage 3: what each language's extractor finds in one file. Every rule of
// the table that applies to the file's kind runs over its text once; names
// used at JWT calls are resolved among the file's own definitions, and
// what the file cannot resolve, or may define for others, is handed to the
// cross-file stage.

// match is one secret an extractor found in a text, before it is judged.
type match struct {
	rule  *Rule
	key   string // the setting or variable name, when known
	value string
	start int // byte offsets of the secret in the text
	end   int
	// via names where a value traced through names is used: "used by
	// jwt.sign at auth.js:42".
	via string
}

// extraction is what one file yields.
type extraction struct {
	matches []match
	refs    []xref // names used at JWT calls that the file does not define
	exports []def  // definitions other files may use as keys
}

// matches runs the extractors over the text and returns what they found,
// one match per position, in file order.
func (t *text) matches() []match { return t.extract(false).matches }

func (t *text) extract(crossFile bool) extraction {
	compileRules()
	var x extraction
	var out []match
	var refs []ref
	for _, r := range Rules {
		if !r.appliesTo(t.lang) || r.keywords == nil {
			continue
		}
		byName := (r.kind == kindAssign || r.kind == kindFallback) && t.namesExtra()
		if !byName && (!t.has(r.keywords) || r.needs != nil && !t.has(r.needs)) {
			continue
		}
		switch r.kind {
		case kindAssign:
			if t.lang == langDotenv {
				out = t.dotenvSecrets(r, out)
			} else {
				out = t.assignments(r, out)
			}
		case kindCall:
			out, refs = t.calls(r, out, refs)
		case kindWindow:
			out = t.windows(r, out)
		case kindToken:
			out = t.tokens(r, out)
		case kindFallback:
			out = t.fallbacks(r, out)
		case kindKey:
			out = t.keyFiles(r, out)
		}
	}
	out, x.refs = t.resolve(refs, out)
	if !crossFile {
		x.refs = nil
	} else {
		x.exports = t.exportDefs()
	}
	// By position; on one position the first rule of the table wins.
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	dedup := out[:0]
	for i, m := range out {
		// Two rules on one literal make one finding; a note about how a
		// value is read stays beside the finding about the value.
		if i > 0 && m.start == out[i-1].start && m.rule.kind != kindReading && out[i-1].rule.kind != kindReading {
			continue
		}
		dedup = append(dedup, m)
	}
	x.matches = dedup
	return x
}

// accept decides whether a literal found by a rule is a secret worth a
// finding, and records it.
func (t *text) accept(out []match, r *Rule, key string, lit literal) []match {
	v := lit.value
	if ref, def := classify(v); ref {
		return out
	} else if def > 0 {
		lit = literal{value: v[def : len(v)-1], start: lit.start + def, end: lit.end - 1}
		v = lit.value
	}
	if !candidate(v, t.template) {
		return out
	}
	if key != "" && apiKeyRe().MatchString(v) && secretname.Normalize(key[strings.LastIndexByte(key, '.')+1:]) == "secretkey" {
		return out // a payment or cloud API key under the ambiguous SECRET_KEY
	}
	return append(out, match{rule: r, key: key, value: v, start: lit.start, end: lit.end})
}

// candidate reports whether a literal can be a secret at all.
func candidate(v string, template bool) bool {
	return strings.TrimSpace(v) != "" && !notASecret(v) && !(template && isPlaceholder(v))
}

// apiKeyRe matches the prefixes of well-known API keys (Stripe, Freemius,
// OpenAI, AWS) that are set as "secret_key" but sign no JWT.
var apiKeyRe = lazyre.New(`^(?:[sprw]k_(?:live|test)?|sk-|AKIA|ASIA)`)

var algName = lazyre.New(`(?i)^(?:[HRPE]S(?:256|384|512)|EdDSA|none|utf-?8|ascii|latin1|base64(?:url)?|hex|binary|HmacSHA\d+|sha-?(?:1|224|256|384|512)|md5)$`)

// calls reads the key argument of each call a rule's signatures match: a
// literal is a match, a name is a ref to resolve.
func (t *text) calls(r *Rule, out []match, refs []ref) ([]match, []ref) {
	for _, sg := range r.sigs {
		for _, loc := range sg.re.FindAllStringIndex(t.s, -1) {
			open := loc[1] - 1
			if t.s[open] != '(' {
				open = -loc[1] // Ruby: arguments without parentheses
			}
			args := splitArgs(t.s, open)
			arg := sg.arg
			if arg < 0 {
				arg = keyArg(t.s, args)
			}
			if arg < 0 || arg >= len(args) {
				continue
			}
			a, b := args[arg][0], args[arg][1]
			if lit, ok := literalIn(t.s, a, b); ok {
				if !algName().MatchString(lit.value) {
					out = t.accept(out, r, "", lit)
				}
				continue
			}
			if chain, ok := refIn(t.s, a, b); ok {
				sink := r.sink
				if sg.sink != "" {
					sink = sg.sink
				}
				refs = append(refs, ref{chain: chain, rule: r, sink: sink, at: skipSpaceNL(t.s, a)})
			}
		}
	}
	return out, refs
}

// keyArg picks the key among arguments whose order changed between a
// library's versions (jjwt's signWith(alg, key) and signWith(key, alg)):
// the first that is not an algorithm name.
func keyArg(s string, args [][2]int) int {
	for i, a := range args {
		e := strings.TrimSpace(s[a[0]:a[1]])
		if strings.Contains(e, "SignatureAlgorithm") || strings.Contains(e, "Jwts.SIG") || strings.HasPrefix(e, "SIG.") {
			continue
		}
		if lit, ok := literalIn(s, a[0], a[1]); ok && algName().MatchString(lit.value) {
			continue
		}
		return i
	}
	return -1
}

func (t *text) windows(r *Rule, out []match) []match {
	for _, loc := range r.anchorRe.FindAllStringIndex(t.s, -1) {
		e := loc[1]
		w := t.s[e:min(len(t.s), e+600)]
		m := r.windowRe.FindStringSubmatchIndex(w)
		if m == nil {
			continue
		}
		if lit, ok := literalIn(t.s, e+m[2], e+m[3]); ok {
			out = t.accept(out, r, "", lit)
		}
	}
	return out
}

// tokenCache remembers the answer for each token tried: trying the whole
// weak list takes milliseconds, and fixtures repeat the same token.
var tokenCache struct {
	sync.Mutex
	m map[string]string // token → secret, "" for none
}

const tokenCacheMax = 10000

// tokens finds JWTs whose HMAC secret is on the built-in weak list.
func (t *text) tokens(r *Rule, out []match) []match {
	for _, loc := range r.anchorRe.FindAllStringIndex(t.s, -1) {
		raw := t.s[loc[0]:loc[1]]
		tokenCache.Lock()
		secret, seen := tokenCache.m[raw]
		tokenCache.Unlock()
		if !seen {
			if tok, err := audit.ParseToken(raw); err == nil {
				if s, ok := audit.FindKnownSecret(tok); ok {
					secret = string(s)
				}
			}
			tokenCache.Lock()
			if tokenCache.m == nil || len(tokenCache.m) >= tokenCacheMax {
				tokenCache.m = map[string]string{}
			}
			tokenCache.m[raw] = secret
			tokenCache.Unlock()
		}
		if secret != "" {
			out = append(out, match{rule: r, value: secret, start: loc[0], end: loc[1]})
		}
	}
	return out
}
