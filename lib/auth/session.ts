// A signed session token (HS256 JWT) carried in an httpOnly cookie. The token carries the user's
// session version (`sv`): a session is valid while it equals users.session_version, so signing out
// (or an operator's demotion) ends every token issued before, on every instance. Routes check it
// with one read of users (app/_server/session.ts); the status route joins it into its order read.
//
// Tokens are minted with jose. They are verified here with node:crypto, synchronously: the status
// route checks one on every poll, and jose's WebCrypto verify (an importKey and a verify job per
// call, each an async round trip) was a measurable share of that route's CPU (bench/README.md).
// The checks are jose's jwtVerify(token, key, { algorithms: ['HS256'] }) for every token this app
// issues, and stricter for the rest: a header must be {alg: HS256} (typ allowed) with no crit or b64,
// and the payload must carry a numeric exp.
import 'server-only';
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { getEnv } from '@/lib/env';
import type { UserRole } from './roles';

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;

/**
 * "Production" is live mode, which is served over HTTPS (its notify URL must be): decided from
 * configuration, never from a client-sent header such as X-Forwarded-Proto. Its cookie is
 * `__Host-session`: Secure, Path=/, no Domain, so a sibling subdomain or a plain-HTTP response
 * cannot set or overwrite it. Sandbox mode keeps `session` without Secure, for http://127.0.0.1.
 */
export const servedOverHttps = () => getEnv().WXPAY_MODE === 'live';
export const sessionCookieName = () => (servedOverHttps() ? '__Host-session' : 'session');

export interface SessionUser {
  id: number;
  username: string;
  role: UserRole;
  /** users.session_version when the token was issued. */
  sessionVersion: number;
}

let secret: Uint8Array | undefined;
const key = () => (secret ??= new TextEncoder().encode(getEnv().SESSION_SECRET));
let hmacKey: KeyObject | undefined;
const verifyKey = () => (hmacKey ??= createSecretKey(Buffer.from(key())));

export async function createSessionToken(user: SessionUser): Promise<string> {
  return new SignJWT({ username: user.username, role: user.role, sv: user.sessionVersion })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(user.id))
    .setIssuedAt()
    .setExpirationTime(`${SESSION_MAX_AGE_SECONDS}s`)
    .sign(key());
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const BASE64URL = /^[A-Za-z0-9_-]*$/;
/** A decimal user id as createSessionToken writes it. */
const USER_ID = /^[1-9]\d{0,15}$/;
/** A token minted before session versions existed reads as version 0, the column's default. */
const sessionVersionOf = (sv: unknown) => (sv === undefined ? 0 : Number.isSafeInteger(sv) && (sv as number) >= 0 ? (sv as number) : null);

function decodeJson(part: string): unknown {
  // A length of 4n+1 is not base64 at all (Buffer would drop the dangling character; jose refuses).
  if (!BASE64URL.test(part) || part.length % 4 === 1) throw new Error('not base64url');
  return JSON.parse(utf8.decode(Buffer.from(part, 'base64url')));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

const numericDate = (value: unknown) => value === undefined || typeof value === 'number';

/**
 * The session's user, or null for a missing, malformed, forged or expired token: never throws on
 * the token (only on a SESSION_SECRET that getEnv refuses, which start-up has already checked).
 */
export function verifySessionToken(token: string | undefined): SessionUser | null {
  if (!token) return null;
  const [header, payload, signature, ...rest] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined || rest.length > 0) return null;
  // The signature first: nothing an attacker wrote is parsed before it is authenticated.
  // Compared as ASCII bytes: a non-ASCII character of the right length must not reach timingSafeEqual
  // with buffers of different sizes (it throws).
  const expected = createHmac('sha256', verifyKey()).update(`${header}.${payload}`).digest('base64url');
  if (signature.length !== expected.length || !BASE64URL.test(signature) || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return null;
  try {
    const h = decodeJson(header);
    if (!isPlainObject(h) || h.alg !== 'HS256' || 'crit' in h || 'b64' in h) return null;
    const claims = decodeJson(payload);
    if (!isPlainObject(claims)) return null;
    const now = Math.floor(Date.now() / 1000);
    if (!numericDate(claims.iat) || !numericDate(claims.nbf) || typeof claims.exp !== 'number') return null;
    if ((claims.nbf !== undefined && (claims.nbf as number) > now) || claims.exp <= now) return null;
    if (typeof claims.sub !== 'string' || !USER_ID.test(claims.sub)) return null;
    const id = Number(claims.sub);
    const role = claims.role === 'admin' ? 'admin' : 'shopper';
    const sessionVersion = sessionVersionOf(claims.sv);
    if (!Number.isSafeInteger(id) || typeof claims.username !== 'string' || sessionVersion === null) return null;
    return { id, username: claims.username, role, sessionVersion };
  } catch {
    return null;
  }
}

/**
 * The session cookie's value from a raw Cookie header, parsed as Next's request cookies parse it
 * (@edge-runtime/cookies: pairs split on `; `, the value URI-decoded, an undecodable pair skipped, a bare name meaning "true", the last one winning), for
 * routes that read the header directly instead of going through next/headers.
 */
export function sessionCookieFrom(header: string | null | undefined, name = sessionCookieName()): string | undefined {
  if (!header) return undefined;
  let value: string | undefined;
  for (const pair of header.split(/; */)) {
    const eq = pair.indexOf('=');
    if (eq === -1) {
      if (pair === name) value = 'true';
      continue;
    }
    if (pair.slice(0, eq) !== name) continue;
    try {
      value = decodeURIComponent(pair.slice(eq + 1));
    } catch {
      // Next drops a pair it cannot decode; an earlier one stays.
    }
  }
  return value;
}
