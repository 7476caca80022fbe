import { describe, expect, inject, it } from 'vitest';
import { ApiClient, uniqueName } from '../../support/api';

const base = inject('baseUrl');
const password = 'correct horse battery';

describe('accounts', () => {
  it('signs up with a session cookie that is httpOnly and SameSite=Lax', async () => {
    const res = await fetch(`${base}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: uniqueName(), password }),
    });
    expect(res.status).toBe(201);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('answers 409 for a taken username and 400 per field for bad input', async () => {
    const username = uniqueName();
    const client = new ApiClient(base);
    expect((await client.post('/api/users', { username, password })).status).toBe(201);
    const again = await new ApiClient(base).post('/api/users', { username: username.toUpperCase(), password });
    expect(again.status).toBe(409);
    const bad = await new ApiClient(base).post('/api/users', { username: 'a', password: 'short' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['password', 'username']);
  });

  it('signs in and out; a wrong password gets 401 with no hint which part was wrong', async () => {
    const username = uniqueName();
    await new ApiClient(base).post('/api/users', { username, password });
    const client = new ApiClient(base);
    const wrongPassword = await client.post('/api/session', { username, password: 'not the password' });
    const unknownUser = await client.post('/api/session', { username: uniqueName(), password });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownUser.body);

    expect((await client.post('/api/session', { username, password })).status).toBe(200);
    expect((await client.get('/api/orders')).status).toBe(200);
    const out = await client.request('DELETE', '/api/session');
    expect(out.status).toBe(204);
    client.cookie = '';
    expect((await client.get('/api/orders')).status).toBe(401);
  });

  it('rejects a forged session cookie', async () => {
    const client = new ApiClient(base);
    client.cookie = 'session=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwicm9sZSI6ImFkbWluIiwidXNlcm5hbWUiOiJhZG1pbiJ9.c2lnbmF0dXJl';
    expect((await client.get('/api/orders')).status).toBe(401);
    expect((await client.get('/api/admin/pay-logs')).status).toBe(401);
  });

  it('answers 413 {error} for a JSON body over 16 KB and creates no account', async () => {
    const username = uniqueName();
    const tooLarge = await new ApiClient(base).post('/api/users', { username, password, padding: 'x'.repeat(16 * 1024) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error).toEqual(expect.any(String));
    expect(tooLarge.headers.getSetCookie()).toEqual([]);
    expect((await new ApiClient(base).post('/api/session', { username, password })).status).toBe(401);
  });
});
