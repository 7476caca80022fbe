// The merchant's catalogue API: create (price typed in yuan, stored in fen), edit, conditional stock
// edits that never lose a checkout's reservation, images stored in the database and served with
// long-lived caching, and archiving (gone from the shop, kept on old orders).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { admin, type ApiClient, catalog, type CatalogItem } from '../../support/api';
import { namedShopper, placeOrder } from './helpers';

const base = inject('baseUrl');
let operator: ApiClient;
const created: number[] = [];

// Real 1×1 images; the server decides the type from their bytes only.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const WEBP = Buffer.from('UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA', 'base64');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

async function create(body: Record<string, unknown>) {
  const res = await operator.post('/api/admin/products', body);
  if (res.status === 201) created.push(res.body.id);
  return res;
}

async function upload(id: number, bytes: Buffer, type: string, name = 'image') {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await fetch(`${base}/api/admin/products/${id}/image`, { method: 'POST', headers: { cookie: operator.cookie }, body: form });
  return { status: res.status, body: await res.json() };
}

const slug = (name: string) => `${name}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const inCatalog = async (id: number) => (await catalog(base)).find((p) => p.id === id) as (CatalogItem & { imageUrl: string }) | undefined;

beforeAll(async () => {
  operator = await admin(base);
});

// Test products leave the shop again, so later suites that pick "a product in stock" never get one.
afterAll(async () => {
  for (const id of created) await operator.request('POST', `/api/admin/products/${id}/archive`);
});

describe('POST /api/admin/products', () => {
  it('creates a product with the yuan price stored in fen, in the catalogue at once', async () => {
    const res = await create({
      name: 'Osmanthus Oolong 桂花乌龙',
      slug: slug('osmanthus'),
      description: 'Floral.',
      category: 'Tea',
      price: '68.00',
      stock: 10,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Osmanthus Oolong 桂花乌龙', priceFen: 6800, stock: 10, imageUrl: '/products/placeholder.svg' });
    expect(await inCatalog(res.body.id)).toMatchObject({ priceFen: 6800, stock: 10 });
  });

  it.each([
    ['12.5', 1250],
    ['12.05', 1205],
    ['7', 700],
    ['0.01', 1],
    ['9999999.99', 999999999],
  ])('reads %s yuan as %i fen', async (price, fen) => {
    const res = await create({ name: 'Price probe', slug: slug('price'), price, stock: 0 });
    expect(res.status).toBe(201);
    expect(res.body.priceFen).toBe(fen);
  });

  it.each([['1.234'], ['-1'], ['0'], ['0.00'], ['12,50'], ['¥12'], ['1e3'], [''], [68]])('refuses the price %j with a 400 naming it', async (price) => {
    const res = await create({ name: 'Bad price', slug: slug('bad'), price, stock: 1 });
    expect(res.status).toBe(400);
    expect(res.body.fields).toHaveProperty('price');
  });

  it('refuses a negative or fractional stock, a bad slug, and a taken slug (409)', async () => {
    expect((await create({ name: 'X', price: '1.00', stock: -1 })).status).toBe(400);
    expect((await create({ name: 'X', price: '1.00', stock: 1.5 })).status).toBe(400);
    expect((await create({ name: 'X', price: '1.00', stock: '' })).status).toBe(400);
    expect((await create({ name: 'X', slug: 'Not A Slug', price: '1.00', stock: 1 })).status).toBe(400);
    const taken = await create({ name: 'Dup', slug: 'longjing-green-tea', price: '1.00', stock: 1 });
    expect(taken.status).toBe(409);
    expect(taken.body.fields).toHaveProperty('slug');
  });
});

describe('PATCH /api/admin/products/{id}', () => {
  it('sets available stock without touching pending reservations, and refuses an edit made on stale stock', async () => {
    const product = (await create({ name: 'Stock probe', slug: slug('stock'), price: '10.00', stock: 10 })).body;
    const shopper = await namedShopper(base, 'stock');
    const order = await placeOrder(shopper.client, { productId: product.id, quantity: 3 });
    expect((await inCatalog(product.id))!.stock).toBe(7);

    // The operator saw 10 before the checkout: refused, told the current number, nothing written.
    const stale = await operator.request('PATCH', `/api/admin/products/${product.id}`, { json: { stock: 50, expectedStock: 10 } });
    expect(stale.status).toBe(409);
    expect(stale.body.stock).toBe(7);
    expect((await inCatalog(product.id))!.stock).toBe(7);

    const ok = await operator.request('PATCH', `/api/admin/products/${product.id}`, { json: { stock: 50, expectedStock: 7 } });
    expect(ok.status).toBe(200);
    expect(ok.body.stock).toBe(50);
    // The reservation stands: the pending order is untouched and can still be paid.
    expect((await shopper.client.get(`/api/orders/${order.orderNo}/status`)).body).toMatchObject({ status: 'pending', totalFee: 3000 });
    const detail = (await operator.get(`/api/admin/orders/${order.orderNo}`)).body;
    expect(detail.items).toEqual([expect.objectContaining({ productId: product.id, quantity: 3, priceFen: 1000 })]);

    expect((await operator.request('PATCH', `/api/admin/products/${product.id}`, { json: { stock: 5 } })).status).toBe(400);
  });

  it('edits details; a new price applies to new orders only', async () => {
    const product = (await create({ name: 'Edit probe', slug: slug('edit'), price: '20.00', stock: 20 })).body;
    const shopper = await namedShopper(base, 'edit');
    const before = await placeOrder(shopper.client, { productId: product.id });
    const res = await operator.request('PATCH', `/api/admin/products/${product.id}`, {
      json: { name: 'Edit probe v2', price: '25.50', description: 'Now better' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Edit probe v2', priceFen: 2550 });
    expect((await operator.get(`/api/admin/products/${product.id}`)).body).toMatchObject({ description: 'Now better', stock: 19 });
    const after = await placeOrder(shopper.client, { productId: product.id });
    expect(before.totalFee).toBe(2000);
    expect(after.totalFee).toBe(2550);
    expect((await operator.get(`/api/admin/orders/${before.orderNo}`)).body.items[0]).toMatchObject({ name: 'Edit probe', priceFen: 2000 });
  });

  it('sets how many units one order may take (max_per_order, 10 unless set), which checkout enforces', async () => {
    const product = (await create({ name: 'Cap probe', slug: slug('cap'), price: '1.00', stock: 50 })).body;
    expect(product.maxPerOrder).toBe(10);
    const { client } = await namedShopper(base, 'cap');
    const res = await operator.request('PATCH', `/api/admin/products/${product.id}`, { json: { maxPerOrder: '2' } });
    expect(res.status).toBe(200);
    expect(res.body.maxPerOrder).toBe(2);
    expect((await client.post('/api/orders', { items: [{ productId: product.id, quantity: 3 }] })).status).toBe(429);
    await placeOrder(client, { productId: product.id, quantity: 2 });
    for (const maxPerOrder of [0, 100, 1.5]) {
      expect((await operator.request('PATCH', `/api/admin/products/${product.id}`, { json: { maxPerOrder } })).status).toBe(400);
    }
    const capped = await create({ name: 'Cap probe 2', slug: slug('cap'), price: '1.00', stock: 5, maxPerOrder: 1 });
    expect(capped.body.maxPerOrder).toBe(1);
  });

  it('answers 404 for an unknown product, 400 for nothing to change or a bad price, 409 for a taken slug', async () => {
    expect((await operator.request('PATCH', '/api/admin/products/999999999', { json: { name: 'x' } })).status).toBe(404);
    expect((await operator.request('PATCH', '/api/admin/products/1', { json: {} })).status).toBe(400);
    expect((await operator.request('PATCH', '/api/admin/products/1', { json: { price: '1.999' } })).status).toBe(400);
    const product = (await create({ name: 'Slug probe', slug: slug('slug'), price: '1.00', stock: 1 })).body;
    const taken = await operator.request('PATCH', `/api/admin/products/${product.id}`, { json: { slug: 'longjing-green-tea' } });
    expect(taken.status).toBe(409);
    expect(taken.body.fields).toHaveProperty('slug');
  });
});

describe('product images', () => {
  it('stores an upload in the database and serves it at a versioned, long-cached URL', async () => {
    const product = (await create({ name: 'Image probe', slug: slug('image'), price: '5.00', stock: 5 })).body;
    const res = await upload(product.id, PNG, 'image/png', 'tea.png');
    expect(res.status).toBe(200);
    expect(res.body.imageUrl).toMatch(new RegExp(`^/api/products/${product.id}/image\\?v=\\d+$`));
    expect((await inCatalog(product.id))!.imageUrl).toBe(res.body.imageUrl);

    const image = await fetch(base + res.body.imageUrl);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);

    // A new upload gets a new URL; the old one is no longer cached for good.
    await new Promise((r) => setTimeout(r, 5));
    const second = await upload(product.id, WEBP, 'application/octet-stream', 'tea.bin');
    expect(second.status).toBe(200);
    expect(second.body.imageUrl).not.toBe(res.body.imageUrl);
    const fresh = await fetch(base + second.body.imageUrl);
    expect(fresh.headers.get('content-type')).toBe('image/webp');
    // The old URL now redirects to the new one rather than serving the old bytes uncached.
    const old = await fetch(base + res.body.imageUrl, { redirect: 'manual' });
    expect(old.status).toBe(307);
    expect(old.headers.get('location')).toBe(second.body.imageUrl);
  });

  it('refuses SVG, anything that is not really an image, over 2 MB (413), and no file', async () => {
    const product = (await create({ name: 'Image refusals', slug: slug('refuse'), price: '5.00', stock: 5 })).body;
    expect((await upload(product.id, SVG, 'image/svg+xml', 'x.svg')).status).toBe(400);
    expect((await upload(product.id, Buffer.from('just text'), 'image/png', 'x.png')).status).toBe(400);
    // A PNG signature alone is not a PNG; nor is one claiming 100 000 × 1 pixels.
    expect((await upload(product.id, Buffer.concat([PNG.subarray(0, 8), Buffer.from('fake png body')]), 'image/png', 'x.png')).status).toBe(400);
    const huge = Buffer.from(PNG);
    huge.writeUInt32BE(100_000, 16);
    expect((await upload(product.id, huge, 'image/png', 'huge.png')).status).toBe(400);
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]);
    expect((await upload(product.id, big, 'image/png', 'big.png')).status).toBe(413);
    const none = await operator.request('POST', `/api/admin/products/${product.id}/image`, { json: {} });
    expect(none.status).toBe(400);
    expect((await upload(999_999_999, PNG, 'image/png')).status).toBe(404);
    expect((await inCatalog(product.id))!.imageUrl).toBe('/products/placeholder.svg');
    expect((await fetch(`${base}/api/products/${product.id}/image`)).status).toBe(404);
  });
});

describe('archiving', () => {
  it('takes a product out of the shop and its checkout, keeps it on old orders, and can restore it', async () => {
    const product = (await create({ name: 'Archive probe', slug: slug('archive'), price: '9.00', stock: 9 })).body;
    const shopper = await namedShopper(base, 'arch');
    const old = await placeOrder(shopper.client, { productId: product.id });
    expect(await (await fetch(`${base}/products/${product.slug}`)).text()).toContain('Archive probe');

    const res = await operator.request('POST', `/api/admin/products/${product.id}/archive`);
    expect(res.status).toBe(200);
    expect(res.body.archivedAt).not.toBeNull();
    expect(await inCatalog(product.id)).toBeUndefined();
    // (The page streams behind the root loading boundary, so its 404 comes inside a 200.)
    expect(await (await fetch(`${base}/products/${product.slug}`)).text()).not.toContain('Archive probe');
    const refused = await shopper.client.post('/api/orders', { items: [{ productId: product.id, quantity: 1 }] });
    expect(refused.status).toBe(409);
    expect((await operator.get(`/api/admin/orders/${old.orderNo}`)).body.items[0]).toMatchObject({ productId: product.id, name: 'Archive probe' });
    expect((await operator.get('/api/admin/products')).body.items.find((p: { id: number }) => p.id === product.id).archivedAt).not.toBeNull();

    expect((await operator.request('DELETE', `/api/admin/products/${product.id}/archive`)).status).toBe(200);
    expect(await inCatalog(product.id)).toMatchObject({ stock: 8 });
    expect((await shopper.client.post('/api/orders', { items: [{ productId: product.id, quantity: 1 }] })).status).toBe(201);
  });

  it('answers 404 for an unknown product', async () => {
    expect((await operator.request('POST', '/api/admin/products/999999999/archive')).status).toBe(404);
  });
});
