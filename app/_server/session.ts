// Cookie I/O for sessions; the token itself is lib/auth's business.
import 'server-only';
import { cookies } from 'next/headers';
import { AppError } from '@/lib/errors';
import {
  createSessionToken,
  sessionCookieFrom,
  SESSION_COOKIE,
  SESSION_MAX_AGE_SECONDS,
  verifySessionToken,
  type SessionUser,
} from '@/lib/auth/session';

export async function getSessionUser(): Promise<SessionUser | null> {
  const jar = await cookies();
  return verifySessionToken(jar.get(SESSION_COOKIE)?.value);
}

export async function requireUser(): Promise<SessionUser> {
  return signedIn(await getSessionUser());
}

/**
 * requireUser for the hot status route: the session read straight from the request's Cookie header,
 * synchronously, without next/headers' cookie store (the same parsing, less work per poll).
 */
export function requireUserFrom(request: Request): SessionUser {
  return signedIn(verifySessionToken(sessionCookieFrom(request.headers.get('cookie'))));
}

function signedIn(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError('unauthorized', 'Sign in first');
  return user;
}

export async function startSession(user: SessionUser, request: Request): Promise<void> {
  const jar = await cookies();
  jar.set(SESSION_COOKIE, await createSessionToken(user), {
    httpOnly: true,
    sameSite: 'lax',
    // Secure wherever the site is served over HTTPS (directly or behind a TLS-terminating proxy);
    // plain-HTTP local development keeps working.
    secure: isHttps(request),
    path: '/',
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

export async function endSession(): Promise<void> {
  const jar = await cookies();
  jar.delete(SESSION_COOKIE);
}

function isHttps(request: Request): boolean {
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return (proto ?? new URL(request.url).protocol.replace(':', '')) === 'https';
}

/** Every admin route calls this before it looks at its input: 401 signed out, 403 shopper. */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== 'admin') throw new AppError('forbidden', 'Operators only');
  return user;
}
