// GET /api/admin/orders (filters, keyset pagination), GET /api/admin/orders/{orderNo} (lines,
// shipping, pay-log timeline) and POST …/fulfilment, on a fixed set of orders of fresh shoppers.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { admin, type ApiClient } from '../../support/api';
import { TEST_ENV } from '../../support/test-env';
import { addDays, allPages, dayIn, namedShopper, notify, pay, placeOrder, type Placed, SHIPPING } from './helpers';

const base = inject('baseUrl');
const TZ = 'Asia/Shanghai'; // REPORT_TZ's default, which the shared test server uses

let operator: ApiClient;
let alice: ApiClient;
let bob: ApiClient;
let aliceName: string;
let bobName: string;
// Alice: a1 paid (and notified twice), a2 pending, a3 paid. Bob: b1 paid, b2 pending.
let a1: Placed, a2: Placed, a3: Placed, b1: Placed, b2: Placed;

const orderNos = (items: { orderNo: string }[]) => items.map((o) => o.orderNo);

async function list(query: string) {
  const res = await operator.get(`/api/admin/orders?${query}`);
  expect(res.status, res.text).toBe(200);
  return res.body as {
    items: { orderNo: string; status: string; username: string; createdAt: string; fulfilment: string; items: unknown[] }[];
    nextCursor: string | null;
  };
}

beforeAll(async () => {
  operator = await admin(base);
  ({ client: alice, username: aliceName } = await namedShopper(base));
  ({ client: bob, username: bobName } = await namedShopper(base));
  a1 = await placeOrder(alice, { quantity: 2 });
  a2 = await placeOrder(alice);
  a3 = await placeOrder(alice);
  b1 = await placeOrder(bob);
  b2 = await placeOrder(bob);
  await pay(base, a1);
  await notify(base, a1, { overrides: {} }); // a second copy with its own transaction id: an anomaly
  await pay(base, a3);
  await pay(base, b1);
});

describe('GET /api/admin/orders filters', () => {
  it('by user: exactly that shopper’s orders, newest first', async () => {
    expect(orderNos((await list(`user=${aliceName}`)).items)).toEqual([a3, a2, a1].map((o) => o.orderNo));
    expect(orderNos((await list(`user=${bobName}`)).items)).toEqual([b2, b1].map((o) => o.orderNo));
    expect(orderNos((await list(`user=${aliceName.toUpperCase()}`)).items)).toEqual([a3, a2, a1].map((o) => o.orderNo));
    expect((await list('user=nobody-has-this-name')).items).toEqual([]);
  });

  it('by status and user', async () => {
    expect(orderNos((await list(`user=${aliceName}&status=paid`)).items)).toEqual([a3.orderNo, a1.orderNo]);
    expect(orderNos((await list(`user=${aliceName}&status=pending`)).items)).toEqual([a2.orderNo]);
    expect(orderNos((await list(`user=${bobName}&status=closed`)).items)).toEqual([]);
    const paid = await list('status=paid&limit=500');
    expect(paid.items.every((o) => o.status === 'paid')).toBe(true);
  });

  it('by creation date: local days in REPORT_TZ, both ends inclusive; date-times as given, `to` exclusive', async () => {
    const rows = (await list(`user=${aliceName}`)).items;
    const onDay = (day: string) => rows.filter((o) => dayIn(o.createdAt, TZ) === day).map((o) => o.orderNo);
    for (const day of new Set(rows.map((o) => dayIn(o.createdAt, TZ)))) {
      expect(orderNos((await list(`user=${aliceName}&from=${day}&to=${day}`)).items)).toEqual(onDay(day));
    }
    const firstDay = dayIn(rows[rows.length - 1].createdAt, TZ);
    const lastDay = dayIn(rows[0].createdAt, TZ);
    expect(orderNos((await list(`user=${aliceName}&from=${firstDay}`)).items)).toEqual(orderNos(rows));
    expect(orderNos((await list(`user=${aliceName}&to=${lastDay}`)).items)).toEqual(orderNos(rows));
    expect((await list(`user=${aliceName}&to=${addDays(firstDay, -1)}`)).items).toEqual([]);
    expect((await list(`user=${aliceName}&from=${addDays(lastDay, 1)}`)).items).toEqual([]);
    // Instants: from is inclusive, to exclusive.
    const at = encodeURIComponent(rows[0].createdAt);
    expect(orderNos((await list(`user=${aliceName}&from=${at}`)).items)).toContain(a3.orderNo);
    expect(orderNos((await list(`user=${aliceName}&to=${at}`)).items)).not.toContain(a3.orderNo);
    // An offset other than UTC names the same instant.
    const shanghai = new Date(new Date(rows[0].createdAt).getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
    expect(orderNos((await list(`user=${aliceName}&from=${encodeURIComponent(shanghai)}`)).items)).toContain(a3.orderNo);
  });

  it('lists each order once across pages, and a new order does not shift later pages', async () => {
    const page1 = await list(`user=${aliceName}&limit=2`);
    expect(orderNos(page1.items)).toEqual([a3.orderNo, a2.orderNo]);
    expect(page1.nextCursor).not.toBeNull();
    const a4 = await placeOrder(alice); // arrives between page 1 and page 2
    const page2 = await list(`user=${aliceName}&limit=2&cursor=${page1.nextCursor}`);
    expect(orderNos(page2.items)).toEqual([a1.orderNo]);
    expect(page2.nextCursor).toBeNull();
    const everything = await allPages<{ orderNo: string }>(operator, `/api/admin/orders?user=${aliceName}`, 1);
    expect(orderNos(everything)).toEqual([a4, a3, a2, a1].map((o) => o.orderNo));
  });

  it.each([
    ['status=shipped', 'status'],
    ['from=2026-13-01', 'from'],
    ['from=2026-02-30', 'from'],
    ['to=yesterday', 'to'],
    ['from=2026-03-02&to=2026-03-01', 'to'],
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['cursor=abc', 'cursor'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const res = await operator.get(`/api/admin/orders?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.fields).toHaveProperty(field);
    expect(res.body.error).toContain(field);
  });
});

describe('GET /api/admin/orders/{orderNo}', () => {
  it('shows lines, shipping and every pay log about the order, raw messages without the key', async () => {
    const res = await operator.get(`/api/admin/orders/${a1.orderNo}`);
    expect(res.status).toBe(200);
    const order = res.body;
    expect(order).toMatchObject({
      orderNo: a1.orderNo,
      username: aliceName,
      status: 'paid',
      totalFee: a1.totalFee,
      shipping: SHIPPING,
      fulfilment: 'unfulfilled',
    });
    expect(order.items).toHaveLength(1);
    expect(order.items[0].quantity).toBe(2);
    expect(order.items[0].priceFen * 2).toBe(a1.totalFee);
    expect(order.timeline.map((l: { source: string; verdict: string }) => `${l.source}/${l.verdict}`)).toEqual(['notify/applied', 'notify/anomaly']);
    const [applied, second] = order.timeline;
    expect(applied.transactionId).toBe(order.transactionId);
    expect(applied.raw).toMatchObject({ out_trade_no: a1.orderNo, total_fee: String(a1.totalFee), result_code: 'SUCCESS' });
    expect(applied.raw).toHaveProperty('sign');
    expect(second.detail).toMatch(/second payment/);
    expect(second.resolution).toBeNull();
    expect(res.text).not.toContain(TEST_ENV.WXPAY_KEY);
  });

  it('answers 404 for an unknown order', async () => {
    expect((await operator.get('/api/admin/orders/20200101NOSUCHORDER000')).status).toBe(404);
  });
});

describe('POST /api/admin/orders/{orderNo}/fulfilment', () => {
  const mark = (order: Placed, fulfilment: unknown) => operator.post(`/api/admin/orders/${order.orderNo}/fulfilment`, { fulfilment });

  it('moves a paid order forward only, and the shopper sees it', async () => {
    expect((await mark(b1, 'delivered')).status).toBe(409);
    const shipped = await mark(b1, 'shipped');
    expect(shipped.status).toBe(200);
    expect(shipped.body).toEqual({ orderNo: b1.orderNo, fulfilment: 'shipped' });
    expect((await bob.get('/api/orders')).body.items.find((o: { orderNo: string }) => o.orderNo === b1.orderNo).fulfilment).toBe('shipped');
    expect((await mark(b1, 'shipped')).status).toBe(409);
    expect((await mark(b1, 'delivered')).status).toBe(200);
    expect((await mark(b1, 'shipped')).status).toBe(409);
    expect((await bob.get('/api/orders')).body.items.find((o: { orderNo: string }) => o.orderNo === b1.orderNo).fulfilment).toBe('delivered');
    const listed = await list(`user=${bobName}&status=paid`);
    expect(listed.items[0].fulfilment).toBe('delivered');
  });

  it('ships one paid order once when two operators click together', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => mark(a3, 'shipped')));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
  });

  it('refuses unpaid orders (409), unknown orders (404) and unknown steps (400); payment state never changes', async () => {
    const refused = await mark(b2, 'shipped');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/pending/);
    expect((await bob.get(`/api/orders/${b2.orderNo}/status`)).body.status).toBe('pending');
    expect((await mark({ orderNo: '20200101NOSUCHORDER000', totalFee: 1 }, 'shipped')).status).toBe(404);
    expect((await mark(b2, 'unfulfilled')).status).toBe(400);
    expect((await mark(b2, 'teleported')).status).toBe(400);
  });
});
