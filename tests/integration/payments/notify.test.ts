import { beforeAll, describe, expect, inject, it } from 'vitest';
import { admin, type ApiClient, catalog, newShopper, payLogsFor } from '../../support/api';
import { TEST_ENV } from '../../support/test-env';
import { notifyXml, postNotify, transactionId } from './notify-message';

const base = inject('baseUrl');
let operator: ApiClient;

beforeAll(async () => {
  operator = await admin(base);
});

async function pendingOrder() {
  const shopper = await newShopper(base);
  const product = (await catalog(base)).find((p) => p.stock > 0)!;
  const res = await shopper.post('/api/orders', { items: [{ productId: product.id, quantity: 1 }] });
  expect(res.status).toBe(201);
  const order = res.body as { orderNo: string; totalFee: number };
  const status = async () => (await shopper.get(`/api/orders/${order.orderNo}/status`)).body.status as string;
  return { ...order, shopper, status };
}

const SUCCESS = /<return_code><!\[CDATA\[SUCCESS\]\]><\/return_code>/;
const FAIL = /<return_code><!\[CDATA\[FAIL\]\]><\/return_code>/;

describe('POST /api/wxpay/notify', () => {
  it('marks the order paid once, writes one applied pay log, and answers SUCCESS', async () => {
    const order = await pendingOrder();
    const txn = transactionId();
    const res = await postNotify(base, notifyXml(order, { overrides: { transaction_id: txn } }));
    expect(res.status).toBe(200);
    expect(res.text).toMatch(SUCCESS);
    const status = await order.shopper.get(`/api/orders/${order.orderNo}/status`);
    expect(status.body.status).toBe('paid');
    expect(status.body.paidAt).not.toBeNull();
    const logs = await payLogsFor(operator, order.orderNo);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ verdict: 'applied', source: 'notify', tradeState: 'SUCCESS', transactionId: txn, totalFee: order.totalFee });
  });

  it('applies 20 concurrent copies of one notify exactly once and acknowledges all of them', async () => {
    const order = await pendingOrder();
    const body = notifyXml(order);
    const replies = await Promise.all(Array.from({ length: 20 }, () => postNotify(base, body)));
    for (const r of replies) {
      expect(r.status).toBe(200);
      expect(r.text).toMatch(SUCCESS);
    }
    expect(await order.status()).toBe('paid');
    const verdicts = (await payLogsFor(operator, order.orderNo)).map((l) => l.verdict).sort();
    expect(verdicts).toEqual(['applied', ...Array(19).fill('duplicate')]);
  });

  // The signature policy: WXPAY_SIGN_TYPE (HMAC-SHA256 here) only; the message never chooses.
  it.each([
    ['says sign_type=MD5 and is signed with MD5', { signType: 'MD5' as const, overrides: { sign_type: 'MD5' } }, 'wrong_sign_type'],
    ['says sign_type=MD5 and is signed with HMAC-SHA256', { overrides: { sign_type: 'MD5' } }, 'wrong_sign_type'],
    ['is signed with MD5 and names no sign_type', { signType: 'MD5' as const }, 'bad_sign'],
  ])('refuses a notify that %s although orders are placed with HMAC-SHA256: unverified, order pending', async (_label, opts, reason) => {
    const order = await pendingOrder();
    const res = await postNotify(base, notifyXml(order, opts));
    expect(res.text).toMatch(FAIL);
    expect(await order.status()).toBe('pending');
    expect(await payLogsFor(operator, order.orderNo)).toMatchObject([{ verdict: 'unverified', source: 'notify', detail: reason }]);
  });

  it.each([
    ['a bad signature', (o: { orderNo: string; totalFee: number }) => notifyXml(o, { sign: 'F'.repeat(64) }), 'bad_sign', 'unverified'],
    ['no signature', (o: { orderNo: string; totalFee: number }) => notifyXml(o, { sign: null }), 'missing_sign', 'unverified'],
    ['a signature made with another key', (o: { orderNo: string; totalFee: number }) => notifyXml(o, { key: 'X'.repeat(32) }), 'bad_sign', 'unverified'],
    ['another appid', (o: { orderNo: string; totalFee: number }) => notifyXml(o, { overrides: { appid: 'wxsomeoneelse0000' } }), 'wrong_appid', 'rejected'],
    ['another mch_id', (o: { orderNo: string; totalFee: number }) => notifyXml(o, { overrides: { mch_id: '1999999999' } }), 'wrong_mch_id', 'rejected'],
  ])('refuses a notify with %s: FAIL, order unchanged, one %s pay log', async (_label, build, reason, verdict) => {
    const order = await pendingOrder();
    const res = await postNotify(base, build(order));
    expect(res.status).toBe(200);
    expect(res.text).toMatch(FAIL);
    expect(await order.status()).toBe('pending');
    const logs = await payLogsFor(operator, order.orderNo);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ verdict, source: 'notify', detail: reason });
  });

  it('records a signed payment in another currency (fee_type USD) as an anomaly: order pending, acknowledged', async () => {
    const order = await pendingOrder();
    const res = await postNotify(base, notifyXml(order, { overrides: { fee_type: 'USD' } }));
    expect(res.status).toBe(200);
    expect(res.text).toMatch(SUCCESS);
    expect(await order.status()).toBe('pending');
    expect(await payLogsFor(operator, order.orderNo)).toMatchObject([
      { verdict: 'anomaly', detail: 'fee_type USD: the shop books CNY only', totalFee: order.totalFee },
    ]);
  });

  it('records a transaction_id that already belongs to another order as an anomaly and acknowledges it (not a 500)', async () => {
    const first = await pendingOrder();
    const second = await pendingOrder();
    const txn = transactionId();
    expect((await postNotify(base, notifyXml(first, { overrides: { transaction_id: txn } }))).text).toMatch(SUCCESS);
    const res = await postNotify(base, notifyXml(second, { overrides: { transaction_id: txn } }));
    expect(res.status).toBe(200);
    expect(res.text).toMatch(SUCCESS);
    expect(await second.status()).toBe('pending');
    expect(await first.status()).toBe('paid');
    expect(await payLogsFor(operator, second.orderNo)).toMatchObject([
      { verdict: 'anomaly', transactionId: txn, detail: `transaction ${txn} already belongs to order ${first.orderNo}` },
    ]);
    const open = (await operator.get('/api/admin/anomalies?status=open&limit=500')).body.items as { orderNo: string; kind: string }[];
    expect(open.filter((a) => a.orderNo === second.orderNo).map((a) => a.kind)).toEqual(['transaction_taken']);
  });

  it('records a wrong amount as an anomaly, leaves the order pending, and acknowledges it', async () => {
    const order = await pendingOrder();
    const res = await postNotify(base, notifyXml(order, { overrides: { total_fee: '1', cash_fee: '1' } }));
    expect(res.text).toMatch(SUCCESS);
    expect(await order.status()).toBe('pending');
    const logs = await payLogsFor(operator, order.orderNo);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ verdict: 'anomaly', totalFee: 1 });
  });

  it('records a second, different transaction for a paid order as an anomaly', async () => {
    const order = await pendingOrder();
    await postNotify(base, notifyXml(order));
    const res = await postNotify(base, notifyXml(order));
    expect(res.text).toMatch(SUCCESS);
    const verdicts = (await payLogsFor(operator, order.orderNo)).map((l) => l.verdict).sort();
    expect(verdicts).toEqual(['anomaly', 'applied']);
  });

  it('refuses a notify for an unknown order so WeChat retries, and logs it rejected', async () => {
    const orderNo = `20260101UNKNOWN${Date.now()}`.slice(0, 32);
    const res = await postNotify(base, notifyXml({ orderNo, totalFee: 100 }));
    expect(res.text).toMatch(FAIL);
    const logs = await payLogsFor(operator, orderNo);
    expect(logs).toMatchObject([{ verdict: 'rejected', detail: 'no such order' }]);
  });

  it.each([
    [
      'an XXE payload',
      (o: { orderNo: string }) =>
        `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><out_trade_no>${o.orderNo}</out_trade_no><attach>&xxe;</attach></xml>`,
    ],
    ['JSON', (o: { orderNo: string }) => JSON.stringify({ out_trade_no: o.orderNo, return_code: 'SUCCESS' })],
    ['plain text', () => 'success'],
    ['nested XML', (o: { orderNo: string }) => `<xml><out_trade_no>${o.orderNo}</out_trade_no><a><b>1</b></a></xml>`],
  ])('refuses %s with FAIL and changes nothing', async (_label, build) => {
    const order = await pendingOrder();
    const res = await postNotify(base, build(order));
    expect(res.text).toMatch(FAIL);
    expect(await order.status()).toBe('pending');
    const unverified = await operator.get('/api/admin/pay-logs?verdict=unverified&limit=5');
    expect(unverified.body.items.some((l: { detail: string }) => l.detail !== null)).toBe(true);
  });

  it('refuses a body over 64 KB', async () => {
    const order = await pendingOrder();
    const huge = notifyXml(order, { overrides: { attach: 'x'.repeat(70 * 1024) } });
    const res = await postNotify(base, huge);
    expect([200, 413]).toContain(res.status);
    expect(res.text).toMatch(FAIL);
    expect(await order.status()).toBe('pending');
  });

  it('never stores the merchant key in a pay log', async () => {
    const order = await pendingOrder();
    await postNotify(base, notifyXml(order));
    const logs = await operator.get(`/api/admin/pay-logs?orderNo=${order.orderNo}`);
    expect(JSON.stringify(logs.body)).not.toContain(TEST_ENV.WXPAY_KEY);
  });
});

describe('POST /api/wxpay/notify with hostile bytes', () => {
  it('stores a body containing NUL bytes as unverified and answers FAIL, not 500', async () => {
    const res = await postNotify(base, '<xml><out_trade_no>A\u0000B</out_trade_no><sign>\u0000</sign></xml>');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(FAIL);
    const nul = await postNotify(base, '\u0000');
    expect(nul.status).toBe(200);
    expect(nul.text).toMatch(FAIL);
  });

  it('answers 400, not 500, for a product id beyond 32 bits', async () => {
    const shopper = await newShopper(base);
    const res = await shopper.post('/api/orders', { items: [{ productId: 3_000_000_000, quantity: 1 }] });
    expect(res.status).toBe(400);
  });
});
