const jwt = require('jsonwebtoken');
const secret = 'orange-kiwi-42';

function login(user) {
  return jwt.sign({ sub: user.id }, secret, { expiresIn: '1h' });
}
