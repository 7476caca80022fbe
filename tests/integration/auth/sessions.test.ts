// Sessions are revocable: signing out ends the session on the server (the old token stops working
// everywhere, the status route included), and renaming ADMIN_USERNAME demotes the old operator at
// the next start, ending their sessions. Live mode's cookie is `__Host-session`, Secure whatever
// X-Forwarded-Proto says.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ApiClient, catalog, newShopper, uniqueName } from '../../support/api';
import { freePort, startAppServer } from '../../support/app-server';

const base = inject('baseUrl');
const password = 'correct horse battery';
// These tests start servers of their own; each start may take up to 90 s on a busy machine.
const STARTS_SERVERS_TIMEOUT_MS = 240_000;

describe('sign-out', () => {
  it('ends the session on the server: the old cookie is refused by every route', async () => {
    const shopper = await newShopper(base);
    const product = (await catalog(base)).find((p) => p.stock > 0)!;
    const order = await shopper.post('/api/orders', { items: [{ productId: product.id, quantity: 1 }] });
    expect(order.status).toBe(201);
    const stolen = shopper.cookie;

    expect((await shopper.request('DELETE', '/api/session')).status).toBe(204);
    const replay = new ApiClient(base);
    replay.cookie = stolen;
    expect((await replay.get('/api/orders')).status).toBe(401);
    const status = await replay.get(`/api/orders/${order.body.orderNo}/status`);
    expect(status.status).toBe(401);
    expect((await replay.post('/api/orders', { items: [{ productId: product.id, quantity: 1 }] })).status).toBe(401);
  });

  it('leaves a new sign-in working, and signing out twice is harmless', async () => {
    const username = uniqueName();
    const first = new ApiClient(base);
    expect((await first.post('/api/users', { username, password })).status).toBe(201);
    const old = first.cookie;
    expect((await first.request('DELETE', '/api/session')).status).toBe(204);

    const again = new ApiClient(base);
    expect((await again.post('/api/session', { username, password })).status).toBe(200);
    // The revoked token signing out again must not end the new session.
    const stale = new ApiClient(base);
    stale.cookie = old;
    expect((await stale.request('DELETE', '/api/session')).status).toBe(204);
    expect((await again.get('/api/orders')).status).toBe(200);
  });

  it('clears the cookie in the reply', async () => {
    const shopper = await newShopper(base);
    const res = await fetch(`${base}/api/session`, { method: 'DELETE', headers: { cookie: shopper.cookie } });
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('session='))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
  });
});

describe('renaming ADMIN_USERNAME', () => {
  it(
    'demotes the old operator at the next start and ends their sessions',
    async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'wxstore-rename-admin-'));
      const port = await freePort();
      const first = await startAppServer({ port, name: 'rename-admin-1', env: { DATA_DIR: dataDir, ADMIN_USERNAME: 'boss-one' } });
      let oldAdmin: ApiClient;
      try {
        oldAdmin = new ApiClient(first.baseUrl);
        expect((await oldAdmin.post('/api/session', { username: 'boss-one', password: 'admin-test-password' })).status).toBe(200);
        expect((await oldAdmin.get('/api/admin/orders')).status).toBe(200);
      } finally {
        await first.stop();
      }
      const second = await startAppServer({
        port,
        name: 'rename-admin-2',
        env: { DATA_DIR: dataDir, ADMIN_USERNAME: 'boss-two', ...(first.databaseUrl ? { DATABASE_URL: first.databaseUrl } : {}) },
      });
      try {
        const replay = new ApiClient(second.baseUrl);
        replay.cookie = oldAdmin.cookie;
        expect((await replay.get('/api/admin/orders')).status).toBe(401);
        // Signing in again as the old name gives a shopper, not an operator.
        const back = new ApiClient(second.baseUrl);
        const signIn = await back.post('/api/session', { username: 'boss-one', password: 'admin-test-password' });
        expect(signIn.status).toBe(200);
        expect(signIn.body.role).toBe('shopper');
        expect((await back.get('/api/admin/orders')).status).toBe(403);
        const newAdmin = new ApiClient(second.baseUrl);
        expect((await newAdmin.post('/api/session', { username: 'boss-two', password: 'admin-test-password' })).status).toBe(200);
        expect((await newAdmin.get('/api/admin/orders')).status).toBe(200);
      } finally {
        await second.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    STARTS_SERVERS_TIMEOUT_MS,
  );
});

describe('live mode (production)', () => {
  it(
    'names the cookie __Host-session, Secure from configuration, and sends HSTS',
    async () => {
      const live = await startAppServer({
        port: await freePort(),
        name: 'sessions-live',
        env: { WXPAY_MODE: 'live', WXPAY_NOTIFY_URL: 'https://shop.example/api/wxpay/notify', ADMIN_PASSWORD: 'Live-test-passw0rd' },
      });
      try {
        const res = await fetch(`${live.baseUrl}/api/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'http' },
          body: JSON.stringify({ username: uniqueName(), password }),
        });
        expect(res.status).toBe(201);
        const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-session='));
        expect(cookie).toMatch(/; Secure/i);
        expect(cookie).toMatch(/; Path=\//i);
        expect(cookie).not.toMatch(/Domain=/i);
        expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
        // The token works under its live name (a client over HTTPS would send it back).
        const me = await fetch(`${live.baseUrl}/api/orders`, { headers: { cookie: cookie!.split(';')[0] } });
        expect(me.status).toBe(200);
        const plain = await fetch(`${live.baseUrl}/api/orders`, { headers: { cookie: cookie!.split(';')[0].replace('__Host-', '') } });
        expect(plain.status).toBe(401);
      } finally {
        await live.stop();
      }
    },
    STARTS_SERVERS_TIMEOUT_MS,
  );

  it('sandbox mode keeps `session` without Secure, even behind a proxy saying https, and sends no HSTS', async () => {
    const res = await fetch(`${base}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ username: uniqueName(), password }),
    });
    expect(res.status).toBe(201);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('session='))!;
    expect(cookie).not.toMatch(/Secure/i);
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});
