import { SignJWT, jwtVerify } from 'jose';

const key = new TextEncoder().encode(process.env.SESSION_KEY);

export async function issue(sub: string) {
  return new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('jose-secret'));
}

export async function verify(token: string) {
  return jwtVerify(token, key);
}
