// Every admin route answers 401 to a stranger and 403 to a shopper, whatever it is sent: the role
// is checked before the input is even looked at.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, newShopper } from '../../support/api';

const base = inject('baseUrl');

// [method, path, JSON body]: valid-looking and invalid inputs alike.
const ROUTES: [string, string, unknown?][] = [
  ['GET', '/api/admin/orders'],
  ['GET', '/api/admin/orders?status=bogus&from=not-a-date&limit=0'],
  ['GET', '/api/admin/orders/20260101ABCDEFGHIJKLMN'],
  ['POST', '/api/admin/orders/20260101ABCDEFGHIJKLMN/fulfilment', { fulfilment: 'shipped' }],
  ['POST', '/api/admin/orders/x/fulfilment', { fulfilment: 'teleported' }],
  ['GET', '/api/admin/pay-logs'],
  ['GET', '/api/admin/pay-logs?state=BOGUS&verdict=nope&from=2026-02-30'],
  ['GET', '/api/admin/pay-logs?format=csv'],
  ['GET', '/api/admin/anomalies'],
  ['GET', '/api/admin/anomalies?status=whatever'],
  ['POST', '/api/admin/anomalies/1/resolve', { note: 'refunded' }],
  ['POST', '/api/admin/anomalies/abc/resolve', { note: '' }],
  ['GET', '/api/admin/reports/revenue'],
  ['GET', '/api/admin/reports/revenue?groupBy=week&from=yesterday'],
  ['GET', '/api/admin/products'],
  ['POST', '/api/admin/products', { name: 'X', price: '1.00', stock: 1 }],
  ['POST', '/api/admin/products', { price: 'free' }],
  ['GET', '/api/admin/products/1'],
  ['PATCH', '/api/admin/products/1', { stock: 0, expectedStock: 80 }],
  ['PATCH', '/api/admin/products/nope', { price: -1 }],
  ['POST', '/api/admin/products/1/archive'],
  ['DELETE', '/api/admin/products/1/archive'],
  ['POST', '/api/admin/products/1/image', {}],
];

let shopper: ApiClient;

beforeAll(async () => {
  shopper = await newShopper(base);
});

describe('admin routes', () => {
  it.each(ROUTES)('%s %s: 401 signed out, 403 for a shopper', async (method, path, json) => {
    const stranger = await new ApiClient(base).request(method, path, { json });
    expect(stranger.status).toBe(401);
    expect(stranger.body).toHaveProperty('error');
    const asShopper = await shopper.request(method, path, { json });
    expect(asShopper.status).toBe(403);
    expect(asShopper.body).toHaveProperty('error');
  });

  it('leaves the catalogue untouched when a shopper tries to edit it', async () => {
    const before = (await new ApiClient(base).get('/api/products')).body.find((p: { id: number }) => p.id === 1);
    await shopper.request('PATCH', '/api/admin/products/1', { json: { stock: 0, expectedStock: before.stock } });
    await shopper.request('POST', '/api/admin/products/1/archive');
    const after = (await new ApiClient(base).get('/api/products')).body.find((p: { id: number }) => p.id === 1);
    expect(after).toEqual(before);
  });
});

describe('console pages', () => {
  it('shows a shopper the 403 page, not the console', async () => {
    const res = await shopper.get('/admin/orders');
    expect(res.text).toContain('data-testid="admin-forbidden"');
    expect(res.text).not.toContain('data-testid="order-table"');
  });

  it('sends a stranger to sign in', async () => {
    const res = await new ApiClient(base).get('/admin');
    // Streamed pages redirect in the document (the root loading boundary has already sent 200).
    expect(res.status === 307 || res.text.includes('/sign-in?next=/admin')).toBe(true);
    expect(res.text).not.toContain('data-testid="paid-today"');
  });
});
