// The spec's rule for browser requests, over real HTTP (proxy.ts): a state change a browser sends
// from another origin is refused (403); a JSON route refuses other body types (415); a script
// (neither Origin nor Sec-Fetch-Site) is judged by its credentials alone. Also: the security
// headers on pages and API replies, sign-in's return path, /_next/image off, the image route's caching.
import { describe, expect, inject, it } from 'vitest';
import { admin, newShopper, uniqueName } from '../../support/api';

const base = inject('baseUrl');
const password = 'correct horse battery';
const credentials = () => JSON.stringify({ username: uniqueName(), password });

describe('cross-site state changes', () => {
  it.each([
    ['an Origin of another site', { origin: 'http://evil.example' }],
    ['an Origin of another port', { origin: 'http://127.0.0.1:1' }],
    ['Origin: null', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
  ])('refuses sign-up, sign-in, sign-out and sandbox knobs with %s (403 JSON)', async (_name, headers) => {
    for (const [method, path] of [
      ['POST', '/api/users'],
      ['POST', '/api/session'],
      ['DELETE', '/api/session'],
      ['POST', '/sandbox/faults'],
    ]) {
      const res = await fetch(base + path, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        body: method === 'POST' ? credentials() : undefined,
      });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(await res.json()).toEqual({ error: expect.any(String) });
      expect(res.headers.getSetCookie()).toEqual([]);
    }
  });

  it('accepts our own origin and requests with neither header (scripts)', async () => {
    const own = await fetch(`${base}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base, 'sec-fetch-site': 'same-origin' },
      body: credentials(),
    });
    expect(own.status).toBe(201);
    const script = await fetch(`${base}/api/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: credentials() });
    expect(script.status).toBe(201);
  });

  it('refuses a cross-site sign-out, which leaves the session working', async () => {
    const shopper = await newShopper(base);
    const res = await fetch(`${base}/api/session`, { method: 'DELETE', headers: { cookie: shopper.cookie, origin: 'http://evil.example' } });
    expect(res.status).toBe(403);
    expect((await shopper.get('/api/orders')).status).toBe(200);
  });
});

describe('JSON routes take JSON bodies only', () => {
  it('answers 415 to a text/plain or form body, as a cross-site form would send it', async () => {
    const username = uniqueName();
    const body = JSON.stringify({ username, password });
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded']) {
      const res = await fetch(`${base}/api/users`, { method: 'POST', headers: { 'content-type': type }, body });
      expect(res.status, type).toBe(415);
      expect(await res.json()).toEqual({ error: expect.any(String) });
    }
    // Nothing was created: the same name is still free.
    expect((await fetch(`${base}/api/users`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body })).status).toBe(201);
    const signIn = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
    expect(signIn.status).toBe(415);
  });

  it('answers 415 to an admin JSON route given text/plain, and needs no type for bodiless requests', async () => {
    const operator = await admin(base);
    const res = await operator.request('POST', '/api/admin/products', { body: '{}', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(415);
    expect((await operator.request('DELETE', '/api/session')).status).toBe(204);
  });
});

describe('security headers', () => {
  it('gives each page a fresh CSP nonce that Next puts on its scripts, and forbids framing', async () => {
    const nonces: string[] = [];
    for (const path of ['/', '/sign-in', '/cart']) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      const nonce = /'nonce-([^']+)'/.exec(csp)![1];
      nonces.push(nonce);
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  it('puts nosniff and a run-nothing policy on API and XML replies', async () => {
    for (const res of [await fetch(`${base}/api/products`), await fetch(`${base}/api/wxpay/notify`, { method: 'POST', body: '<xml></xml>' })]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });
});

describe('sign-in return path', () => {
  it.each(['/.//evil.example', '/..//evil.example', '/%2e%2e//evil.example', '/\\evil.example', '//evil.example', 'javascript:alert(1)'])(
    'a signed-in visit to /sign-in?next=%s stays on this site',
    async (next) => {
      const shopper = await newShopper(base);
      const res = await shopper.get(`/sign-in?next=${encodeURIComponent(next)}`);
      expect(res.status).toBe(307);
      const location = res.headers.get('location')!;
      expect(new URL(location, base).origin).toBe(base);
      expect(location).not.toMatch(/^\/\/|^\/\\/);
    },
  );
});

describe('images', () => {
  it('has no /_next/image optimizer', async () => {
    const res = await fetch(`${base}/_next/image?url=${encodeURIComponent('/products/placeholder.svg')}&w=64&q=75`);
    expect(res.status).toBe(404);
  });

  it('redirects any version but the current one to it, briefly cached', async () => {
    const operator = await admin(base);
    const product = await operator.post('/api/admin/products', { name: 'Version probe', slug: `v-probe-${Date.now().toString(36)}`, price: '5.00', stock: 1 });
    expect(product.status).toBe(201);
    const form = new FormData();
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    form.set('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'tiny.png');
    const upload = await fetch(`${base}/api/admin/products/${product.body.id}/image`, { method: 'POST', headers: { cookie: operator.cookie }, body: form });
    expect(upload.status).toBe(200);
    const { imageUrl } = (await upload.json()) as { imageUrl: string };

    const current = await fetch(base + imageUrl);
    expect(current.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const other of ['?v=1', '?v=anything', '', `${imageUrl.slice(imageUrl.indexOf('?'))}&bust=1`]) {
      const res = await fetch(`${base}/api/products/${product.body.id}/image${other}`, { redirect: 'manual' });
      expect(res.status, other).toBe(307);
      expect(res.headers.get('location')).toBe(imageUrl);
      expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    }
  });
});
