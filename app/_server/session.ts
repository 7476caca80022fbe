// Cookie I/O for sessions; the token itself is lib/auth's business.
import 'server-only';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { AppError } from '@/lib/errors';
import { currentUser } from '@/lib/auth/current-user';
import { endSessions } from '@/lib/auth/end-sessions';
import {
  createSessionToken,
  servedOverHttps,
  sessionCookieFrom,
  sessionCookieName,
  SESSION_MAX_AGE_SECONDS,
  verifySessionToken,
  type SessionUser,
} from '@/lib/auth/session';

/**
 * The signed-in user as the database sees them now (role included), or null for a missing, forged,
 * expired or revoked session. One read of users per request (cache() shares it between a page's
 * layout and its components; nothing is kept across requests).
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const claimed = await tokenUser();
  return claimed && currentUser(claimed);
});

async function tokenUser(): Promise<SessionUser | null> {
  const jar = await cookies();
  return verifySessionToken(jar.get(sessionCookieName())?.value);
}

export async function requireUser(): Promise<SessionUser> {
  return signedIn(await getSessionUser());
}

/**
 * The token's claims for the hot status route, read straight from the request's Cookie header,
 * synchronously, without next/headers' cookie store (the same parsing, less work per poll). Not yet
 * a live session: the route's one order read also checks the session version.
 */
export function requireUserFrom(request: Request): SessionUser {
  return requireUserFromCookie(request.headers.get('cookie'));
}

/** The same, from a Cookie header as node:http gives it (the event streams served before Next). */
export function requireUserFromCookie(cookieHeader: string | null | undefined): SessionUser {
  return signedIn(verifySessionToken(sessionCookieFrom(cookieHeader)));
}

function signedIn(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError('unauthorized', 'Sign in first', undefined, { key: 'signInRequired' });
  return user;
}

export async function startSession(user: SessionUser): Promise<void> {
  const jar = await cookies();
  jar.set(sessionCookieName(), await createSessionToken(user), {
    httpOnly: true,
    sameSite: 'lax',
    // From configuration (live mode is HTTPS); plain-HTTP local development keeps working.
    secure: servedOverHttps(),
    path: '/',
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}

/** Ends the session server-side (every token of this user stops working) and clears the cookie. */
export async function endSession(): Promise<void> {
  const claimed = await tokenUser();
  if (claimed) await endSessions(claimed);
  const jar = await cookies();
  jar.delete({ name: sessionCookieName(), path: '/', secure: servedOverHttps(), httpOnly: true, sameSite: 'lax' });
}

/** Every admin route calls this before it looks at its input: 401 signed out, 403 shopper (role read from the database). */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== 'admin') throw new AppError('forbidden', 'Operators only', undefined, { key: 'operatorsOnly' });
  return user;
}
