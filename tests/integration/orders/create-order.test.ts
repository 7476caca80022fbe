import { describe, expect, inject, it } from 'vitest';
import { ApiClient, catalog, newShopper, stockOf } from '../../support/api';

const base = inject('baseUrl');

async function twoProducts() {
  const products = (await catalog(base)).filter((p) => p.stock >= 10);
  return [products[0], products[1]];
}

describe('POST /api/orders', () => {
  it('prices every line from the database and ignores prices sent by the client', async () => {
    const shopper = await newShopper(base);
    const [a, b] = await twoProducts();
    const [stockA, stockB] = [a.stock, b.stock];
    const res = await shopper.post('/api/orders', {
      items: [
        { productId: a.id, quantity: 2, priceFen: 1 },
        { productId: b.id, quantity: 1, price: 1 },
      ],
      totalFee: 1,
      shipping: { name: 'Li Lei', phone: '13800138000', address: '1 Nanjing Road, Shanghai' },
    });
    expect(res.status).toBe(201);
    expect(res.body.totalFee).toBe(a.priceFen * 2 + b.priceFen);
    expect(res.body.status).toBe('pending');
    expect(res.body.codeUrl).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=[A-Za-z0-9]+$/);
    expect(res.body.orderNo).toMatch(/^\d{8}[0-9A-Z]{14}$/);
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(await stockOf(base, a.id)).toBe(stockA - 2);
    expect(await stockOf(base, b.id)).toBe(stockB - 1);

    const mine = await shopper.get('/api/orders');
    expect(mine.body.items[0]).toMatchObject({ orderNo: res.body.orderNo, status: 'pending', totalFee: res.body.totalFee });
    expect(mine.body.items[0].items).toEqual(expect.arrayContaining([expect.objectContaining({ productId: a.id, priceFen: a.priceFen, quantity: 2 })]));
  });

  it('merges repeated lines for one product into one reservation', async () => {
    const shopper = await newShopper(base);
    const [a] = await twoProducts();
    const before = await stockOf(base, a.id);
    const res = await shopper.post('/api/orders', {
      items: [
        { productId: a.id, quantity: 1 },
        { productId: a.id, quantity: 2 },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.totalFee).toBe(a.priceFen * 3);
    expect(await stockOf(base, a.id)).toBe(before - 3);
  });

  it('answers 409 naming the product when stock runs out, and reserves nothing', async () => {
    const shopper = await newShopper(base);
    const before = await catalog(base);
    const a = before.find((p) => p.stock > 0)!;
    const b = before.find((p) => p.id !== a.id && p.stock > 0 && p.stock < 99)!;
    const stockOfB = b.stock;
    // The first line fits, the second does not: the first must not stay reserved.
    const res = await shopper.post('/api/orders', {
      items: [
        { productId: a.id, quantity: 1 },
        { productId: b.id, quantity: stockOfB + 1 },
      ],
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toContain(b.name);
    expect(await catalog(base)).toEqual(before);
    expect((await shopper.get('/api/orders')).body.items).toEqual([]);
  });

  it.each([
    ['no items', { items: [] }],
    ['missing items', {}],
    ['quantity 0', { items: [{ productId: 1, quantity: 0 }] }],
    ['quantity 100', { items: [{ productId: 1, quantity: 100 }] }],
    ['fractional quantity', { items: [{ productId: 1, quantity: 1.5 }] }],
    ['quantity as a string', { items: [{ productId: 1, quantity: '2' }] }],
    ['21 lines', { items: Array.from({ length: 21 }, () => ({ productId: 1, quantity: 1 })) }],
    ['unknown product', { items: [{ productId: 999999, quantity: 1 }] }],
    ['bad phone', { items: [{ productId: 1, quantity: 1 }], shipping: { name: 'A', phone: 'call me', address: '1 Long Street' } }],
    ['empty name', { items: [{ productId: 1, quantity: 1 }], shipping: { name: ' ', phone: '13800138000', address: '1 Long Street' } }],
  ])('rejects %s with 400 and writes nothing', async (_label, body) => {
    const shopper = await newShopper(base);
    const before = await catalog(base);
    const res = await shopper.post('/api/orders', body);
    expect(res.status).toBe(400);
    expect(typeof res.body.error).toBe('string');
    expect(await catalog(base)).toEqual(before);
    expect((await shopper.get('/api/orders')).body.items).toEqual([]);
  });

  it('rejects a body that is not JSON', async () => {
    const shopper = await newShopper(base);
    // Another content type is 415 (the spec's rule against cross-site forms); a JSON type with a body that does not parse, 400.
    const form = await shopper.request('POST', '/api/orders', { body: 'items=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    const res = await shopper.request('POST', '/api/orders', { body: 'items=1', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
  });

  it('requires a signed-in shopper', async () => {
    const anonymous = new ApiClient(base);
    const res = await anonymous.post('/api/orders', { items: [{ productId: 1, quantity: 1 }] });
    expect(res.status).toBe(401);
  });

  it('refuses a 21st pending order with 429', async () => {
    const shopper = await newShopper(base);
    const cheapest = (await catalog(base)).filter((p) => p.stock >= 25).sort((x, y) => x.priceFen - y.priceFen)[0];
    for (let i = 0; i < 20; i++) {
      const res = await shopper.post('/api/orders', { items: [{ productId: cheapest.id, quantity: 1 }] });
      expect(res.status).toBe(201);
    }
    const before = await stockOf(base, cheapest.id);
    const res = await shopper.post('/api/orders', { items: [{ productId: cheapest.id, quantity: 1 }] });
    expect(res.status).toBe(429);
    expect(await stockOf(base, cheapest.id)).toBe(before);
  });

  it('refuses a line above its product max_per_order (10 by default) with 429 and Retry-After, reserving nothing', async () => {
    const shopper = await newShopper(base);
    const product = (await catalog(base)).filter((p) => p.stock >= 99).sort((x, y) => x.priceFen - y.priceFen)[0];
    const before = await stockOf(base, product.id);
    for (const quantity of [11, 99]) {
      const res = await shopper.post('/api/orders', { items: [{ productId: product.id, quantity }] });
      expect(res.status).toBe(429);
      expect(res.body).toMatchObject({ productId: product.id, maxPerOrder: 10 });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    // Two lines of one product are one line.
    const split = await shopper.post('/api/orders', {
      items: [
        { productId: product.id, quantity: 6 },
        { productId: product.id, quantity: 5 },
      ],
    });
    expect(split.status).toBe(429);
    expect(await stockOf(base, product.id)).toBe(before);
    expect((await shopper.post('/api/orders', { items: [{ productId: product.id, quantity: 10 }] })).status).toBe(201);
  });

  it('caps the units one shopper holds in pending orders at MAX_PENDING_UNITS (20), summed over orders and products', async () => {
    const shopper = await newShopper(base);
    const [a, b] = (await catalog(base)).filter((p) => p.stock >= 25).sort((x, y) => x.priceFen - y.priceFen);
    expect(
      (
        await shopper.post('/api/orders', {
          items: [
            { productId: a.id, quantity: 10 },
            { productId: b.id, quantity: 5 },
          ],
        })
      ).status,
    ).toBe(201);
    expect((await shopper.post('/api/orders', { items: [{ productId: b.id, quantity: 5 }] })).status).toBe(201);
    const before = await catalog(base);
    const res = await shopper.post('/api/orders', { items: [{ productId: a.id, quantity: 1 }] });
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ maxPendingUnits: 20, pendingUnits: 20 });
    expect(typeof res.body.error).toBe('string');
    // Free again when the oldest unpaid order expires: within one order lifetime (900 s).
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(await catalog(base)).toEqual(before);
    // Another shopper is not affected.
    expect((await (await newShopper(base)).post('/api/orders', { items: [{ productId: a.id, quantity: 1 }] })).status).toBe(201);
  });

  it('answers 413 {error} for a JSON body over 16 KB and creates no order', async () => {
    const shopper = await newShopper(base);
    const [a] = await twoProducts();
    const before = await stockOf(base, a.id);
    const res = await shopper.post('/api/orders', { items: [{ productId: a.id, quantity: 1 }], padding: 'x'.repeat(16 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual(expect.any(String));
    expect(await stockOf(base, a.id)).toBe(before);
    expect((await shopper.get('/api/orders')).body.items).toEqual([]);
  });
});
