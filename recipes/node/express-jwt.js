// express-jwt verifies with one key: hand it the one that signed the token.
const { expressjwt } = require('express-jwt');
const { algorithms, keyFor } = require('./jsonwebtoken');

const bearer = (req) => {
  const [scheme, token] = (req.headers.authorization || '').split(' ');
  return /^Bearer$/i.test(scheme) ? token : undefined;
};

// app.use(requireAuth): req.auth holds the verified claims.
const requireAuth = expressjwt({ algorithms, getToken: bearer, secret: (req) => keyFor(bearer(req)) });

module.exports = { requireAuth };
