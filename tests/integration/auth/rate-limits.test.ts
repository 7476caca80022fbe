// Rate limits on a server of their own with RATE_LIMIT on (the shared server runs with them off,
// as its suites create many accounts from one address). Each "address" is a real one: requests
// leave from different loopback addresses (127.0.0.0/8), so the server tells them apart by the
// socket's peer, and a forged X-Forwarded-For changes nothing (TRUSTED_PROXIES is 0).
import { request as httpRequest } from 'node:http';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../../support/app-server';
import { uniqueName } from '../../support/api';
import { TEST_ENV } from '../../support/test-env';

let server: AppServer;
const password = 'correct horse battery';

beforeAll(async () => {
  server = await startAppServer({ port: Number(process.env.TEST_PORT ?? 3101) + 36, name: 'rate-limits', env: { RATE_LIMIT: 'on' } });
});

afterAll(async () => {
  await server?.stop();
});

interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the reply's JSON, probed by the assertions
  body: any;
  retryAfter: number | undefined;
  cookie: string | undefined;
}

let nextAddress = 10;
/** A loopback address no other test in this file has used. */
const freshAddress = () => `127.0.0.${nextAddress++}`;

function call(from: string, method: string, path: string, json?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const url = new URL(path, server.baseUrl);
  const body = json === undefined ? undefined : JSON.stringify(json);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method,
        localAddress: from,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          const cookie = res.headers['set-cookie']?.find((c) => c.startsWith('session='))?.split(';')[0];
          resolve({
            status: res.statusCode!,
            body: text ? JSON.parse(text) : undefined,
            retryAfter: retryAfter === undefined ? undefined : Number(retryAfter),
            cookie,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function signUp(from: string, username = uniqueName()) {
  const res = await call(from, 'POST', '/api/users', { username, password });
  expect(res.status).toBe(201);
  return { username, cookie: res.cookie! };
}

const signIn = (from: string, username: string, pw = password) => call(from, 'POST', '/api/session', { username, password: pw });

function expectRefused(res: Reply, maxRetryAfter: number) {
  expect(res.status).toBe(429);
  expect(typeof res.body.error).toBe('string');
  expect(res.retryAfter).toBeGreaterThanOrEqual(1);
  expect(res.retryAfter).toBeLessThanOrEqual(maxRetryAfter);
}

describe('sign-up', () => {
  it('allows 10 sign-ups per address per hour, whatever X-Forwarded-For claims; other addresses still sign up', async () => {
    const from = freshAddress();
    for (let i = 0; i < 10; i++) {
      const res = await call(from, 'POST', '/api/users', { username: uniqueName(), password }, { 'x-forwarded-for': `198.51.100.${i}` });
      expect(res.status).toBe(201);
    }
    const refused = await call(from, 'POST', '/api/users', { username: uniqueName(), password }, { 'x-forwarded-for': '203.0.113.99' });
    expectRefused(refused, 3600);
    await signUp(freshAddress());
  });
});

describe('sign-in', () => {
  it('verifies at most 5 of 30 parallel wrong guesses; then refuses even the right password from that address', async () => {
    const attacker = freshAddress();
    const { username } = await signUp(freshAddress());
    const guesses = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(attacker, username, `wrong-guess-${i}`)));
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
    for (const refused of guesses.filter((g) => g.status === 429)) expectRefused(refused, 900);

    expectRefused(await signIn(attacker, username), 900);
    // The owner, from an address of their own, is not locked out.
    expect((await signIn(freshAddress(), username)).status).toBe(200);
  });

  it('never lets a stranger lock the admin out: one address is blocked for good, several delay the admin by a minute at most', async () => {
    const admin = TEST_ENV.ADMIN_USERNAME;
    const stranger = freshAddress();
    const guess = (from: string) => Promise.all(Array.from({ length: 30 }, (_, i) => signIn(from, admin, `not-the-admin-${i}`)));
    await guess(stranger);
    await guess(stranger);
    expect((await signIn(freshAddress(), admin, TEST_ENV.ADMIN_PASSWORD)).status).toBe(200);

    // A second address brings the guesses for this name to the per-username back-off.
    await guess(freshAddress());
    expectRefused(await signIn(freshAddress(), admin, TEST_ENV.ADMIN_PASSWORD), 60);
  });

  it('allows 30 attempts per address per 15 minutes, whichever usernames they name', async () => {
    const from = freshAddress();
    for (let i = 0; i < 30; i++) expect((await signIn(from, uniqueName(), 'some-password')).status).toBe(401);
    expectRefused(await signIn(from, uniqueName(), 'some-password'), 900);
    expect((await signIn(freshAddress(), uniqueName(), 'some-password')).status).toBe(401);
  });
});

describe('checkout', () => {
  it('allows 60 checkouts per account per hour, from any address', async () => {
    const { cookie } = await signUp(freshAddress());
    const checkout = () => call(freshAddress(), 'POST', '/api/orders', { items: [{ productId: 999_999, quantity: 1 }] }, { cookie });
    // An unknown product: counted, then refused with 400, so no stock is touched.
    for (let i = 0; i < 60; i++) expect((await checkout()).status).toBe(400);
    expectRefused(await checkout(), 3600);
  });
});

describe('rate-limit rows', () => {
  it.runIf(process.env.DATABASE_URL)('are deleted by the sweep once their window is over for every limit, and only then (PostgreSQL)', async () => {
    const db = postgres(server.databaseUrl!, { max: 1, onnotice: () => {} });
    try {
      const old = `signup-ip:${uniqueName()}`;
      const recent = `signup-ip:${uniqueName()}`;
      await db`insert into rate_limits (key, window_start, count) values
        (${old}, now() - interval '61 minutes', 10), (${recent}, now() - interval '59 minutes', 10)`;
      const swept = await fetch(`${server.baseUrl}/api/cron/sweep`, { headers: { authorization: `Bearer ${TEST_ENV.CRON_SECRET}` } });
      expect(swept.status).toBe(200);
      const left = await db<{ key: string }[]>`select key from rate_limits where key in (${old}, ${recent})`;
      expect(left.map((r) => r.key)).toEqual([recent]);
    } finally {
      await db.end();
    }
  });
});
