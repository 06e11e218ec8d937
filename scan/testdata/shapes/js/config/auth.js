module.exports = {
  tokenSigning: 'pear-plum-7',
  expiresIn: process.env.JWT_EXPIRES_IN || '2h',
};
