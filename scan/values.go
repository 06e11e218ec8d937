package scan

import (
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/jwtkey/jwtkey/internal/lazyre"
)

// literal is a string literal found in a file: its value and where its
// characters start and end in the text (inside the quotes).
type literal struct {
	value      string
	start, end int
}

// quotedAt parses a string literal that starts at s[i]: "…", '…', `…`, with
// the prefixes Python (b, r, u), C# (@) and Go raw strings use. Interpolated
// strings (`${x}`, f"{x}", $"{x}") are not literals. next is the index after
// the closing quote.
func quotedAt(s string, i int) (lit literal, next int, ok bool) {
	interp := false
	for j := i; j < len(s) && j < i+2; j++ {
		switch s[j] {
		case 'b', 'B', 'r', 'R', 'u', 'U', '@':
			continue
		case 'f', 'F', '$':
			interp = true
			continue
		case '"', '\'', '`':
			i = j
		}
		break
	}
	if i >= len(s) {
		return literal{}, 0, false
	}
	q := s[i]
	if q != '"' && q != '\'' && q != '`' {
		return literal{}, 0, false
	}
	var b strings.Builder
	for j := i + 1; j < len(s); j++ {
		c := s[j]
		switch {
		case c == q:
			v := b.String()
			if interp && strings.ContainsRune(v, '{') || q == '`' && strings.Contains(v, "${") {
				return literal{}, 0, false
			}
			return literal{value: v, start: i + 1, end: j}, j + 1, true
		case c == '\n' && q != '`':
			return literal{}, 0, false
		case c == '\\' && q != '`' && j+1 < len(s):
			j++
			switch s[j] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				b.WriteByte(s[j])
			}
		default:
			b.WriteByte(c)
		}
	}
	return literal{}, 0, false
}

// skipSpace returns the first index at or after i that is not a space or tab.
func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// closing returns the index of the bracket that closes the one at s[open],
// skipping string literals, or -1 if it is not within limit bytes.
func closing(s string, open, limit int) int {
	depth := 0
	end := min(len(s), open+limit)
	for i := open; i < end; i++ {
		switch c := s[i]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
			if depth == 0 {
				return i
			}
		case '"', '\'', '`':
			if _, next, ok := quotedAt(s, i); ok {
				i = next - 1
			} else if c != '\'' { // an apostrophe in a comment is not a string
				return -1
			}
		}
	}
	return -1
}

// argLimit bounds how far a call's arguments are followed.
const argLimit = 4096

// splitArgs splits the arguments of the call whose '(' is at s[open] into
// [start, end) ranges. With open < 0 (Ruby's JWT.encode a, b) the arguments
// run from -open to the end of the line.
func splitArgs(s string, open int) [][2]int {
	var args [][2]int
	start, depth, end := 0, 0, 0
	paren := open >= 0
	if paren {
		start, end = open+1, min(len(s), open+argLimit)
	} else {
		start, end = -open, min(len(s), -open+argLimit)
	}
	for i := start; i < end; i++ {
		switch c := s[i]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			if depth == 0 {
				if paren && c == ')' {
					return append(args, [2]int{start, i})
				}
				return args
			}
			depth--
		case ',':
			if depth == 0 {
				args = append(args, [2]int{start, i})
				start = i + 1
			}
		case '\n':
			if !paren && depth == 0 {
				return append(args, [2]int{start, i})
			}
		case '"', '\'', '`':
			if _, next, ok := quotedAt(s, i); ok {
				i = next - 1
			}
		}
	}
	if !paren {
		return append(args, [2]int{start, end})
	}
	return args
}

var (
	kwArg     = lazyre.New(`^(?:key|secret|secret_key|signing_key|secretOrPrivateKey|secretOrKey)\s*[=:]\s*`)
	callStart = lazyre.New(`^(?:new\s+)?((?:\[\]byte|[A-Za-z_$][\w$]*)(?:\s*\(\s*\))?(?:\s*(?:\.|::)\s*[A-Za-z_$][\w$]*(?:\s*\(\s*\))?)*)\s*\(`)
	methodEnd = lazyre.New(`^\s*\.\s*(?:getBytes|encode|toByteArray|as_bytes|to_vec|bytes|into|b|force_encoding|unpack1?)\b\s*(?:\(|$)`)
	// wrappers turn a string into key bytes without changing the secret:
	// []byte("…"), Buffer.from("…"), new TextEncoder().encode("…"),
	// Encoding.UTF8.GetBytes("…"), Keys.hmacShaKeyFor(…), new Key("…", alg).
	wrappers = map[string]bool{
		"[]byte": true, "from": true, "encode": true, "GetBytes": true, "hmacShaKeyFor": true,
		"SecretKeySpec": true, "Key": true, "bytes": true, "bytearray": true, "HMAC256": true,
		"HMAC384": true, "HMAC512": true, "SymmetricSecurityKey": true, "createSecretKey": true,
		"String": true, "str": true, "Uint8Array": true, "byte": true, "MacAlgorithm": true,
	}
)

// qualifiedWrappers are the wrappers that are methods: Buffer.from,
// TextEncoder().encode, Encoding.UTF8.GetBytes, Keys.hmacShaKeyFor. Other
// names count only unqualified: String("…") converts, flags.String("…")
// reads a flag named "…".
var qualifiedWrappers = map[string]bool{
	"from": true, "encode": true, "GetBytes": true, "hmacShaKeyFor": true, "createSecretKey": true,
	"HMAC256": true, "HMAC384": true, "HMAC512": true, "Key": true, "SecretKeySpec": true,
	"SymmetricSecurityKey": true, "MacAlgorithm": true,
}

// wrapperName returns the name of a call that only wraps its argument.
func wrapperName(callee string) (string, bool) {
	name := strings.NewReplacer(" ", "", "()", "").Replace(callee)
	qualified := false
	if i := strings.LastIndexAny(name, ".:"); i >= 0 {
		name, qualified = name[i+1:], true
	}
	if qualified {
		return name, qualifiedWrappers[name]
	}
	return name, wrappers[name]
}

// literalIn finds the secret literal of an expression s[a:b]: a plain string
// literal, one inside the wrappers above, or the fallback after || ?? or
// "or" (process.env.JWT_SECRET || "dev-secret" ships "dev-secret" wherever the
// variable is unset).
func literalIn(s string, a, b int) (literal, bool) {
	if a < 0 || b > len(s) || a > b {
		return literal{}, false
	}
	s = s[:b] // nothing past the expression: offsets stay valid
	for depth := 0; depth < 5; depth++ {
		a = skipSpaceNL(s, a)
		for b > a && isSpaceByte(s[b-1]) {
			b--
		}
		if a >= b {
			return literal{}, false
		}
		if m := kwArg().FindStringIndex(s[a:b]); m != nil {
			a += m[1]
			continue
		}
		if f := fallbackAt(s, a, b); f > a {
			a = f
			continue
		}
		if lit, ok := byteList(s, a, b); ok {
			return lit, true
		}
		if lit, next, ok := quotedAt(s, a); ok {
			if next == b {
				return lit, true
			}
			if m := methodEnd().FindStringIndex(s[next:b]); m != nil {
				rest := next + m[1]
				if rest == b || s[rest-1] == '(' && closing(s, rest-1, b-rest+2) == b-1 {
					return lit, true
				}
			}
			return literal{}, false
		}
		m := callStart().FindStringSubmatchIndex(s[a:b])
		if m == nil {
			return literal{}, false
		}
		_, ok := wrapperName(s[a+m[2] : a+m[3]])
		open := a + m[1] - 1
		if !ok || closing(s, open, b-open+1) != b-1 {
			return literal{}, false
		}
		args := splitArgs(s, open)
		if len(args) == 0 {
			return literal{}, false
		}
		a, b = args[0][0], args[0][1]
	}
	return literal{}, false
}

// byteListRe matches a key written as byte values: Go's []byte{97, 48},
// Java's and C#'s new byte[]{…}, Node's Buffer.from([…]), Python's
// bytes([…]).
var byteListRe = lazyre.New(`^(?:\[\]byte\s*\{|new\s+byte\s*\[\s*\]\s*\{|Buffer\.from\s*\(\s*\[|bytes\s*\(\s*\[|new\s+Uint8Array\s*\(\s*\[)([\s\d,xXa-fA-F'\\]*)[\]}]\s*\)?$`)

// byteList reads s[a:b] as a list of at least minByteList byte values and
// returns them as the literal's value: the text when every byte is
// printable, else its hex, as a key file would hold it.
func byteList(s string, a, b int) (literal, bool) {
	m := byteListRe().FindStringSubmatch(s[a:b])
	if m == nil {
		return literal{}, false
	}
	var key []byte
	for _, f := range strings.Split(m[1], ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		var v uint64
		var err error
		switch {
		case len(f) == 3 && f[0] == '\'' && f[2] == '\'':
			v = uint64(f[1])
		case strings.HasPrefix(f, "0x") || strings.HasPrefix(f, "0X"):
			v, err = strconv.ParseUint(f[2:], 16, 8)
		default:
			v, err = strconv.ParseUint(f, 10, 8)
		}
		if err != nil {
			return literal{}, false
		}
		key = append(key, byte(v))
	}
	if len(key) < minByteList {
		return literal{}, false
	}
	value := string(key)
	for _, c := range key {
		if c < 0x20 || c > 0x7e {
			value = hex.EncodeToString(key)
			break
		}
	}
	return literal{value: value, start: a, end: b}, true
}

// minByteList is the fewest byte values taken for a key: shorter lists
// are magic numbers and headers, not secrets.
const minByteList = 4

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipSpaceNL(s string, i int) int {
	for i < len(s) && isSpaceByte(s[i]) {
		i++
	}
	return i
}

// fallbackAt returns the start of the last operand of a top-level ||, ??,
// "or" or "?:" default in s[a:b], or -1.
func fallbackAt(s string, a, b int) int {
	last := -1
	depth := 0
	for i := a; i < b; i++ {
		switch c := s[i]; c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '"', '\'', '`':
			if _, next, ok := quotedAt(s, i); ok && next <= b {
				i = next - 1
			}
		case '|', '?':
			if depth == 0 && i+1 < b && s[i+1] == c {
				last = i + 2
				i++
			} else if depth == 0 && c == '?' && i+1 < b && s[i+1] == ':' {
				last = i + 2
				i++
			}
		case ' ':
			if depth == 0 && strings.HasPrefix(s[i:b], " or ") {
				last = i + 4
			}
		}
	}
	return last
}

// reference patterns: a value that names where the secret comes from rather
// than being it.
var referencePrefixes = []string{
	"${{", "{{", "%(", "#{", "!ref", "!sub", "!env", "!secret", "!vault", "vault:", "op://",
	"sm://", "ref+", "arn:aws:secretsmanager", "secretkeyref", "@secret", "env(", "env[",
	"process.env", "import.meta.env", "os.getenv", "os.environ", "getenv(", "env.fetch",
	"system.getenv", "environment.getenvironmentvariable", "config(", "config.get", "settings.",
	"secrets.", "${", "$(", "<%=", "{%",
}

var shellDefault = lazyre.New(`^\$\{[A-Za-z_][\w.]*(?::-?|-)(.*)\}$`)

// classify says what an assignment's value is. A reference ($VAR,
// ${JWT_SECRET}, {{ secrets.X }}, process.env.X) is not a secret; a shell or
// Spring default (${JWT_SECRET:-changeme}) is, and def says where it starts.
func classify(v string) (ref bool, def int) {
	if m := shellDefault().FindStringSubmatchIndex(v); m != nil {
		if m[3] > m[2] {
			return false, m[2]
		}
		return true, 0
	}
	if strings.HasPrefix(v, "$") && len(v) > 1 && (isIdentByte(v[1]) || v[1] == '{' || v[1] == '(') {
		return true, 0
	}
	lv := strings.ToLower(v)
	for _, p := range referencePrefixes {
		if strings.HasPrefix(lv, p) {
			return true, 0
		}
	}
	return false, 0
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

var placeholderRe = lazyre.New(`(?i)^(?:<[^>]*>|\[[^\]]*\]|\{[^}]*\}|x{3,}|\*{3,}|\.{3,}|#+|-+|_+|none|null|nil|undefined|false|true|` +
	`.*(?:change[-_ ]?me|changeit|replace[-_ ]?(?:me|this|with)|your[-_ ]|placeholder|example|todo|fixme|insert[-_ ]|put[-_ ]|goes[-_ ]here|-here|_here|generate[-_ ]|fill[-_ ]?in|redacted|dummy).*)$`)

// isPlaceholder reports whether a value is a stand-in meant to be replaced:
// <your-secret>, changeme, xxx. In an example file that is fine; in real
// configuration it is a weak secret like any other.
func isPlaceholder(v string) bool { return placeholderRe().MatchString(strings.TrimSpace(v)) }

var (
	envNameRe = lazyre.New(`^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_(?:SECRET|KEY)(?:_[A-Z0-9]+)*$|^[A-Z]+_(?:SECRET|KEY)$`)
	pathRe    = lazyre.New(`^(?:/|\./|\.\./|~/|[A-Za-z]:\\|file:)|\.(?:pem|key|crt|jwk|json|txt|der|p12|pfx)$`)
)

// notASecret filters values that are plainly something else: the name of
// an environment variable (const JWT_SECRET = "JWT_SECRET"), a file path, a
// boolean or number.
func notASecret(v string) bool {
	switch strings.ToLower(v) {
	case "", "true", "false", "null", "nil", "none", "undefined", "yes", "no", "on", "off":
		return true
	}
	return envNameRe().MatchString(v) || pathRe().MatchString(v)
}
