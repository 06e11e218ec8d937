// Runs one of the recipes in this folder for recipes_test.go. Reads
// {"recipe", "sign": [{"sub", "expired", "foreign"}], "verify": [token]}
// on stdin; writes {"signed": [token], "verified": [{"ok", "sub", "error"}]},
// where error is "signature", "expired" or another message.
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { Auth } from '@auth/core';
import { encode } from '@auth/core/jwt';
import Credentials from '@auth/core/providers/credentials';

const require = createRequire(import.meta.url);
const jsonwebtoken = require('./jsonwebtoken.js');
const { requireAuth } = require('./express-jwt.js');

const now = () => Math.floor(Date.now() / 1000);
const hour = 3600;

function classify(err) {
  if (err?.name === 'TokenExpiredError' || err?.code === 'ERR_JWT_EXPIRED') return 'expired';
  if (err?.message === 'invalid signature' || err?.message === 'no matching decryption secret') return 'signature';
  return String(err?.message ?? err);
}

// A token signed with a key of its own, that no recipe should accept.
async function withForeignKey(name, f) {
  const saved = process.env[name];
  process.env[name] = randomBytes(32).toString('hex');
  try {
    return await f();
  } finally {
    process.env[name] = saved;
  }
}

const jwtRecipe = {
  env: 'JWT_SECRET',
  sign: ({ sub, expired }) => jsonwebtoken.sign({ sub, exp: now() + (expired ? -60 : hour) }),
};

const recipes = {
  jsonwebtoken: {
    ...jwtRecipe,
    async verify(token) {
      return jsonwebtoken.verify(token).sub;
    },
  },
  'express-jwt': {
    ...jwtRecipe,
    async verify(token) {
      const req = { method: 'GET', headers: { authorization: `Bearer ${token}` } };
      const err = await new Promise((resolve) => requireAuth(req, {}, resolve));
      if (err) throw err.inner ?? err;
      return req.auth.sub;
    },
  },
  authjs: {
    env: 'AUTH_SECRET',
    cookie: 'authjs.session-token',
    async sign({ sub, expired }) {
      const { secret } = await import(`./authjs.mjs?${Math.random()}`);
      return encode({ token: { sub, name: sub }, secret, salt: this.cookie, maxAge: expired ? -60 : hour });
    },
    async verify(token) {
      const { secret } = await import(`./authjs.mjs?${Math.random()}`);
      let logged;
      const res = await Auth(
        new Request('http://localhost/auth/session', { headers: { cookie: `${this.cookie}=${token}` } }),
        {
          secret,
          trustHost: true,
          providers: [Credentials({ credentials: {}, authorize: () => null })],
          logger: { error: (e) => { logged = e; }, warn() {}, debug() {} },
        },
      );
      const session = await res.json();
      if (!session) throw logged?.cause?.err ?? logged ?? new Error('no session');
      return session.user.name;
    },
  },
};

const input = JSON.parse(await new Promise((resolve) => {
  let s = '';
  process.stdin.on('data', (d) => { s += d; }).on('end', () => resolve(s));
}));
const recipe = recipes[input.recipe];
if (!recipe) throw new Error(`no recipe ${input.recipe}`);
const out = { signed: [], verified: [] };
for (const req of input.sign ?? []) {
  const sign = () => recipe.sign(req);
  out.signed.push(await (req.foreign ? withForeignKey(recipe.env, sign) : sign()));
}
for (const token of input.verify ?? []) {
  try {
    out.verified.push({ ok: true, sub: await recipe.verify(token) });
  } catch (err) {
    out.verified.push({ ok: false, error: classify(err) });
  }
}
process.stdout.write(JSON.stringify(out));
