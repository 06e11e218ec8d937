const auth = require('../config/auth');
const jwt = require('jsonwebtoken');
exports.issue = (id) => jwt.sign({ id }, auth.tokenSigning);
