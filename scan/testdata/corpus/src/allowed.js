const jwt = require('jsonwebtoken');
// A demo key on purpose. jwtkey:allow
const demo = jwt.sign({ demo: true }, 'demo-only-secret');
