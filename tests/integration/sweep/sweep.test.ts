// The sweep against every fault the sandbox can play, on a server of its own whose orders expire
// after 2 s (WeChat's 5-minute minimum age for closeorder is 3 s at the test time scale).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWechatPayClient } from '@/lib/wechatpay';
import { admin, type ApiClient, catalog, clearSandboxFaults, newShopper, payAtSandbox, payLogsFor, sandboxFault, stockOf, waitFor } from '../../support/api';
import { startAppServer, type AppServer } from '../../support/app-server';
import { expectMoneyInvariants } from '../../support/invariants';
import { TEST_ENV } from '../../support/test-env';
import { notifyXml, postNotify } from '../payments/notify-message';

const TTL_MS = 2000;
const CLOSABLE_AFTER_MS = 3100;

let server: AppServer;
let base: string;
let operator: ApiClient;
let shopper: ApiClient;

beforeAll(async () => {
  server = await startAppServer({ port: Number(process.env.TEST_PORT ?? 3101) + 20, name: 'sweep', env: { ORDER_TTL_SECONDS: String(TTL_MS / 1000) } });
  base = server.baseUrl;
  operator = await admin(base);
});

afterAll(async () => {
  await server?.stop();
});

afterEach(async () => {
  await clearSandboxFaults(base);
  await expectMoneyInvariants(operator);
});

interface Placed {
  orderNo: string;
  totalFee: number;
  codeUrl: string;
  productId: number;
  createdAt: number;
}

async function place(client?: ApiClient, quantity = 1): Promise<Placed> {
  shopper = client ?? (await newShopper(base));
  const products = await catalog(base);
  const product = products[Math.floor(Math.random() * products.length)];
  const res = await shopper.post('/api/orders', { items: [{ productId: product.id, quantity }] });
  expect(res.status).toBe(201);
  return { ...res.body, productId: product.id, createdAt: Date.now() };
}

const fault = (body: Record<string, unknown>) => sandboxFault(base, body);
const pay = (order: Placed) => payAtSandbox(base, order.codeUrl);

async function sweep(auth = `Bearer ${TEST_ENV.CRON_SECRET}`) {
  const res = await fetch(`${base}/api/cron/sweep`, { headers: auth ? { authorization: auth } : {} });
  return { status: res.status, body: await res.json() };
}

async function closable(...orders: Placed[]) {
  const wait = Math.max(...orders.map((o) => o.createdAt + CLOSABLE_AFTER_MS - Date.now()));
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

async function statusOf(orderNo: string): Promise<string> {
  const res = await operator.get(`/api/admin/orders?limit=500`);
  return res.body.items.find((o: { orderNo: string }) => o.orderNo === orderNo).status;
}

const sandboxClient = () =>
  createWechatPayClient({ appid: TEST_ENV.WXPAY_APPID, mchId: TEST_ENV.WXPAY_MCH_ID, key: TEST_ENV.WXPAY_KEY, signType: 'MD5', baseUrl: `${base}/sandbox` });

describe('sweep', () => {
  it('marks paid an order whose notify was dropped, from orderquery, without returning stock', async () => {
    const order = await place();
    await fault({ outTradeNo: order.orderNo, notify: 'drop' });
    await pay(order);
    const stockAfterCheckout = await stockOf(base, order.productId);
    await closable(order);
    const { body } = await sweep();
    expect(body).toMatchObject({ paid: 1, closed: 0, failed: 0 });
    expect(await statusOf(order.orderNo)).toBe('paid');
    expect(await payLogsFor(operator, order.orderNo)).toMatchObject([{ verdict: 'applied', source: 'query', tradeState: 'SUCCESS' }]);
    expect(await stockOf(base, order.productId)).toBe(stockAfterCheckout);
  });

  it('closes a never-paid order at WeChat first, then locally, returning its stock once', async () => {
    const order = await place(undefined, 3);
    const reduced = await stockOf(base, order.productId);
    await closable(order);
    const first = await sweep();
    expect(first.body).toMatchObject({ scanned: 1, closed: 1, paid: 0, failed: 0 });
    expect((await sandboxClient().orderQuery(order.orderNo)).tradeState).toBe('CLOSED');
    expect(await statusOf(order.orderNo)).toBe('closed');
    expect(await stockOf(base, order.productId)).toBe(reduced + 3);
    const again = await sweep();
    expect(again.body).toMatchObject({ scanned: 0, closed: 0 });
    expect(await stockOf(base, order.productId)).toBe(reduced + 3);
    expect(await payLogsFor(operator, order.orderNo)).toMatchObject([{ verdict: 'closed', source: 'close', tradeState: 'CLOSED' }]);
  });

  it('treats closeorder answering ORDERPAID as paid and keeps the stock sold', async () => {
    const order = await place();
    const reduced = await stockOf(base, order.productId);
    await fault({ outTradeNo: order.orderNo, closeorder: 'ORDERPAID' });
    await closable(order);
    const { body } = await sweep();
    expect(body).toMatchObject({ paid: 1, closed: 0 });
    expect(await statusOf(order.orderNo)).toBe('paid');
    expect(await stockOf(base, order.productId)).toBe(reduced);
    // The sandbox's own notify for that payment arrives too and is a duplicate.
    await waitFor(async () => (await payLogsFor(operator, order.orderNo)).length >= 2);
    const verdicts = (await payLogsFor(operator, order.orderNo)).map((l) => l.verdict).sort();
    expect(verdicts).toEqual(['applied', 'duplicate']);
  });

  it('leaves an order pending when orderquery fails, counts it failed, and the next sweep finishes it', async () => {
    const order = await place();
    await fault({ outTradeNo: order.orderNo, orderquery: 'SYSTEMERROR' });
    await closable(order);
    expect((await sweep()).body).toMatchObject({ scanned: 1, failed: 1, closed: 0, paid: 0, left: 1 });
    expect(await statusOf(order.orderNo)).toBe('pending');
    await clearSandboxFaults(base);
    expect((await sweep()).body).toMatchObject({ scanned: 1, closed: 1, failed: 0, left: 0 });
    expect(await statusOf(order.orderNo)).toBe('closed');
  });

  it('ends every order paid or closed, never both, when notifies and the sweep arrive together (50 orders)', async () => {
    // Paid orders' notifies are held back until about when the sweep runs, so the two race.
    await fault({ notify: 'delay', delayMs: CLOSABLE_AFTER_MS });
    const orders: Placed[] = [];
    const paid: Placed[] = [];
    for (let i = 0; i < 50; i++) {
      const order = await place(i % 20 === 0 ? undefined : shopper);
      orders.push(order);
      // Paid at once: these orders expire 2 s after checkout.
      if (i % 2 === 0) {
        await pay(order);
        paid.push(order);
      }
    }
    await closable(...orders);
    await Promise.all([sweep(), sweep()]);
    await waitFor(async () => {
      const { items } = (await operator.get('/api/admin/orders?limit=500')).body as { items: { orderNo: string; status: string }[] };
      return orders.every((o) => items.find((i) => i.orderNo === o.orderNo)?.status !== 'pending');
    }, 15_000);
    const { items } = (await operator.get('/api/admin/orders?limit=500')).body as { items: { orderNo: string; status: string }[] };
    for (const o of orders) {
      expect(items.find((i) => i.orderNo === o.orderNo)!.status).toBe(paid.includes(o) ? 'paid' : 'closed');
    }
  });

  it('two concurrent sweeps over 200 stale orders claim each order once and conserve stock', async () => {
    const orders: Placed[] = [];
    for (let i = 0; i < 200; i++) orders.push(await place(i % 20 === 0 ? undefined : shopper));
    await closable(...orders);
    const [a, b] = await Promise.all([sweep(), sweep()]);
    // At least these 200 (an earlier test may leave stale orders of its own).
    expect(a.body.scanned + b.body.scanned).toBeGreaterThanOrEqual(200);
    expect(a.body.closed + b.body.closed).toBeGreaterThanOrEqual(200);
    expect(a.body.failed + b.body.failed).toBe(0);
    // Claimed once each: exactly one close per order, whichever sweeper did it.
    const closedLogs = (await operator.get('/api/admin/pay-logs?verdict=closed&limit=500')).body.items as { orderNo: string }[];
    for (const o of orders) expect(closedLogs.filter((l) => l.orderNo === o.orderNo)).toHaveLength(1);
  });

  it('records one applied row when 20 duplicate notifies race a sweep', async () => {
    const order = await place();
    await fault({ outTradeNo: order.orderNo, notify: 'drop' });
    const { transactionId } = await pay(order);
    await closable(order);
    const body = notifyXml(order, { overrides: { transaction_id: transactionId } });
    await Promise.all([sweep(), ...Array.from({ length: 20 }, () => postNotify(base, body))]);
    const verdicts = (await payLogsFor(operator, order.orderNo)).map((l) => l.verdict);
    expect(verdicts.filter((v) => v === 'applied')).toHaveLength(1);
    expect(verdicts.filter((v) => v !== 'applied').every((v) => v === 'duplicate')).toBe(true);
    expect(await statusOf(order.orderNo)).toBe('paid');
  });

  it('records money for a closed order as an anomaly and keeps the order closed', async () => {
    const order = await place();
    await closable(order);
    expect((await sweep()).body).toMatchObject({ closed: 1 });
    const res = await postNotify(base, notifyXml(order));
    expect(res.text).toContain('SUCCESS');
    expect(await statusOf(order.orderNo)).toBe('closed');
    const verdicts = (await payLogsFor(operator, order.orderNo)).map((l) => l.verdict).sort();
    expect(verdicts).toEqual(['anomaly', 'closed']);
  });

  it.each([
    ['no Authorization header', ''],
    ['a wrong bearer', 'Bearer not-the-secret'],
    ['the secret without Bearer', TEST_ENV.CRON_SECRET],
  ])('answers 401 to %s and touches nothing', async (_label, auth) => {
    const order = await place();
    await closable(order);
    const res = await sweep(auth);
    expect(res.status).toBe(401);
    expect(await statusOf(order.orderNo)).toBe('pending');
    expect((await sweep()).body).toMatchObject({ closed: 1 });
  });
});

// Money WeChat holds that the shop cannot book: each ends in one outcome, recorded once, instead
// of a pending order that every sweep and every poll asks about again.
// The faults are set for every transaction before checkout: these orders expire 2 s after it.
describe('payments the shop cannot apply as they are', () => {
  const logsOf = async (order: Placed) =>
    (await payLogsFor(operator, order.orderNo)).map((l) => ({ verdict: l.verdict, source: l.source, tradeState: l.tradeState, detail: l.detail }));

  it('orderquery SUCCESS with another amount: one anomaly, the order stays pending and is never claimed or queried again', async () => {
    await fault({ notify: 'drop', orderquery: 'AMOUNT_MISMATCH' });
    const order = await place();
    await pay(order);
    await closable(order);
    // Other tests' stale orders may share (or outlast) a sweep: this order is judged by its own logs.
    await waitFor(async () => (await sweep()).status === 200 && (await logsOf(order)).length > 0, 50_000, 0);
    const anomaly = {
      verdict: 'anomaly',
      source: 'query',
      tradeState: 'SUCCESS',
      detail: `amount ${order.totalFee + 1} fen does not match the order's ${order.totalFee} fen`,
    };
    expect(await logsOf(order)).toEqual([anomaly]);
    // Neither the next sweeps nor the shopper's pay page ask WeChat about it again.
    for (let i = 0; i < 3; i++) expect((await sweep()).status).toBe(200);
    expect((await shopper.get(`/api/orders/${order.orderNo}/status`)).body.status).toBe('pending');
    expect(await logsOf(order)).toEqual([anomaly]);
    expect(await statusOf(order.orderNo)).toBe('pending');
    // It waits in the operator's queue, and WeChat still has it paid (never closed there).
    const open = (await operator.get('/api/admin/anomalies?status=open&limit=500')).body.items as { orderNo: string; kind: string }[];
    expect(open.filter((a) => a.orderNo === order.orderNo).map((a) => a.kind)).toEqual(['amount_mismatch']);
    expect((await sandboxClient().orderQuery(order.orderNo)).tradeState).toBe('SUCCESS');
  });

  it('orderquery REFUND in the sweep: applies the payment and records "refunded outside the shop" once', async () => {
    await fault({ notify: 'drop', orderquery: 'REFUND' });
    const order = await place();
    const { transactionId } = await pay(order);
    await closable(order);
    await waitFor(async () => (await sweep()).status === 200 && (await statusOf(order.orderNo)) === 'paid', 50_000, 0);
    expect((await sweep()).status).toBe(200);
    const logs = await payLogsFor(operator, order.orderNo);
    expect(logs.map((l) => [l.verdict, l.source, l.tradeState, l.transactionId])).toEqual([
      ['anomaly', 'query', 'REFUND', transactionId],
      ['applied', 'query', 'REFUND', transactionId],
    ]);
    expect(logs[0].detail).toMatch(/^refunded outside the shop/);
  });

  it('orderquery REFUND in the status route: the same single outcome', async () => {
    await fault({ notify: 'drop', orderquery: 'REFUND' });
    const order = await place();
    await pay(order);
    expect((await shopper.get(`/api/orders/${order.orderNo}/status`)).body.status).toBe('paid');
    expect((await shopper.get(`/api/orders/${order.orderNo}/status`)).body.status).toBe('paid');
    expect((await logsOf(order)).map((l) => l.verdict)).toEqual(['anomaly', 'applied']);
  });

  it('orderquery in another currency (fee_type USD) is never applied: one anomaly, order pending, not queried again', async () => {
    await fault({ notify: 'drop', orderquery: 'FEE_TYPE_USD' });
    const order = await place();
    await pay(order);
    expect((await shopper.get(`/api/orders/${order.orderNo}/status`)).body.status).toBe('pending');
    await closable(order);
    expect((await sweep()).status).toBe(200);
    expect(await logsOf(order)).toEqual([{ verdict: 'anomaly', source: 'query', tradeState: 'SUCCESS', detail: 'fee_type USD: the shop books CNY only' }]);
    expect(await statusOf(order.orderNo)).toBe('pending');
  });
});
