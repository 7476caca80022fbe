// lib/auth/session.ts mints session tokens with jose but verifies them with its own synchronous
// node:crypto code (the status route checks one on every poll), and reads the Cookie header with its
// own parser instead of next/headers. Both are re-implementations of something a user already relies
// on, so these tests hold them to the originals:
//   - verifySessionToken must never accept a token that jose's jwtVerify(token, key, { algorithms:
//     ['HS256'] }) rejects (it may be stricter: each deliberate case is listed in the corpus), must
//     never accept a modified token, and must never throw;
//   - sessionCookieFrom must pick the same `session` value as Next's RequestCookies
//     (@edge-runtime/cookies, as compiled into next).
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { jwtVerify, SignJWT, type JWTHeaderParameters, type JWTPayload } from 'jose';
import { parseCookie, RequestCookies } from 'next/dist/compiled/@edge-runtime/cookies';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSessionToken, SESSION_MAX_AGE_SECONDS, sessionCookieFrom, verifySessionToken, type SessionUser } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { TEST_ENV } from '@/tests/support/test-env';

// ---------------------------------------------------------------------------------------------------
// Environment: getEnv() (and the session key derived from it) is read lazily on first use and then
// cached for the life of the module, so stubbing before the first test is early enough. Every secret
// is given, so DATA_DIR is never read; a temp dir keeps it that way should one go missing.

let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'session-test-'));
  for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
  vi.stubEnv('DATA_DIR', dataDir);
  expect(getEnv().SESSION_SECRET).toBe(TEST_ENV.SESSION_SECRET);
});

afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

afterEach(() => {
  vi.useRealTimers();
});

// ---------------------------------------------------------------------------------------------------
// Helpers

const KEY = new TextEncoder().encode(TEST_ENV.SESSION_SECRET);
const OTHER_KEY = new TextEncoder().encode('another-secret-of-at-least-32-characters!!');

const SHOPPER: SessionUser = { id: 42, username: 'alice', role: 'shopper', sessionVersion: 0 };
const ADMIN: SessionUser = { id: 1, username: 'admin', role: 'admin', sessionVersion: 3 };

const now = () => Math.floor(Date.now() / 1000);
const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const encode = (value: unknown) => b64url(JSON.stringify(value));

/** A full, valid claims set as the app would issue it, with overrides (undefined removes a claim). */
function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const all: Record<string, unknown> = { username: 'alice', role: 'shopper', sub: '42', iat: now(), exp: now() + 3600, ...overrides };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
}

/** Signs already-encoded parts with HMAC, so a test can sign things jose's SignJWT refuses to build. */
function signParts(header: string, payload: string, hash: 'sha256' | 'sha512' = 'sha256', key: Uint8Array = KEY): string {
  const signature = createHmac(hash, key).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

const signRaw = (header: unknown, payload: unknown) => signParts(encode(header), encode(payload));

const mint = (payload: JWTPayload, header: JWTHeaderParameters = { alg: 'HS256' }, key: Uint8Array = KEY) =>
  new SignJWT(payload).setProtectedHeader(header).sign(key);

/** Replaces the part at `index` (0 header, 1 payload, 2 signature) of a token, keeping the others. */
function withPart(token: string, index: number, part: string): string {
  const parts = token.split('.');
  parts[index] = part;
  return parts.join('.');
}

function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A payload whose base64url form is a multiple of 4 long (JSON allows trailing spaces). */
function alignedPayload(value: unknown): string {
  let json = JSON.stringify(value);
  while (b64url(json).length % 4 !== 0) json += ' ';
  return b64url(json);
}

async function joseAccepts(token: string | undefined): Promise<boolean> {
  try {
    await jwtVerify(token as string, KEY, { algorithms: ['HS256'] });
    return true;
  } catch {
    return false;
  }
}

/** No try/catch on purpose: verifySessionToken promises never to throw. */
const localAccepts = (token: string | undefined) => verifySessionToken(token) !== null;

// ---------------------------------------------------------------------------------------------------

describe('createSessionToken / verifySessionToken round trip', () => {
  it.each([
    ['shopper', SHOPPER],
    ['admin', ADMIN],
    ['unicode username', { id: 9_007_199_254_740_991, username: 'Zoë 张伟 🛒', role: 'shopper', sessionVersion: 0 } as SessionUser],
  ])('%s: verifySessionToken returns the user', async (_name, user) => {
    const token = await createSessionToken(user);
    expect(verifySessionToken(token)).toEqual(user);
  });

  it('mints a standard HS256 JWT that jose verifies, expiring after SESSION_MAX_AGE_SECONDS', async () => {
    const token = await createSessionToken(ADMIN);
    const { payload, protectedHeader } = await jwtVerify(token, KEY, { algorithms: ['HS256'] });
    expect(protectedHeader).toEqual({ alg: 'HS256' });
    expect(payload).toMatchObject({ sub: '1', username: 'admin', role: 'admin' });
    expect(payload.exp! - payload.iat!).toBe(SESSION_MAX_AGE_SECONDS);
  });

  it('accepts a token until its exp, and not from exp on (same boundary as jose)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const issued = new Date('2030-01-01T00:00:00Z');
    vi.setSystemTime(issued);
    const token = await createSessionToken(SHOPPER);

    vi.setSystemTime(issued.getTime() + (SESSION_MAX_AGE_SECONDS - 1) * 1000);
    expect(verifySessionToken(token)).toEqual(SHOPPER);
    expect(await joseAccepts(token)).toBe(true);

    vi.setSystemTime(issued.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
    expect(verifySessionToken(token)).toBeNull();
    expect(await joseAccepts(token)).toBe(false);
  });

  it('reads no session from a missing token', async () => {
    expect(verifySessionToken(undefined)).toBeNull();
    expect(verifySessionToken(undefined)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------
// The corpus: each token is built inside its test (the env and the clock must be set up first).

type Verdict = 'accept' | 'reject';

interface Case {
  name: string;
  token: () => string | undefined | Promise<string | undefined>;
  local: Verdict;
  jose: Verdict;
  /** Why verifySessionToken is deliberately stricter than jose here. */
  stricter?: string;
}

const corpus: Case[] = [
  // What the app issues, and what a standard HS256 signer could issue.
  { name: 'app token (shopper)', token: () => createSessionToken(SHOPPER), local: 'accept', jose: 'accept' },
  { name: 'app token (admin)', token: () => createSessionToken(ADMIN), local: 'accept', jose: 'accept' },
  { name: 'typ JWT and kid headers', token: () => mint(claims(), { alg: 'HS256', typ: 'JWT', kid: 'k1' }), local: 'accept', jose: 'accept' },
  { name: 'nbf == now', token: () => mint(claims({ nbf: now() })), local: 'accept', jose: 'accept' },
  {
    name: 'exp beyond any date (1e400 parses as Infinity)',
    token: () => signParts(encode({ alg: 'HS256' }), b64url('{"sub":"42","username":"alice","exp":1e400}')),
    local: 'accept',
    jose: 'accept',
  },

  // Time.
  { name: 'expired (exp in the past)', token: () => mint(claims({ iat: now() - 7200, exp: now() - 10 })), local: 'reject', jose: 'reject' },
  { name: 'exp == now', token: () => mint(claims({ exp: now() })), local: 'reject', jose: 'reject' },
  { name: 'nbf in the future', token: () => mint(claims({ nbf: now() + 60 })), local: 'reject', jose: 'reject' },
  { name: 'exp is a string', token: () => signRaw({ alg: 'HS256' }, claims({ exp: String(now() + 3600) })), local: 'reject', jose: 'reject' },
  { name: 'iat is a string', token: () => signRaw({ alg: 'HS256' }, claims({ iat: 'yesterday' })), local: 'reject', jose: 'reject' },
  { name: 'nbf is null', token: () => signRaw({ alg: 'HS256' }, claims({ nbf: null })), local: 'reject', jose: 'reject' },

  // Forgeries.
  { name: 'signed with another secret', token: () => mint(claims(), { alg: 'HS256' }, OTHER_KEY), local: 'reject', jose: 'reject' },
  {
    name: 'tampered payload: sub changed',
    token: async () => {
      const token = await createSessionToken(SHOPPER);
      return withPart(token, 1, encode({ ...decodePayload(token), sub: '1' }));
    },
    local: 'reject',
    jose: 'reject',
  },
  {
    name: 'tampered payload: role raised to admin',
    token: async () => {
      const token = await createSessionToken(SHOPPER);
      return withPart(token, 1, encode({ ...decodePayload(token), role: 'admin' }));
    },
    local: 'reject',
    jose: 'reject',
  },
  {
    name: 'tampered signature (one character)',
    token: async () => {
      const token = await createSessionToken(SHOPPER);
      const sig = token.split('.')[2];
      return withPart(token, 2, sig.slice(0, 10) + (sig[10] === 'A' ? 'B' : 'A') + sig.slice(11));
    },
    local: 'reject',
    jose: 'reject',
  },
  {
    name: 'signature with "+" for "-" (base64, not base64url)',
    token: async () => {
      let token = await createSessionToken(SHOPPER);
      // Mint until the signature holds a '-' or '_' to swap (almost always the first one).
      for (let i = 0; !/[-_]/.test(token.split('.')[2]); i++) token = await createSessionToken({ ...SHOPPER, id: SHOPPER.id + i });
      return withPart(token, 2, token.split('.')[2].replace(/-/g, '+').replace(/_/g, '/'));
    },
    local: 'reject',
    jose: 'reject',
  },
  {
    name: 'signature spelled with other unused low bits in its last character',
    token: async () => {
      const token = await createSessionToken(SHOPPER);
      const sig = token.split('.')[2];
      // 32 bytes take 43 characters; the last one carries 4 bits and 2 unused ones, which base64
      // decoders (atob, so jose) ignore: the same signature, spelled differently.
      const last = BASE64URL_ALPHABET.indexOf(sig.at(-1)!);
      return withPart(token, 2, sig.slice(0, -1) + BASE64URL_ALPHABET[last ^ 1]);
    },
    local: 'reject',
    jose: 'accept',
    stricter: 'compares the signature as the canonical base64url string, so only one spelling of it is valid',
  },

  // Algorithms.
  { name: 'alg none, no signature', token: () => `${encode({ alg: 'none' })}.${encode(claims())}.`, local: 'reject', jose: 'reject' },
  { name: 'alg none, HS256 signature', token: () => signRaw({ alg: 'none' }, claims()), local: 'reject', jose: 'reject' },
  {
    name: 'alg HS512, signed with HS512 and the secret',
    token: () => signParts(encode({ alg: 'HS512' }), encode(claims()), 'sha512'),
    local: 'reject',
    jose: 'reject',
  },
  { name: 'alg HS512 header, HS256 signature', token: () => signRaw({ alg: 'HS512' }, claims()), local: 'reject', jose: 'reject' },
  { name: 'no alg', token: () => signRaw({ typ: 'JWT' }, claims()), local: 'reject', jose: 'reject' },

  // Extensions.
  { name: 'crit naming an unknown extension', token: () => signRaw({ alg: 'HS256', crit: ['exp'], exp: 1 }, claims()), local: 'reject', jose: 'reject' },
  { name: 'crit empty', token: () => signRaw({ alg: 'HS256', crit: [] }, claims()), local: 'reject', jose: 'reject' },
  {
    name: 'crit ["b64"] with b64 true',
    token: () => signRaw({ alg: 'HS256', crit: ['b64'], b64: true }, claims()),
    local: 'reject',
    jose: 'accept',
    stricter: 'rejects any crit header; the app never sets one',
  },
  {
    name: 'b64 false without crit (ignored by jose)',
    token: () => signRaw({ alg: 'HS256', b64: false }, claims()),
    local: 'reject',
    jose: 'accept',
    stricter: 'rejects any b64 header; the app never sets one',
  },

  // Claims the app needs.
  {
    name: 'missing exp',
    token: () => mint(claims({ exp: undefined })),
    local: 'reject',
    jose: 'accept',
    stricter: 'requires exp: a session token must expire',
  },
  {
    name: 'missing sub',
    token: () => mint(claims({ sub: undefined })),
    local: 'reject',
    jose: 'accept',
    stricter: 'requires a sub that is an integer user id',
  },
  {
    name: 'non-numeric sub',
    token: () => mint(claims({ sub: 'alice' })),
    local: 'reject',
    jose: 'accept',
    stricter: 'requires a sub that is an integer user id',
  },
  {
    name: 'missing username',
    token: () => mint(claims({ username: undefined })),
    local: 'reject',
    jose: 'accept',
    stricter: 'requires a string username',
  },
  { name: 'payload is an array', token: () => signRaw({ alg: 'HS256' }, [claims()]), local: 'reject', jose: 'reject' },
  { name: 'payload is not JSON', token: () => signParts(encode({ alg: 'HS256' }), b64url('not json')), local: 'reject', jose: 'reject' },
  { name: 'payload is not UTF-8', token: () => signParts(encode({ alg: 'HS256' }), b64url(Buffer.from([0x7b, 0xff, 0x7d]))), local: 'reject', jose: 'reject' },

  // Shape and encoding.
  { name: 'undefined', token: () => undefined, local: 'reject', jose: 'reject' },
  { name: 'empty string', token: () => '', local: 'reject', jose: 'reject' },
  { name: 'two parts', token: async () => (await createSessionToken(SHOPPER)).split('.').slice(0, 2).join('.'), local: 'reject', jose: 'reject' },
  { name: 'trailing dot (four parts)', token: async () => `${await createSessionToken(SHOPPER)}.`, local: 'reject', jose: 'reject' },
  { name: 'extra dots inside', token: async () => (await createSessionToken(SHOPPER)).replace('.', '..'), local: 'reject', jose: 'reject' },
  { name: 'three dots only', token: () => '...', local: 'reject', jose: 'reject' },
  {
    name: 'payload with "+" (re-signed)',
    token: () => signParts(encode({ alg: 'HS256' }), encode(claims()).replace(/.$/, '+')),
    local: 'reject',
    jose: 'reject',
  },
  { name: 'payload with non-ASCII (re-signed)', token: () => signParts(encode({ alg: 'HS256' }), `${encode(claims())}é`), local: 'reject', jose: 'reject' },
  {
    name: 'header with "=" padding (re-signed)',
    token: () => {
      let header = encode({ alg: 'HS256', typ: 'JWT', kid: 'a' });
      while (header.length % 4 !== 0) header += '=';
      expect(header).toMatch(/=$/);
      return signParts(header, encode(claims()));
    },
    local: 'reject',
    jose: 'accept',
    stricter: 'accepts only unpadded base64url, as RFC 7515 requires',
  },
];

describe('verifySessionToken agrees with jose jwtVerify (HS256) on a corpus', () => {
  it.each(corpus)('$name: local $local, jose $jose', async (c) => {
    const token = await c.token();
    const verdict = { local: localAccepts(token) ? 'accept' : 'reject', jose: (await joseAccepts(token)) ? 'accept' : 'reject' };
    expect(verdict).toEqual({ local: c.local, jose: c.jose });
  });

  it('is never more permissive than jose, and every difference is a documented one', async () => {
    for (const c of corpus) {
      const token = await c.token();
      const local = localAccepts(token);
      const jose = await joseAccepts(token);
      if (local) expect(jose, `${c.name}: accepted locally but not by jose`).toBe(true);
      if (local !== jose) expect(c.stricter, `${c.name}: undocumented difference`).toBeTruthy();
    }
  });

  // Buffer.from(part, 'base64url') silently drops a dangling character (a part whose length is 1 mod
  // 4 is not base64); jose rejects it, so the module must too, or it would be more permissive than
  // jose (harmless without the secret, but the contract is "jose's checks, and stricter").
  it('rejects, like jose, a header whose base64url has a dangling character', async () => {
    const header = `${encode({ alg: 'HS256' })}A`;
    expect(header.length % 4).toBe(1);
    const token = signParts(header, encode(claims()));
    expect(await joseAccepts(token)).toBe(false);
    expect(verifySessionToken(token)).toBeNull();
  });

  it('rejects, like jose, a payload whose base64url has a dangling character', async () => {
    const payload = `${alignedPayload(claims())}A`;
    expect(payload.length % 4).toBe(1);
    const token = signParts(encode({ alg: 'HS256' }), payload);
    expect(await joseAccepts(token)).toBe(false);
    expect(verifySessionToken(token)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------

describe('verifySessionToken never throws', () => {
  // A 43-character signature holding a non-ASCII character has the right length in UTF-16 code units
  // but not in UTF-8 bytes, which made timingSafeEqual throw. Anyone can send one (the cookie value
  // is URI-decoded: session=x.y.%C3%A9AAAA...); it must read as signed out (401), never as a 500.
  const forged = () => `${encode({ alg: 'HS256' })}.${encode(claims())}.${'é'.padEnd(43, 'A')}`;

  it('returns null for a signature of the right length holding a non-ASCII character', () => {
    expect(() => verifySessionToken(forged())).not.toThrow();
    expect(verifySessionToken(forged())).toBeNull();
  });

  it('a URI-encoded non-ASCII signature in the Cookie header reads as signed out', async () => {
    const cookie = `theme=dark; session=${encodeURIComponent(forged())}`;
    expect(verifySessionToken(sessionCookieFrom(cookie))).toBeNull();
  });

  it('returns null for any ASCII garbage', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 200 }), (s) => {
        expect(verifySessionToken(s)).toBeNull();
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------------

describe('a modified token is never accepted', () => {
  type Mutation = { kind: 'replace' | 'insert'; at: number; byte: number } | { kind: 'delete'; at: number; byte?: undefined };

  const mutations = (byte: fc.Arbitrary<number>) =>
    fc.array(
      fc.oneof(
        fc.record({ kind: fc.constantFrom('replace' as const, 'insert' as const), at: fc.nat(), byte }),
        fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
      ),
      { minLength: 1, maxLength: 4 },
    );

  /** Applies the mutations to the token's bytes (latin1, so one byte is one character). */
  function mutate(token: string, list: Mutation[]): string {
    const bytes = [...Buffer.from(token, 'latin1')];
    for (const m of list) {
      const at = m.at % (bytes.length + (m.kind === 'insert' ? 1 : 0) || 1);
      if (m.kind === 'replace') bytes[at] = m.byte;
      else if (m.kind === 'insert') bytes.splice(at, 0, m.byte);
      else bytes.splice(at, 1);
    }
    return Buffer.from(bytes).toString('latin1');
  }

  let token: string;
  beforeAll(async () => {
    token = await createSessionToken(ADMIN);
  });

  it('ASCII mutations: null unless the token is unchanged (and no throw)', () => {
    fc.assert(
      fc.property(mutations(fc.integer({ min: 0, max: 0x7f })), (list) => {
        const mutated = mutate(token, list);
        expect(verifySessionToken(mutated)).toEqual(mutated === token ? ADMIN : null);
      }),
      { numRuns: 1000 },
    );
  });

  it('any-byte mutations: never returns a user unless the token is unchanged', () => {
    // A throw is not an acceptance; that non-ASCII bytes can make it throw is the bug above.
    const user = (t: string) => {
      try {
        return verifySessionToken(t);
      } catch {
        return null;
      }
    };
    fc.assert(
      fc.property(mutations(fc.integer({ min: 0, max: 0xff })), (list) => {
        const mutated = mutate(token, list);
        expect(user(mutated)).toEqual(mutated === token ? ADMIN : null);
      }),
      { numRuns: 1000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------

describe('sessionCookieFrom reads the Cookie header as Next does', () => {
  /** What next/headers' cookies().get('session') returns for a request carrying this header. */
  function nextSession(header: string | null): string | undefined {
    const headers = new Headers();
    if (header !== null) headers.set('cookie', header);
    return new RequestCookies(headers).get('session')?.value;
  }

  /** What a route hands sessionCookieFrom: request.headers.get('cookie') (which trims the value). */
  function routeSession(header: string | null): string | undefined {
    const headers = new Headers();
    if (header !== null) headers.set('cookie', header);
    return sessionCookieFrom(headers.get('cookie'));
  }

  it.each<[string, string | null, string | undefined]>([
    ['no header', null, undefined],
    ['empty header', '', undefined],
    ['other cookies only', 'theme=dark; lang=en', undefined],
    ['session first', 'session=abc; theme=dark; lang=en', 'abc'],
    ['session in the middle', 'theme=dark; session=abc; lang=en', 'abc'],
    ['session last', 'theme=dark; lang=en; session=abc', 'abc'],
    ['no space after ;', 'theme=dark;session=abc', 'abc'],
    ['several spaces after ;', 'theme=dark;    session=abc', 'abc'],
    ['space before ; stays in the value', 'session=abc ; theme=dark', 'abc '],
    ['leading and trailing spaces (trimmed by Headers)', '   session=abc   ', 'abc'],
    ['space around = makes another name', 'session = abc', undefined],
    ['name is case-sensitive', 'Session=abc', undefined],
    ['prefix of another name', 'session_old=abc; sessionx=def', undefined],
    ['URI-encoded value', 'session=a%2Eb%3Dc%20d%E2%9C%93', 'a.b=c d✓'],
    ['value containing =', 'session=a=b', 'a=b'],
    ['empty value', 'session=', ''],
    ['a JWT-looking value', 'session=eyJ.eyJ.sig-_; theme=dark', 'eyJ.eyJ.sig-_'],
    ['duplicate session: the last one wins', 'session=first; theme=dark; session=second', 'second'],
    ['malformed %-encoding alone', 'session=%E0%A4%A', undefined],
    ['malformed %-encoding after a good one: the good one stays', 'session=good; session=%ZZ', 'good'],
    ['malformed %-encoding before a good one', 'session=%ZZ; session=good', 'good'],
    ['bare session without =', 'session', 'true'],
    ['bare session among others', 'theme=dark; session; lang=en', 'true'],
    ['bare session after a value wins', 'session=abc; session', 'true'],
    ['empty pairs', ';; ;session=abc;;', 'abc'],
    ['comma is not a separator', 'theme=dark, session=abc', undefined],
  ])('%s', (_name, header, expected) => {
    expect(nextSession(header)).toBe(expected);
    expect(routeSession(header)).toBe(expected);
    if (header !== null) expect(sessionCookieFrom(header)).toBe(parseCookie(header).get('session'));
  });

  it('returns undefined for undefined', () => {
    expect(sessionCookieFrom(undefined)).toBeUndefined();
  });

  it('agrees with Next on random headers built from tricky pieces', () => {
    const piece = fc.constantFrom(
      'session=abc',
      'session=x.y.z',
      'session=a%2Fb',
      'session=%E2%9C%93',
      'session=%E0%A4%A',
      'session=%',
      'session',
      'session=',
      'session==',
      'session =v',
      ' session=sp',
      'Session=v',
      'sessions=v',
      'theme=dark',
      'x=%ZZ',
      'a=b=c',
      '',
    );
    const separator = fc.constantFrom('; ', ';', ';   ', ' ; ', ', ', ';\t');
    const header = fc.array(fc.tuple(piece, separator), { maxLength: 6 }).map((pairs) => pairs.map(([p, s], i) => (i === 0 ? p : s + p)).join(''));
    fc.assert(
      fc.property(header, (h) => {
        expect(sessionCookieFrom(h)).toBe(parseCookie(h).get('session'));
        expect(routeSession(h)).toBe(nextSession(h));
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------

describe('the session version claim (sv)', () => {
  it('carries the version the token was issued with', async () => {
    const token = await createSessionToken({ ...SHOPPER, sessionVersion: 7 });
    expect(decodePayload(token).sv).toBe(7);
    expect(verifySessionToken(token)?.sessionVersion).toBe(7);
  });

  it('reads a token minted before versions existed as version 0', async () => {
    expect(verifySessionToken(await mint(claims()))?.sessionVersion).toBe(0);
  });

  it.each([-1, 1.5, '1', null, true, 2 ** 53])('refuses sv = %j', async (sv) => {
    expect(verifySessionToken(await mint(claims({ sv })))).toBeNull();
  });
});
