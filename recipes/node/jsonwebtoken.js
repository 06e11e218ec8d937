// Sign with JWT_SECRET; also accept JWT_SECRET_PREVIOUS until `jwtkey retire`.
const jwt = require('jsonwebtoken');

const algorithms = ['HS256'];

// The key that signed the token: the current one, or the previous one when
// the current one fails on the signature and only there. An expired token
// signed with the current key stays expired; it is not tried again.
function keyFor(token) {
  const current = process.env.JWT_SECRET;
  const previous = process.env.JWT_SECRET_PREVIOUS;
  if (!previous) return current;
  try {
    jwt.verify(token, current, { algorithms });
    return current;
  } catch (err) {
    return err.message === 'invalid signature' ? previous : current;
  }
}

const sign = (payload, options) =>
  jwt.sign(payload, process.env.JWT_SECRET, { ...options, algorithm: algorithms[0] });

const verify = (token, options) =>
  jwt.verify(token, keyFor(token), { ...options, algorithms });

module.exports = { algorithms, keyFor, sign, verify };
