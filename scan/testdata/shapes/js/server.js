const opts = {
  secret:
    process.env.JWT_SECRET ||
    'lemon-lime-9',
  port: process.env.PORT || 8080,
};
