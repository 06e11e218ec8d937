// A strong key is still a finding: it is in the repository.
const JWT_SECRET = "9f3c1e7a2b5d8c4f6e0a1b3c5d7e9f2a4b6c8d0e1f3a5b7c9d2e4f6a8b0c1d3e";
module.exports = { JWT_SECRET };
