// jwtkey:allow-file: the examples below are secrets on purpose.

package scan

import (
	"regexp"
	"sync"
)

// Rule is one thing scan looks for. Rules are data: each carries examples
// of what it must find (TruePositives) and what it must not (FalsePositives),
// and a test runs every one of them.
type Rule struct {
	ID          string
	Description string
	Fix         string // what to do about a finding, beyond replacing a weak key

	kind     ruleKind
	langs    []lang   // file kinds the rule reads; nil for every kind
	keywords []string // lower case; the rule runs only on files holding one
	needs    []string // lower case; with keywords, the file must hold one of these too
	anchor   string   // regexp: where a block starts (kindWindow, kindToken)
	window   string   // kindWindow: regexp run just after the anchor; group 1 is the key expression
	// sigs are a kindCall rule's call signatures: where each call starts
	// (ending at "(", or at the space before Ruby's bare arguments) and
	// which argument holds the key, by each library version's signature.
	sigs []sig
	sink string // how a report names the call: "jwt.sign"

	TruePositives  []Example
	FalsePositives []Example

	anchorRe, windowRe *regexp.Regexp
}

// sig is one call signature: a regexp for the call up to its "(" and the
// 0-based argument that holds the key; -1 for the first argument that is
// not an algorithm (jjwt's signWith took the algorithm first, then last).
type sig struct {
	call string
	arg  int
	sink string // how a report names the call, when not the rule's sink
	re   *regexp.Regexp
}

// Example is a file that a rule must, or must not, find something in.
type Example struct {
	Path string // decides the file kind, e.g. ".env", "app.js"
	Text string
}

type ruleKind int

const (
	kindAssign   ruleKind = iota // a JWT-ish setting or variable set to a literal
	kindCall                     // a literal key passed to a JWT library
	kindWindow                   // a literal key in an options block or key function
	kindToken                    // a JWT signed with a published secret
	kindFile                     // a property of a whole file (committed .env)
	kindReuse                    // the same secret in two files
	kindFallback                 // a literal default of a signing key's environment variable
	kindKey                      // a private key: PEM or JWK
	kindReading                  // a secret the dotenv readers read differently, or not at all
)

// Rule IDs that other parts of the package refer to.
const (
	RuleConfig     = "jwt-secret-in-config"
	RuleCode       = "jwt-secret-in-code"
	RuleToken      = "jwt-signed-with-known-secret"
	RuleCommitted  = "dotenv-committed"
	RuleNotIgnored = "dotenv-not-ignored"
	RuleReused     = "jwt-secret-reused"
	RuleEnvDefault = "jwt-secret-env-default"
	RulePrivateKey = "private-key"
	RuleHMAC       = "hmac-key-literal"
	// RuleUnparseable is a secret in a dotenv file that the common dotenv
	// readers read differently (Node dotenv stops at "#", Compose expands
	// "$"…) or cannot read at all.
	RuleUnparseable = "dotenv-unparseable"
)

const fixMove = "load the key from the environment or a secret manager, not from the repository, and rotate it: everyone with a clone has it"

// Rules is the rule table. Each entry's examples are checked by
// TestRuleExamples.
var Rules = []*Rule{
	{
		ID:          RuleConfig,
		Description: "a configuration file sets a JWT signing secret to a literal",
		Fix:         fixMove,
		kind:        kindAssign,
		langs:       []lang{langDotenv, langYAML, langJSON, langTOML, langProperties, langDocker, langShell, langTerraform, langOther},
		keywords:    assignKeywords,
		TruePositives: []Example{
			{".env", "JWT_SECRET=mysecret\n"},
			{".env.production", "export ACCESS_TOKEN_SECRET=\"s3cr3tK3y!2024\"\n"},
			{"config.yml", "jwt:\n  secret: supersecret\n  expiresIn: 1h\n"},
			{"application.properties", "jwt.secret=changeme\n"},
			{"appsettings.json", "{\n  \"Jwt\": {\n    \"Key\": \"ThisIsMySecretKey\",\n    \"Issuer\": \"me\"\n  }\n}\n"},
			{"docker-compose.yml", "services:\n  api:\n    environment:\n      - NEXTAUTH_SECRET=secret123\n"},
			{"Dockerfile", "FROM node:20\nENV JWT_SECRET mysecret\n"},
			{"config.toml", "[jwt]\nsecret = \"hunter2\"\n"},
			{"k8s.yaml", "env:\n  - name: JWT_SECRET\n    value: \"letmein\"\n"},
			{"application.yml", "jwt:\n  secret: ${JWT_SECRET:mysecret}\n"},
			{".github/workflows/ci.yml", "env:\n  SECRET_KEY: django-insecure-abc123\n"},
			{"main.tf", "jwt_secret = \"terraform-secret\"\n"},
		},
		FalsePositives: []Example{
			{".env", "JWT_SECRET=\n"},
			{".env", "JWT_SECRET=${JWT_SECRET}\n"},
			{".env.example", "JWT_SECRET=<your-secret-here>\n"},
			{".env.example", "JWT_SECRET=changeme\n"},
			{"config.yml", "jwt:\n  secret: ${JWT_SECRET}\n  public_key: abc\n"},
			{".github/workflows/ci.yml", "env:\n  JWT_SECRET: ${{ secrets.JWT_SECRET }}\n"},
			{"application.properties", "jwt.expiration=3600\njwt.secret.file=/run/secrets/jwt\n"},
			{".env", "JWT_PUBLIC_KEY=abc\nSTRIPE_SECRET_KEY_NAME=x\n"},
			{"config.yml", "stripe:\n  secret_key: ${STRIPE}\n"},
			{"values.yaml", "jwtSecret: \"{{ .Values.jwt }}\"\n"},
			{"main.tf", "jwt_secret = var.jwt_secret\n"},
		},
	},
	{
		ID:          RuleCode,
		Description: "source code assigns a JWT signing secret to a literal",
		Fix:         fixMove,
		kind:        kindAssign,
		langs:       []lang{langJS, langGo, langPython, langJava, langRuby, langPHP, langCSharp},
		keywords:    assignKeywords,
		TruePositives: []Example{
			{"config.js", "const JWT_SECRET = 'mysecret';\n"},
			{"auth.ts", "export const jwtConstants = { secret: 'x' };\nconst jwtSecret = process.env.JWT_SECRET || 'dev-secret';\n"},
			{"main.go", "var jwtKey = []byte(\"my_secret_key\")\n"},
			{"settings.py", "SECRET_KEY = 'django-insecure-9x!k2'\n"},
			{"app.py", "app.config[\"JWT_SECRET_KEY\"] = \"super-secret\"\n"},
			{"config.rb", "JWT_SECRET = ENV.fetch('JWT_SECRET', 'fallback')\nHMAC_SECRET = 'my$ecretK3y'\n"},
			{"Config.java", "private static final String SECRET_KEY = \"secret\";\n"},
			{"jwt.php", "$jwt_secret = 'abcd';\n"},
			{"passport.js", "opts.secretOrKey = 'secret';\n"},
		},
		FalsePositives: []Example{
			{"config.js", "const JWT_SECRET = process.env.JWT_SECRET;\n"},
			{"config.js", "const JWT_SECRET_ENV = 'JWT_SECRET';\nconst JWT_SECRET = 'JWT_SECRET';\n"},
			{"main.go", "jwtKey := []byte(os.Getenv(\"JWT_KEY\"))\n"},
			{"settings.py", "SECRET_KEY = os.environ[\"SECRET_KEY\"]\n"},
			{"check.js", "if (jwtSecret === 'changeme') throw new Error('set JWT_SECRET');\n"},
			{"Config.java", "@Value(\"${jwt.secret}\")\nprivate String secretKey;\n"},
			{"a.go", "secretKey := cfg.SecretKey\n"},
		},
	},
	{
		ID:          "node-jsonwebtoken-literal",
		Description: "jsonwebtoken's sign or verify is called with a literal secret",
		Fix:         fixMove,
		kind:        kindCall,
		langs:       []lang{langJS},
		keywords:    []string{"jwt.", "jsonwebtoken"},
		// sign(payload, secretOrPrivateKey, options, callback);
		// verify(token, secretOrPublicKey, options, callback).
		sigs: []sig{{call: `\b(?:jwt|jsonwebtoken|JWT)\s*\.\s*(?:sign|verify)\s*\(`, arg: 1}},
		sink: "jwt.sign",
		TruePositives: []Example{
			{"auth.js", "const token = jwt.sign({ id: user.id, role: 'admin' }, 'mysecret', { expiresIn: '1h' });\n"},
			{"auth.ts", "jwt.verify(\n  token,\n  \"shhhhh\",\n  (err, decoded) => {}\n);\n"},
			{"auth.js", "jwt.sign(payload, Buffer.from('secret', 'utf8'))\n"},
			{"auth.js", "jwt.sign(payload, process.env.JWT_SECRET ?? 'fallback-secret')\n"},
		},
		FalsePositives: []Example{
			{"auth.js", "jwt.sign(payload, process.env.JWT_SECRET, { expiresIn: '1h' })\n"},
			{"auth.js", "jwt.sign({ sub: 'x' }, secret)\n"},
			{"auth.js", "jwt.verify(token, getKey, { algorithms: ['RS256'] })\n"},
		},
	},
	{
		ID:          "node-jose-literal",
		Description: "jose signs or verifies with a literal secret",
		Fix:         fixMove,
		kind:        kindCall,
		langs:       []lang{langJS},
		keywords:    []string{"signjwt", "jwtverify", "compactsign"},
		// new SignJWT(claims).sign(key); jwtVerify(jwt, key, options);
		// compactVerify(jws, key).
		sigs: []sig{{call: `\.\s*sign\s*\(`, arg: 0}, {call: `\b(?:jwtVerify|compactVerify)\s*\(`, arg: 1}},
		sink: "jose",
		TruePositives: []Example{
			{"auth.ts", "const jwt = await new SignJWT({ a: 1 }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(\"mysecret\"));\n"},
			{"verify.ts", "import { jwtVerify } from 'jose';\nawait jwtVerify(token, new TextEncoder().encode('secret-key'));\n"},
		},
		FalsePositives: []Example{
			{"auth.ts", "const key = new TextEncoder().encode(process.env.JWT_SECRET);\nawait new SignJWT({}).sign(key);\n"},
			{"auth.ts", "await jwtVerify(token, JWKS, { issuer: 'urn:example' });\n"},
		},
	},
	{
		ID:          "node-jwt-options-literal",
		Description: "a JWT middleware or module is configured with a literal secret",
		Fix:         fixMove,
		kind:        kindWindow,
		langs:       []lang{langJS},
		keywords:    []string{"expressjwt", "jwtmodule", "fastify", "koa-jwt", "koajwt", "nextauth", "jwtstrategy"},
		anchor:      `\b(?:expressjwt|expressJwt|JwtModule\s*\.\s*register|fastifyJwt|koaJwt|NextAuth|JwtStrategy|jwtMiddleware)\b|@fastify/jwt|fastify-jwt|koa-jwt`,
		window:      `^[^;]{0,400}?\b(?:secret|secretOrKey|secretOrPrivateKey)\s*:\s*((?:[bB]?['"\x60][^'"\x60\n]*['"\x60])(?:\s*\.\s*\w+\([^)]*\))?)`,
		TruePositives: []Example{
			{"app.js", "app.use(expressjwt({ secret: 'shhhhhhared-secret', algorithms: ['HS256'] }));\n"},
			{"auth.module.ts", "JwtModule.register({\n  global: true,\n  secret: 'topSecret51',\n  signOptions: { expiresIn: '60s' },\n})\n"},
			{"server.js", "fastify.register(require('@fastify/jwt'), { secret: 'supersecret' })\n"},
		},
		FalsePositives: []Example{
			{"app.js", "app.use(expressjwt({ secret: process.env.SECRET, algorithms: ['HS256'] }));\n"},
			{"auth.module.ts", "JwtModule.registerAsync({ useFactory: (c) => ({ secret: c.get('JWT_SECRET') }) })\n"},
		},
	},
	{
		ID:          "go-jwt-literal",
		Description: "golang-jwt signs with a literal key",
		Fix:         fixMove,
		kind:        kindCall,
		langs:       []lang{langGo},
		keywords:    []string{"signedstring", "jose.sign"},
		// (*Token).SignedString(key); jose2go's Sign(payload, alg, key).
		sigs: []sig{{call: `\.\s*SignedString\s*\(`, arg: 0}, {call: `\bjose\s*\.\s*Sign\s*\(`, arg: 2, sink: "jose.Sign"}},
		sink: "SignedString",
		TruePositives: []Example{
			{"main.go", "s, err := token.SignedString([]byte(\"mysecret\"))\n"},
			{"main.go", "s, err := t.SignedString([]byte(`raw-secret`))\n"},
			{"sign.go", "token, err := jose.Sign(payload, jose.HS256, []byte(\"pear-tree\"))\n"},
			{"sign.go", "key := []byte{112, 101, 97, 114}\ntoken, err := jose.Sign(payload, jose.HS256, key)\n"},
		},
		FalsePositives: []Example{
			{"main.go", "s, err := token.SignedString(jwtKey)\n"},
			{"main.go", "s, err := token.SignedString([]byte(os.Getenv(\"JWT_SECRET\")))\n"},
		},
	},
	{
		ID:          "go-jwt-keyfunc-literal",
		Description: "a golang-jwt key function returns a literal key",
		Fix:         fixMove,
		kind:        kindWindow,
		langs:       []lang{langGo},
		keywords:    []string{"jwt.token"},
		anchor:      `\*jwt\.Token\s*\)\s*\(\s*(?:interface\s*\{\s*\}|any)\s*,\s*error\s*\)\s*\{`,
		window:      `^[^}]{0,300}?\breturn\s+(\[\]byte\s*\(\s*(?:"[^"\n]*"|\x60[^\x60]*\x60)\s*\))`,
		TruePositives: []Example{
			{"main.go", "tok, err := jwt.Parse(s, func(t *jwt.Token) (interface{}, error) {\n\treturn []byte(\"secret\"), nil\n})\n"},
			{"keys.go", "func keyFunc(t *jwt.Token) (any, error) { return []byte(\"k3y\"), nil }\n"},
		},
		FalsePositives: []Example{
			{"main.go", "tok, err := jwt.Parse(s, func(t *jwt.Token) (interface{}, error) {\n\treturn hmacKey, nil\n})\n"},
		},
	},
	{
		ID:          "python-pyjwt-literal",
		Description: "PyJWT encodes or decodes with a literal key",
		Fix:         fixMove,
		kind:        kindCall,
		langs:       []lang{langPython},
		keywords:    []string{"jwt."},
		// PyJWT and python-jose: encode(payload, key, algorithm, headers);
		// decode(jwt, key, algorithms); key= as a keyword anywhere.
		sigs: []sig{{call: `\bjwt\s*\.\s*(?:encode|decode)\s*\(`, arg: 1}},
		sink: "jwt.encode",
		TruePositives: []Example{
			{"auth.py", "token = jwt.encode({\"user_id\": 1}, \"mysecret\", algorithm=\"HS256\")\n"},
			{"auth.py", "data = jwt.decode(token, key=b'secret', algorithms=['HS256'])\n"},
		},
		FalsePositives: []Example{
			{"auth.py", "token = jwt.encode(payload, settings.SECRET_KEY, algorithm=\"HS256\")\n"},
			{"auth.py", "data = jwt.decode(token, options={\"verify_signature\": False})\n"},
		},
	},
	{
		ID:          "java-jjwt-literal",
		Description: "jjwt or java-jwt signs or verifies with a literal key",
		Fix:         fixMove,
		kind:        kindCall,
		langs:       []lang{langJava},
		keywords:    []string{"signwith", "hmacshakeyfor", "setsigningkey", "verifywith", "algorithm.hmac"},
		// jjwt signWith(key), signWith(alg, key) before 0.10, signWith(key,
		// alg) after; setSigningKey(key); verifyWith(key);
		// Keys.hmacShaKeyFor(bytes); java-jwt Algorithm.HMAC256(secret);
		// Nimbus new MACSigner(secret).
		sigs: []sig{
			{call: `\.\s*signWith\s*\(`, arg: -1},
			{call: `(?:\.\s*(?:setSigningKey|verifyWith)|\bKeys\s*\.\s*hmacShaKeyFor|\bAlgorithm\s*\.\s*HMAC(?:256|384|512)|\bnew\s+MAC(?:Signer|Verifier))\s*\(`, arg: 0},
		},
		sink: "the JWT library",
		TruePositives: []Example{
			{"JwtUtil.java", "return Jwts.builder().setSubject(u).signWith(SignatureAlgorithm.HS256, \"secret\").compact();\n"},
			{"JwtUtil.java", "SecretKey key = Keys.hmacShaKeyFor(\"my-very-long-secret-key-for-hs256!!\".getBytes(StandardCharsets.UTF_8));\n"},
			{"Tokens.kt", "val alg = Algorithm.HMAC256(\"secret\")\n"},
		},
		FalsePositives: []Example{
			{"JwtUtil.java", "return Jwts.builder().signWith(key).compact();\n"},
			{"JwtUtil.java", "Keys.hmacShaKeyFor(Decoders.BASE64.decode(secretKey));\n"},
		},
	},
	{
		ID:          "ruby-jwt-literal",
		Description: "ruby-jwt encodes or decodes with a literal key",
		Fix:         fixMove,
		kind:        kindCall,
		langs:       []lang{langRuby},
		keywords:    []string{"jwt."},
		// encode(payload, key, algorithm, header_fields);
		// decode(jwt, key, verify, options).
		sigs: []sig{{call: `\bJWT\s*\.\s*(?:encode|decode)(?:\s*\(|[ \t]+)`, arg: 1}},
		sink: "JWT.encode",
		TruePositives: []Example{
			{"auth.rb", "token = JWT.encode(payload, 'my$ecretK3y', 'HS256')\n"},
			{"auth.rb", "token = JWT.encode payload, \"s3cret\", 'HS256'\n"},
		},
		FalsePositives: []Example{
			{"auth.rb", "token = JWT.encode(payload, Rails.application.secret_key_base, 'HS256')\n"},
			{"auth.rb", "JWT.decode token, nil, false\n"},
		},
	},
	{
		ID:          "php-jwt-literal",
		Description: "firebase/php-jwt encodes or decodes with a literal key",
		Fix:         fixMove,
		kind:        kindCall,
		langs:       []lang{langPHP},
		keywords:    []string{"jwt::", "new key"},
		// encode($payload, $key, $alg, $keyId, $head): the key is the
		// second argument, never the key ID; decode($jwt, $keyOrKeyArray,
		// …) in every version; new Key($keyMaterial, $algorithm).
		sigs: []sig{{call: `\bJWT::(?:encode|decode)\s*\(`, arg: 1}, {call: `\bnew\s+Key\s*\(`, arg: 0}},
		sink: "JWT::encode",
		TruePositives: []Example{
			{"auth.php", "$jwt = JWT::encode($payload, 'example_key', 'HS256');\n"},
			{"auth.php", "$decoded = JWT::decode($jwt, new Key(\"secret\", 'HS256'));\n"},
		},
		FalsePositives: []Example{
			{"auth.php", "$jwt = JWT::encode($payload, $key, 'HS256');\n"},
			{"auth.php", "$decoded = JWT::decode($jwt, new Key($key, 'HS256'));\n"},
			{"auth.php", "$jwt = JWT::encode($payload, getenv('JWT_KEY'), 'HS256', 'kid-2024-01');\n"},
		},
	},
	{
		ID:          "dotnet-symmetric-key-literal",
		Description: "a .NET SymmetricSecurityKey is made from a literal",
		Fix:         fixMove,
		kind:        kindCall,
		langs:       []lang{langCSharp},
		keywords:    []string{"symmetricsecuritykey"},
		sigs:        []sig{{call: `\bnew\s+SymmetricSecurityKey\s*\(`, arg: 0}},
		sink:        "SymmetricSecurityKey",
		TruePositives: []Example{
			{"Startup.cs", "var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(\"ThisIsMySuperSecretKey123\"));\n"},
		},
		FalsePositives: []Example{
			{"Startup.cs", "var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(builder.Configuration[\"Jwt:Key\"]!));\n"},
		},
	},
	{
		ID:          RuleEnvDefault,
		Description: "an environment variable that holds a JWT signing key falls back to a literal",
		Fix:         "fail at start-up when the variable is unset instead of falling back to a key everyone with a clone knows; " + fixMove,
		kind:        kindFallback,
		langs:       []lang{langJS, langGo, langPython, langJava, langRuby, langPHP, langCSharp},
		// Every name envKeyName accepts holds one of these.
		keywords: []string{"secret", "jwt", "signing", "hmac", "tokenkey", "token_key", "signkey"},
		TruePositives: []Example{
			{"config.js", "module.exports = {\n  secret: process.env.JWT_SECRET || 'fallback-secret',\n};\n"},
			{"auth.ts", "const key = process.env.ACCESS_TOKEN_SECRET ??\n  'dev-only';\n"},
			{"env.js", "const { JWT_SECRET: s = 'devsecret', PORT = 3000 } = process.env;\n"},
			{"settings.py", "SIGNING = os.getenv(\"JWT_SECRET_KEY\", \"supersecretkey\")\n"},
			{"config.py", "KEY = os.environ.get('JWT_SECRET', 'dev')\n"},
			{"config.py", "JWT = os.getenv('JWT_SECRET') or 'dev_default'\n"},
			{"config/jwt.php", "return [\n    'secret' => env('JWT_SECRET', 'secret'),\n];\n"},
			{"config/jwt.php", "'secret' => env('JWT_SECRET', env('APP_SECRET', 'SomeRandomString')),\n"},
			{"auth.php", "$secret = getenv('JWT_SECRET') ?: 'changeme';\n"},
			{"auth.rb", "KEY = ENV.fetch('JWT_SECRET', 'dev')\nOTHER = ENV['JWT_SECRET_KEY'] || 's3cret'\n"},
			{"auth.rb", "KEY = ENV.fetch('JWT_SECRET') { 'dev-secret' }\n"},
			{"config.go", "func secret() string {\n\ts := os.Getenv(\"JWT_SECRET\")\n\tif s == \"\" {\n\t\ts = \"dev\"\n\t}\n\treturn s\n}\n"},
			{"config.go", "var key = cmp.Or(os.Getenv(\"JWT_SECRET\"), \"dev-secret\")\n"},
			{"config.go", "var key = getEnv(\"JWT_SECRET\", \"super-secret\")\n"},
			{"Config.java", "String k = System.getenv().getOrDefault(\"JWT_SECRET\", \"dev-secret\");\n"},
			{"Config.kt", "val k = System.getenv(\"JWT_SECRET\") ?: \"dev-secret\"\n"},
			{"Startup.cs", "var key = Environment.GetEnvironmentVariable(\"JWT_SECRET\") ?? \"dev-secret-key\";\n"},
			{"Startup.cs", "var key = builder.Configuration[\"Jwt:Key\"] ?? \"dev-secret-key\";\n"},
		},
		FalsePositives: []Example{
			{"config.js", "module.exports = {\n  expiresIn: process.env.JWT_EXPIRES_IN || '7d',\n  port: process.env.PORT || 3000,\n};\n"},
			{"config.py", "ALGORITHM = os.getenv(\"JWT_ALGORITHM\", \"HS256\")\n"},
			{"config/jwt.php", "'input' => env('JWT_INPUT', 'token'),\n'ttl' => env('JWT_TTL', 60),\n"},
			{"config.js", "const secret = process.env.JWT_SECRET || process.env.AUTH_SECRET;\n"},
			{"config.go", "s := os.Getenv(\"JWT_SECRET\")\nif s == \"\" {\n\tlog.Fatal(\"JWT_SECRET is not set\")\n}\n"},
		},
	},
	{
		ID:          RuleHMAC,
		Description: "code that builds or checks JWTs by hand computes an HMAC with a literal key",
		Fix:         fixMove,
		kind:        kindCall,
		langs:       []lang{langJS, langGo, langPython, langJava, langRuby, langPHP, langCSharp},
		keywords:    []string{"hmac"},
		needs:       []string{"jwt", "hs256", "hs512", "hs384"},
		// The key argument of each HMAC constructor: Node's and k6's
		// createHmac(alg, key); Python's hmac.new(key, msg, digestmod) and
		// hmac.digest(key, msg, digest); Go's hmac.New(hash, key); Java's
		// new SecretKeySpec(key, "HmacSHA256"); PHP's hash_hmac(alg, data,
		// key); Ruby's OpenSSL::HMAC.digest(digest, key, data); .NET's
		// new HMACSHA256(key).
		sigs: []sig{
			{call: `\bcreateH(?:mac|MAC)\s*\(`, arg: 1},
			{call: `\bhmac\s*\.\s*(?:new|digest)\s*\(`, arg: 0},
			{call: `\bhmac\s*\.\s*New\s*\(`, arg: 1},
			{call: `\bnew\s+SecretKeySpec\s*\(`, arg: 0},
			{call: `\bhash_hmac\s*\(`, arg: 2},
			{call: `\bOpenSSL::HMAC\s*\.\s*(?:digest|hexdigest|base64digest)\s*\(`, arg: 1},
			{call: `\bnew\s+HMACSHA(?:256|384|512)\s*\(`, arg: 0},
		},
		sink: "the HMAC",
		TruePositives: []Example{
			{"jwt.js", "const header = { alg: 'HS256', typ: 'JWT' };\nconst sig = crypto.createHmac('sha256', 'my-key-secret').update(data).digest('base64url');\n"},
			{"jwt.py", "# HS256 by hand\nsig = hmac.new(b'secret', msg, hashlib.sha256).digest()\n"},
			{"jwt.go", "// HS256 JWT\nmac := hmac.New(sha256.New, []byte(\"secret\"))\n"},
			{"Jwt.java", "// JWT signature\nSecretKeySpec k = new SecretKeySpec(\"secret\".getBytes(), \"HmacSHA256\");\n"},
			{"jwt.php", "$sig = hash_hmac('sha256', $header . '.' . $payload, 'my-secret', true); // HS256\n"},
			{"jwt.js", "// JWT\nconst key = 'abcd123456';\nconst sig = crypto.createHmac('sha256', key).update(x).digest();\n"},
		},
		FalsePositives: []Example{
			{"webhook.js", "const sig = crypto.createHmac('sha256', 'whsec').update(body).digest('hex');\n"},
			{"jwt.js", "// JWT\nfunction sign(data, secret) { return crypto.createHmac('sha256', secret).update(data).digest(); }\n"},
			{"jwt.py", "# JWT\nsig = hmac.new(key=bytes(secret, 'utf-8'), msg=content, digestmod=hashlib.sha256)\n"},
		},
	},
	{
		ID:          RulePrivateKey,
		Description: "a private key (PEM or JSON Web Key) is in the repository",
		Fix:         "remove the key file, keep keys out with .gitignore, and replace the key pair: everyone with a clone can sign tokens with it",
		kind:        kindKey,
		keywords:    []string{"private key-----", "kty"},
		TruePositives: []Example{
			{"jwtRS256.key", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAzwSg6qGty/OaBZaV0goJL6xs7Uh8iGYONXEu9ZixCSkYC8cP\nSmFdllyaM+tSXlm81e6Vw6cV6w5ndwTTX5U1DgB9jLm3cYkPXp5C/TXfQH+aHuot\n-----END RSA PRIVATE KEY-----\n"},
			{"private.jwk", "{\"kty\":\"oct\",\"kid\":\"a\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQ\"}\n"},
		},
		FalsePositives: []Example{
			{"README.txt", "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n"},
			{"public.pem", "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n"},
			{"jwks.json", "{\"keys\":[{\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\"u1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0\"}]}\n"},
		},
	},
	{
		ID:          RuleUnparseable,
		Description: "dotenv readers read a secret differently, or cannot read it",
		Fix:         "quote the value in single quotes, or regenerate it with characters every reader agrees on (jwtkey env writes hex)",
		kind:        kindReading,
	},
	{
		ID:          RuleToken,
		Description: "a JWT in the repository is signed with a published or guessable secret",
		Fix:         "the secret that signed it is public: replace it with a random key (jwtkey --alg HS256) wherever it is used, and rotate",
		kind:        kindToken,
		keywords:    []string{"eyj"},
		anchor:      `eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{16,}`,
		// The true positives, tokens signed with "secret", are made by the
		// test: one written here would be flagged by other scanners.
		FalsePositives: []Example{
			{"notes.js", "const t = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.aGVsbG8td29ybGQtaGVsbG8td29ybGQ';\n"},
		},
	},
	{
		ID:          RuleCommitted,
		Description: "a .env file with values is committed to git",
		Fix:         "git rm --cached the file, add it to .gitignore, and rotate every secret in it: it stays in the history",
		kind:        kindFile,
	},
	{
		ID:          RuleNotIgnored,
		Description: "a .env file with values is not ignored by git",
		Fix:         "add it to .gitignore before it is committed",
		kind:        kindFile,
	},
	{
		ID:          RuleReused,
		Description: "the same JWT secret is set in two files",
		Fix:         "give each environment its own key: a token from one is otherwise valid in the other",
		kind:        kindReuse,
	},
}

// assignKeywords pre-filter lines for the assignment rules.
var assignKeywords = []string{"secret", "jwt", "signing", "hmac"}

var compileOnce sync.Once

func compileRules() {
	compileOnce.Do(func() {
		for _, r := range Rules {
			if r.anchor != "" {
				r.anchorRe = regexp.MustCompile(r.anchor)
			}
			for i := range r.sigs {
				r.sigs[i].re = regexp.MustCompile(r.sigs[i].call)
			}
			if r.window != "" {
				r.windowRe = regexp.MustCompile(r.window)
			}
		}
	})
}

// ruleByID returns the rule with the given ID, or nil.
func ruleByID(id string) *Rule {
	for _, r := range Rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

func (r *Rule) appliesTo(l lang) bool {
	if r.langs == nil {
		return true
	}
	for _, x := range r.langs {
		if x == l {
			return true
		}
	}
	return false
}
