import { describe, expect, inject, it } from 'vitest';
import { ApiClient, newShopper, placeOrder } from '../../support/api';

const base = inject('baseUrl');

describe('GET /api/orders/{orderNo}/status', () => {
  it('tells the owner the state of their order', async () => {
    const owner = await newShopper(base);
    const order = await placeOrder(owner);
    const res = await owner.get(`/api/orders/${order.orderNo}/status`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ orderNo: order.orderNo, status: 'pending', totalFee: order.totalFee, paidAt: null, expiresAt: order.expiresAt });
    expect(res.headers.get('cache-control')).toContain('no-store');
  });

  it('answers 404 to another shopper, exactly as for an order that does not exist', async () => {
    const owner = await newShopper(base);
    const order = await placeOrder(owner);
    const other = await newShopper(base);
    const theirs = await other.get(`/api/orders/${order.orderNo}/status`);
    const missing = await other.get(`/api/orders/20260101NOSUCHORDER000/status`);
    expect(theirs.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(theirs.body).toEqual(missing.body);
  });

  it('answers 401 when signed out', async () => {
    const owner = await newShopper(base);
    const order = await placeOrder(owner);
    const res = await new ApiClient(base).get(`/api/orders/${order.orderNo}/status`);
    expect(res.status).toBe(401);
  });
});
