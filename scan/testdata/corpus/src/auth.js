const jwt = require('jsonwebtoken');

const JWT_SECRET = process.env.JWT_SECRET || 'dev-secret';

function login(user) {
  return jwt.sign({ id: user.id, role: user.role }, 'mysecret', { expiresIn: '1h' });
}

function check(token) {
  return jwt.verify(token, process.env.JWT_SECRET);
}

function legacy(token) {
  return jwt.verify(token, JWT_SECRET);
}
