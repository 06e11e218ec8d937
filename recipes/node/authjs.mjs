// Auth.js encrypts session tokens with the first secret and decrypts them
// with any: pass this as `secret` to NextAuth({ ... }) or Auth(request, { ... }).
export const secret = [process.env.AUTH_SECRET, process.env.AUTH_SECRET_PREVIOUS].filter(Boolean);
