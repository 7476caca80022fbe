// Refunds end to end (product.md "Refunds"): the console's route, the sandbox over mutual TLS, the
// refund notify, the sweep's resend and refundquery — and the money never moving twice.
import { afterEach, describe, expect, it } from 'vitest';
import { clearSandboxFaults, newShopper, payLogsFor, sandboxFault, stockOf } from '../../support/api';
import { notifyXml, postNotify } from '../payments/notify-message';
import { callV2, placeOrder, scanPay } from '../sandbox/helpers';
import {
  base,
  FAIL,
  idempotencyKey,
  operator,
  orderStatus,
  paidOrder,
  postRefundNotify,
  refund,
  refundGap,
  refundNotifyXml,
  refundsOf,
  SUCCESS,
  sweep,
  waitForRefund,
} from './helpers';

afterEach(() => clearSandboxFaults(base));

/** What the sandbox (WeChat) holds for the order: its refunds by out_refund_no. */
async function sandboxRefunds(outTradeNo: string): Promise<string[]> {
  const reply = await callV2('refundquery', { out_trade_no: outTradeNo }, { signType: 'HMAC-SHA256' });
  if (reply.result_code !== 'SUCCESS') return [];
  return Array.from({ length: Number(reply.refund_count) }, (_, n) => reply[`out_refund_no_${n}`]);
}

describe('POST /api/admin/orders/{orderNo}/refunds', () => {
  it('refunds an order in full: 201 processing, then success from the notify; the order is refunded', async () => {
    const order = await paidOrder();
    const res = await refund(order.orderNo, { refundFen: order.totalFee });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ status: 'processing', refundFen: order.totalFee });
    expect(res.body.outRefundNo).toMatch(/^[0-9A-Za-z_\-|*@]{1,64}$/);
    const done = await waitForRefund(order.orderNo, res.body.outRefundNo, 'success');
    expect(done.succeededAt).not.toBeNull();
    expect(await orderStatus(order)).toBe('refunded');
    const logs = (await payLogsFor(await operator(), order.orderNo)).filter((l) => l.source.startsWith('refund'));
    expect(logs.map((l) => [l.source, l.verdict, l.tradeState]).sort()).toEqual([
      ['refund', 'accepted', 'PROCESSING'],
      ['refund_notify', 'applied', 'SUCCESS'],
    ]);
  });

  it('two partial refunds make it partially refunded, then refunded; a third would exceed: 409 and nothing sent', async () => {
    const order = await paidOrder(2);
    const first = await refund(order.orderNo, { refundFen: 100 });
    expect(first.status, first.text).toBe(201);
    await waitForRefund(order.orderNo, first.body.outRefundNo, 'success');
    expect(await orderStatus(order)).toBe('partially_refunded');
    await refundGap();
    const second = await refund(order.orderNo, { refundFen: order.totalFee - 100 });
    expect(second.status, second.text).toBe(201);
    await waitForRefund(order.orderNo, second.body.outRefundNo, 'success');
    expect(await orderStatus(order)).toBe('refunded');

    await refundGap();
    const third = await refund(order.orderNo, { refundFen: 1 });
    expect(third.status, third.text).toBe(409);
    expect(await refundsOf(order.orderNo)).toHaveLength(2);
    expect((await sandboxRefunds(order.orderNo)).sort()).toEqual([first.body.outRefundNo, second.body.outRefundNo].sort());
  });

  it('answers a double click (the same idempotencyKey, concurrently) with one refund', async () => {
    const order = await paidOrder();
    const key = idempotencyKey();
    const replies = await Promise.all(Array.from({ length: 5 }, () => refund(order.orderNo, { refundFen: 200, idempotencyKey: key })));
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect(new Set(replies.map((r) => r.body.outRefundNo)).size).toBe(1);
    expect(await refundsOf(order.orderNo)).toHaveLength(1);
    expect(await sandboxRefunds(order.orderNo)).toHaveLength(1);
  });

  it('refuses an order that was never paid (409) and bad input (400)', async () => {
    const shopper = await newShopper(base);
    const product = (await (await fetch(`${base}/api/products`)).json()).find((p: { stock: number }) => p.stock > 5);
    const pending = await shopper.post('/api/orders', { items: [{ productId: product.id, quantity: 1 }] });
    expect((await refund(pending.body.orderNo, { refundFen: 1 })).status).toBe(409);
    const order = await paidOrder();
    expect((await refund(order.orderNo, { refundFen: 0 })).status).toBe(400);
    expect((await refund(order.orderNo, { refundFen: 1.5 })).status).toBe(400);
    expect((await refund(order.orderNo, { refundFen: order.totalFee + 1 })).status).toBe(409);
    expect((await refund(order.orderNo, { refundFen: 1, reason: '退'.repeat(27) })).status).toBe(400);
    expect((await refund(order.orderNo, { refundFen: 1, restockItems: [{ productId: order.productId, quantity: 2 }] })).status).toBe(400);
    expect(await refundsOf(order.orderNo)).toHaveLength(0);
  });
});

describe('refund results', () => {
  it('applies 20 concurrent copies of a refund notify once', async () => {
    const order = await paidOrder();
    await sandboxFault(base, { outTradeNo: order.orderNo, refundNotify: 'drop' });
    const res = await refund(order.orderNo, { refundFen: 300 });
    expect(res.status, res.text).toBe(201);
    const body = refundNotifyXml(order, { outRefundNo: res.body.outRefundNo, refundFee: 300 });
    const replies = await Promise.all(Array.from({ length: 20 }, () => postRefundNotify(body)));
    for (const r of replies) expect(r.text).toMatch(SUCCESS);
    const verdicts = (await payLogsFor(await operator(), order.orderNo)).filter((l) => l.source === 'refund_notify').map((l) => l.verdict);
    expect(verdicts.sort()).toEqual(['applied', ...Array(19).fill('duplicate')]);
    expect(await orderStatus(order)).toBe('partially_refunded');
  });

  it('finishes a refund whose notify was dropped with the sweep’s refundquery', async () => {
    const order = await paidOrder();
    await sandboxFault(base, { outTradeNo: order.orderNo, refundNotify: 'drop' });
    const res = await refund(order.orderNo, { refundFen: order.totalFee });
    expect(res.status, res.text).toBe(201);
    // Older than a minute × the time scale (600 ms), and settled at the sandbox (50 ms).
    await new Promise((r) => setTimeout(r, 700));
    const summary = await sweep();
    expect(summary).toMatchObject({ scanned: expect.any(Number), paid: expect.any(Number), closed: expect.any(Number), failed: expect.any(Number) });
    expect(summary.refunds.settled).toBeGreaterThanOrEqual(1);
    await waitForRefund(order.orderNo, res.body.outRefundNo, 'success', 1000);
    expect(await orderStatus(order)).toBe('refunded');
    const logs = (await payLogsFor(await operator(), order.orderNo)).filter((l) => l.source === 'refund_query');
    expect(logs.map((l) => l.verdict)).toEqual(['applied']);
  });

  it('retries a refund whose first call failed (SYSTEMERROR) with the same out_refund_no: refunded once at the sandbox', async () => {
    const order = await paidOrder();
    await sandboxFault(base, { outTradeNo: order.orderNo, refund: 'SYSTEMERROR' });
    const res = await refund(order.orderNo, { refundFen: order.totalFee });
    expect(res.status, res.text).toBe(202);
    expect(res.body.status).toBe('requested');
    // Still failing: the sweep sends it again and it stays requested.
    await sweep();
    expect((await refundsOf(order.orderNo))[0].status).toBe('requested');
    await clearSandboxFaults(base);
    await sweep();
    await waitForRefund(order.orderNo, res.body.outRefundNo, 'success');
    await sweep();
    expect(await sandboxRefunds(order.orderNo)).toEqual([res.body.outRefundNo]);
    expect(await refundsOf(order.orderNo)).toHaveLength(1);
    expect(await orderStatus(order)).toBe('refunded');
  });

  it('NOTENOUGH fails the refund (502 with err_code); the operator’s retry sends the same out_refund_no', async () => {
    const order = await paidOrder();
    await sandboxFault(base, { outTradeNo: order.orderNo, refund: 'NOTENOUGH' });
    const res = await refund(order.orderNo, { refundFen: 150 });
    expect(res.status, res.text).toBe(502);
    expect(res.body).toMatchObject({ errCode: 'NOTENOUGH', status: 'failed' });
    const [failed] = await refundsOf(order.orderNo);
    expect(failed.status).toBe('failed');
    await clearSandboxFaults(base);
    const retry = await (await operator()).post(`/api/admin/refunds/${failed.outRefundNo}/retry`, {});
    expect(retry.status, retry.text).toBe(201);
    expect(retry.body.outRefundNo).toBe(failed.outRefundNo);
    await waitForRefund(order.orderNo, failed.outRefundNo, 'success');
    expect(await sandboxRefunds(order.orderNo)).toEqual([failed.outRefundNo]);
    expect((await (await operator()).post(`/api/admin/refunds/${failed.outRefundNo}/retry`, {})).status).toBe(409);
  });

  it('CHANGE makes the refund abnormal, shown in the API and on the order page; the order keeps its state', async () => {
    const order = await paidOrder();
    await sandboxFault(base, { outTradeNo: order.orderNo, refund: 'CHANGE' });
    const res = await refund(order.orderNo, { refundFen: order.totalFee });
    expect(res.status, res.text).toBe(201);
    await waitForRefund(order.orderNo, res.body.outRefundNo, 'abnormal');
    expect(await orderStatus(order)).toBe('paid');
    const page = await (await operator()).get(`/admin/orders/${order.orderNo}`);
    expect(page.text).toContain('abnormal');
    expect(page.text).toContain('商户平台');
  });

  it('refuses a forged refund notify (another key; another amount): FAIL, nothing changed', async () => {
    const order = await paidOrder();
    await sandboxFault(base, { outTradeNo: order.orderNo, refund: 'PROCESSING' });
    const res = await refund(order.orderNo, { refundFen: 200 });
    expect(res.status, res.text).toBe(201);
    const otherKey = await postRefundNotify(refundNotifyXml(order, { outRefundNo: res.body.outRefundNo, refundFee: 200 }, 'AnotherKeyAnotherKeyAnotherKey00'));
    expect(otherKey.text).toMatch(FAIL);
    const otherAmount = await postRefundNotify(refundNotifyXml(order, { outRefundNo: res.body.outRefundNo, refundFee: 201 }));
    expect(otherAmount.text).toMatch(FAIL);
    const unknown = await postRefundNotify(refundNotifyXml(order, { outRefundNo: 'RFnotours', refundFee: 200 }));
    expect(unknown.text).toMatch(FAIL);
    const doctype = await postRefundNotify('<!DOCTYPE xml [<!ENTITY x "y">]><xml><return_code>SUCCESS</return_code></xml>');
    expect(doctype.text).toMatch(FAIL);
    expect((await refundsOf(order.orderNo))[0].status).toBe('processing');
    expect(await orderStatus(order)).toBe('paid');
    const verdicts = (await payLogsFor(await operator(), order.orderNo)).filter((l) => l.source === 'refund_notify').map((l) => l.verdict);
    expect(verdicts).toEqual(['rejected']);
  });

  it('returns restockItems to stock exactly once when notifies and refreshes race, never more than bought', async () => {
    const order = await paidOrder(3);
    await sandboxFault(base, { outTradeNo: order.orderNo, refundNotify: 'drop' });
    const before = await stockOf(base, order.productId);
    const res = await refund(order.orderNo, { refundFen: 100, restockItems: [{ productId: order.productId, quantity: 2 }] });
    expect(res.status, res.text).toBe(201);
    await new Promise((r) => setTimeout(r, 100));
    const body = refundNotifyXml(order, { outRefundNo: res.body.outRefundNo, refundFee: 100 });
    const admin = await operator();
    await Promise.all([
      ...Array.from({ length: 8 }, () => postRefundNotify(body)),
      ...Array.from({ length: 4 }, () => admin.post(`/api/admin/refunds/${res.body.outRefundNo}/refresh`, {})),
    ]);
    await waitForRefund(order.orderNo, res.body.outRefundNo, 'success');
    expect(await stockOf(base, order.productId)).toBe(before + 2);
    const applied = (await payLogsFor(admin, order.orderNo)).filter((l) => l.source.startsWith('refund_') && l.verdict === 'applied');
    expect(applied).toHaveLength(1);
    // One unit is left to restock: two more are refused, one is fine.
    await clearSandboxFaults(base);
    await refundGap();
    expect((await refund(order.orderNo, { refundFen: 100, restockItems: [{ productId: order.productId, quantity: 2 }] })).status).toBe(400);
    const last = await refund(order.orderNo, { refundFen: 100, restockItems: [{ productId: order.productId, quantity: 1 }] });
    expect(last.status, last.text).toBe(201);
    await waitForRefund(order.orderNo, last.body.outRefundNo, 'success');
    expect(await stockOf(base, order.productId)).toBe(before + 3);
  });
});

/** Today's row of the revenue report (REPORT_TZ's today: the orders here are paid and refunded now). */
async function revenueToday(): Promise<{ orders: number; revenueFen: number; refundsFen: number; netFen: number }> {
  const res = await (await operator()).get('/api/admin/reports/revenue?groupBy=day');
  expect(res.status, res.text).toBe(200);
  return res.body.rows.at(-1);
}

describe('the revenue report', () => {
  it('keeps a refunded order in revenue and counts its refund in the period it succeeded', async () => {
    const order = await paidOrder(2);
    const before = await revenueToday();
    const res = await refund(order.orderNo, { refundFen: 250 });
    expect(res.status, res.text).toBe(201);
    await waitForRefund(order.orderNo, res.body.outRefundNo, 'success');
    const after = await revenueToday();
    expect(after.orders).toBe(before.orders);
    expect(after.revenueFen).toBe(before.revenueFen);
    expect(after.refundsFen).toBe(before.refundsFen + 250);
    expect(after.netFen).toBe(after.revenueFen - after.refundsFen);
  });
});

describe('refunding an anomaly’s payment', () => {
  it('refunds a second payment in full, resolves the anomaly and leaves the order paid', async () => {
    const order = await paidOrder();
    // A second transaction of the same amount that the sandbox knows (another out_trade_no paid there),
    // reported to the shop for our order: a second payment.
    const other = await placeOrder({ total_fee: order.totalFee }, { signType: 'HMAC-SHA256' });
    const paid = await scanPay(other.token);
    const secondTxn = String(paid.body.transactionId);
    const notified = await postNotify(base, notifyXml(order, { overrides: { transaction_id: secondTxn } }));
    expect(notified.text).toContain('SUCCESS');
    const admin = await operator();
    const revenueBefore = await revenueToday();
    const anomalies = await admin.get('/api/admin/anomalies?status=open&limit=500');
    const anomaly = anomalies.body.items.find((a: { orderNo: string; transactionId: string }) => a.orderNo === order.orderNo && a.transactionId === secondTxn);
    expect(anomaly).toBeDefined();

    const res = await admin.post(`/api/admin/anomalies/${anomaly.id}/refund`, {});
    expect(res.status, res.text).toBe(201);
    const again = await admin.post(`/api/admin/anomalies/${anomaly.id}/refund`, {});
    expect(again.status).toBe(200);
    expect(again.body.outRefundNo).toBe(res.body.outRefundNo);
    const done = await waitForRefund(order.orderNo, res.body.outRefundNo, 'success');
    expect(done.transactionId).toBe(secondTxn);
    expect(await orderStatus(order)).toBe('paid');
    // Money that was never revenue: not a refund of revenue either.
    expect((await revenueToday()).refundsFen).toBe(revenueBefore.refundsFen);
    const resolved = await admin.get('/api/admin/anomalies?status=resolved&limit=500');
    expect(resolved.body.items.some((a: { id: number }) => a.id === anomaly.id)).toBe(true);
    // The order's own payment is still whole.
    await refundGap();
    const own = await refund(order.orderNo, { refundFen: order.totalFee });
    expect(own.status, own.text).toBe(201);
  });
});

describe('who may refund', () => {
  const routes = (orderNo: string) => [
    ['POST', `/api/admin/orders/${orderNo}/refunds`],
    ['GET', '/api/admin/refunds'],
    ['GET', '/api/admin/refunds?format=csv'],
    ['POST', '/api/admin/refunds/RFx/retry'],
    ['POST', '/api/admin/refunds/RFx/refresh'],
    ['POST', '/api/admin/anomalies/1/refund'],
  ];

  it('answers anonymous callers 401 and shoppers 403 on every refund route, before validating', async () => {
    const shopper = await newShopper(base);
    for (const [method, path] of routes('nope')) {
      const anonymous = await fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'POST' ? '{"x":1}' : undefined,
      });
      expect(anonymous.status, `${method} ${path}`).toBe(401);
      expect((await shopper.request(method, path, method === 'POST' ? { json: { x: 1 } } : {})).status, `${method} ${path}`).toBe(403);
    }
  });

  it('lists refunds as JSON and CSV', async () => {
    const admin = await operator();
    const json = await admin.get('/api/admin/refunds?status=success&limit=5');
    expect(json.status).toBe(200);
    for (const item of json.body.items)
      expect(Object.keys(item)).toEqual(
        expect.arrayContaining(['outRefundNo', 'orderNo', 'transactionId', 'refundFen', 'status', 'reason', 'createdAt', 'succeededAt']),
      );
    const csv = await admin.get('/api/admin/refunds?format=csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.text).toContain('out_refund_no,order_no');
    expect((await admin.get('/api/admin/refunds?status=nope')).status).toBe(400);
  });
});
