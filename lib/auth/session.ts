// A signed session token (HS256 JWT via jose) carried in an httpOnly cookie. Verifying it needs
// no database round trip, which keeps the status route to one query.
import { jwtVerify, SignJWT } from 'jose';
import { getEnv } from '@/lib/env';

export const SESSION_COOKIE = 'session';
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;

export interface SessionUser {
  id: number;
  username: string;
  role: 'shopper' | 'admin';
}

let secret: Uint8Array | undefined;
const key = () => (secret ??= new TextEncoder().encode(getEnv().SESSION_SECRET));

export async function createSessionToken(user: SessionUser): Promise<string> {
  return new SignJWT({ username: user.username, role: user.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(user.id))
    .setIssuedAt()
    .setExpirationTime(`${SESSION_MAX_AGE_SECONDS}s`)
    .sign(key());
}

export async function readSessionToken(token: string | undefined): Promise<SessionUser | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, key(), { algorithms: ['HS256'] });
    const id = Number(payload.sub);
    const role = payload.role === 'admin' ? 'admin' : 'shopper';
    if (!Number.isSafeInteger(id) || typeof payload.username !== 'string') return null;
    return { id, username: payload.username, role };
  } catch {
    return null;
  }
}
