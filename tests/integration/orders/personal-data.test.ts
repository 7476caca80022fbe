// Control characters in typed text are refused before anything is stored, and the server's log
// never holds a shopper's name, phone or address, not even when the database refuses a checkout.
// Runs its own server so its output can be read.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, catalog, newShopper, stockOf, waitFor, type CatalogItem } from '../../support/api';
import { freePort, startAppServer, type AppServer } from '../../support/app-server';

// Distinctive enough that finding one in the log can only mean it was logged.
const NAME = 'Quillon Vexmarsh';
const PHONE = '+86 139 7531 8642';
const ADDRESS = '42 Quokka Lane, Wubei District';

let server: AppServer;
let product: CatalogItem;

beforeAll(async () => {
  server = await startAppServer({ port: await freePort(), name: 'personal-data' });
  product = (await catalog(server.baseUrl)).find((p) => p.stock >= 10)!;
});
afterAll(() => server?.stop());

function expectNoPersonalData() {
  const output = server.output();
  for (const value of [NAME, PHONE, ADDRESS, '42 Quokka', '7531 8642']) expect(output).not.toContain(value);
}

describe('control characters in typed text', () => {
  it.each([
    ['a NUL in the name', { name: `${NAME}\u0000`, phone: PHONE, address: ADDRESS }, 'shipping.name'],
    ['a tab in the name', { name: `Quillon\tVexmarsh`, phone: PHONE, address: ADDRESS }, 'shipping.name'],
    ['a NUL in the phone', { name: NAME, phone: `${PHONE}\u0000`, address: ADDRESS }, 'shipping.phone'],
    ['a NUL in the address', { name: NAME, phone: PHONE, address: `42 Quokka\u0000 Lane, Wubei District` }, 'shipping.address'],
    ['an escape in the address', { name: NAME, phone: PHONE, address: `42 Quokka\u001b[2J Lane, Wubei District` }, 'shipping.address'],
  ])('a checkout with %s is a 400 naming the field, stores nothing and logs nothing of it', async (_what, shipping, field) => {
    const shopper = await newShopper(server.baseUrl);
    const before = await stockOf(server.baseUrl, product.id);
    const res = await shopper.post('/api/orders', { items: [{ productId: product.id, quantity: 1 }], shipping });
    expect(res.status).toBe(400);
    expect(res.body.fields[field]).toMatch(/control characters/);
    expect(await stockOf(server.baseUrl, product.id)).toBe(before);
    expect((await shopper.get('/api/orders')).body.items).toEqual([]);
    expectNoPersonalData();
  });

  it('accepts an address on several lines, as the checkout form’s textarea allows', async () => {
    const shopper = await newShopper(server.baseUrl);
    const res = await shopper.post('/api/orders', {
      items: [{ productId: product.id, quantity: 1 }],
      shipping: { name: 'Li Lei', phone: '13800138000', address: '1 Nanjing Road\r\nShanghai' },
    });
    expect(res.status).toBe(201);
  });

  it('a product saved with a NUL in its description is a 400, and nothing is created', async () => {
    const operator = await admin(server.baseUrl);
    const name = `Tea ${Date.now()}`;
    const res = await operator.post('/api/admin/products', { name, price: '12.00', stock: 5, description: 'Good\u0000tea' });
    expect(res.status).toBe(400);
    expect(res.body.fields.description).toMatch(/control characters/);
    expect((await catalog(server.baseUrl)).some((p) => p.name === name)).toBe(false);
  });

  it('a sign-up with a NUL in the username is a 400', async () => {
    const res = await fetch(`${server.baseUrl}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'quillon\u0000x', password: 'correct horse battery' }),
    });
    expect(res.status).toBe(400);
  });
});

// Only PostgreSQL lets the test reach the server's database while it runs (PGlite lives inside
// the server process); CI runs this file on both.
describe.runIf(process.env.DATABASE_URL)('a database error during checkout', () => {
  it('is logged without the shopper’s data or the SQL parameters', async () => {
    const db = postgres(server.databaseUrl!, { max: 1, onnotice: () => {} });
    // The check fails only for this name, which zod accepts: the INSERT itself is refused.
    await db.unsafe(`alter table orders add constraint refuse_quillon check (shipping_name is distinct from '${NAME}')`);
    try {
      const shopper = await newShopper(server.baseUrl);
      const res = await shopper.post('/api/orders', {
        items: [{ productId: product.id, quantity: 1 }],
        shipping: { name: NAME, phone: PHONE, address: ADDRESS },
      });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ error: 'Internal error' });
      // PostgreSQL's message names the constraint: the error was logged, and this is that line.
      const line = await waitFor(async () =>
        server
          .output()
          .split('\n')
          .find((l) => l.includes('refuse_quillon')),
      );
      expect(JSON.parse(line)).toMatchObject({ level: 50, msg: 'request failed', err: { message: 'Failed query' } });
      expectNoPersonalData();
    } finally {
      await db.unsafe('alter table orders drop constraint refuse_quillon');
      await db.end();
    }
  });
});
