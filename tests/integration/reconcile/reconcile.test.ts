// Daily reconciliation (product.md "Reconciliation") over real HTTP: the shop fetches the sandbox's
// bill of today (the sandbox serves today's, so no test waits a day) and compares it with its books.
// A server of its own, because a day's result covers every payment of that day: orders live an hour
// and nothing polls their status, so a payment whose notify was dropped stays unknown to the shop.
// Tests run in order on one day and each leaves the day as the next expects it.
import postgres from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addBillDays, beijingDate } from '@/lib/reconcile/bill-date';
import type { Discrepancy } from '@/lib/reconcile/list-bill-days';
import { createBillClient, createRefundClient, parseBill } from '@/lib/wechatpay';
import { sandboxCertificateFiles } from '@/lib/env';
import { readFileSync } from 'node:fs';
import { admin, type ApiClient, clearSandboxFaults, newShopper, payAtSandbox, payLogsFor, placeOrder, sandboxFault, waitFor } from '../../support/api';
import { startAppServer, type AppServer } from '../../support/app-server';
import { TEST_ENV } from '../../support/test-env';

let server: AppServer;
let base: string;
let operator: ApiClient;
let shopper: ApiClient;
const today = beijingDate(new Date());

beforeAll(async () => {
  server = await startAppServer({
    port: Number(process.env.TEST_PORT ?? 3101) + 27,
    name: 'reconcile',
    env: { ORDER_TTL_SECONDS: '3600', RECONCILE_AT: 'off' },
  });
  base = server.baseUrl;
  operator = await admin(base);
  shopper = await newShopper(base);
});

afterAll(async () => {
  await server?.stop();
});

afterEach(async () => {
  await clearSandboxFaults(base);
});

interface Day {
  date: string;
  status: string;
  wechat: { trades: number; paidFen: number; refundFen: number; feeFen: number } | null;
  ours: { trades: number; paidFen: number; refundFen: number };
  discrepancies: number;
}

async function reconcile(query = `?date=${today}`, auth = `Bearer ${TEST_ENV.CRON_SECRET}`) {
  const res = await fetch(`${base}/api/cron/reconcile${query}`, { headers: auth ? { authorization: auth } : {} });
  return { status: res.status, body: await res.json() };
}

async function reconciled(date = today): Promise<Day> {
  const { status, body } = await reconcile(`?date=${date}`);
  expect(status).toBe(200);
  return body as Day;
}

async function dayDetail(date = today): Promise<Day & { discrepancies: Discrepancy[] }> {
  const res = await operator.get(`/api/admin/reconciliation/${date}`);
  expect(res.status).toBe(200);
  return res.body;
}

/** An order placed and paid, its notify applied (unless the notify is dropped). */
async function paidOrder({ dropNotify = false } = {}) {
  const order = await placeOrder(shopper);
  if (dropNotify) await sandboxFault(base, { outTradeNo: order.orderNo, notify: 'drop' });
  const { transactionId } = await payAtSandbox(base, order.codeUrl);
  if (!dropNotify) await waitFor(async () => (await payLogsFor(operator, order.orderNo)).some((l) => l.verdict === 'applied'));
  return { ...order, transactionId };
}

const billClient = () =>
  createBillClient({ appid: TEST_ENV.WXPAY_APPID, mchId: TEST_ENV.WXPAY_MCH_ID, key: TEST_ENV.WXPAY_KEY, signType: 'HMAC-SHA256', baseUrl: `${base}/sandbox` });

describe('GET /api/cron/reconcile', () => {
  it('answers 401 without the bearer or with another one', async () => {
    expect((await reconcile('', '')).status).toBe(401);
    expect((await reconcile('', 'Bearer not-the-secret')).status).toBe(401);
  });

  it('answers 400 for a date that is not yyyyMMdd, not a day, or in the future', async () => {
    for (const date of ['2026-12-01', '20261301', '20260230', 'yesterday', addBillDays(today, 1)]) {
      const { status, body } = await reconcile(`?date=${date}`);
      expect(status, date).toBe(400);
      expect(body.error).toMatch(/date/);
    }
  });

  it('reconciles yesterday (Beijing time) by default; a day without trades is no_bill', async () => {
    const { status, body } = await reconcile('');
    expect(status).toBe(200);
    expect(body).toEqual({
      date: addBillDays(today, -1),
      status: 'no_bill',
      wechat: { trades: 0, paidFen: 0, refundFen: 0, feeFen: 0 },
      ours: { trades: 0, paidFen: 0, refundFen: 0 },
      discrepancies: 0,
      detail: null,
    });
    expect((await operator.get(`/api/admin/reconciliation/${addBillDays(today, -1)}`)).body).toMatchObject({ status: 'no_bill', discrepancies: [] });
    expect((await operator.get(`/api/admin/reconciliation/${addBillDays(today, -30)}`)).status).toBe(404);
  });
});

describe('a day of payments', () => {
  it('is matched when the bill and the books agree, with WeChat totals beside ours and the fee at 0.6 %', async () => {
    const orders = [await paidOrder(), await paidOrder()];
    const paidFen = orders.reduce((sum, o) => sum + o.totalFee, 0);
    const day = await reconciled();
    expect(day).toMatchObject({ date: today, status: 'matched', discrepancies: 0, ours: { trades: 2, paidFen, refundFen: 0 } });
    expect(day.wechat).toEqual({ trades: 2, paidFen, refundFen: 0, feeFen: Math.round(paidFen * 0.006) });
    const list = await operator.get(`/api/admin/reconciliation?from=${today.slice(0, 4)}-${today.slice(4, 6)}-${today.slice(6)}`);
    expect(list.body.items).toEqual([day]);
  });

  it.runIf(process.env.DATABASE_URL)(
    'is matched with refunds, and a refund still processing here is a status_mismatch (PostgreSQL: the shop refund row is written directly, then booked by the refund notify)',
    async () => {
      const order = await paidOrder();
      const files = sandboxCertificateFiles(server.dataDir, TEST_ENV.WXPAY_MCH_ID);
      const refunds = createRefundClient({
        appid: TEST_ENV.WXPAY_APPID,
        mchId: TEST_ENV.WXPAY_MCH_ID,
        key: TEST_ENV.WXPAY_KEY,
        signType: 'HMAC-SHA256',
        baseUrl: `${base}/sandbox`,
        secapiBaseUrl: server.secapiBaseUrl,
        certificate: { certPem: readFileSync(files.merchantCert, 'utf8'), keyPem: readFileSync(files.merchantKey, 'utf8'), ca: readFileSync(files.ca, 'utf8') },
      });
      const outRefundNo = `R${Date.now()}`;
      const refundFen = Math.min(100, order.totalFee);
      const sql = postgres(server.databaseUrl!, { max: 1, onnotice: () => {} });
      try {
        // The shop's row first, as its own refund route writes it: the sandbox's refund notify then
        // finds it and the shop books the success itself (a notify for an unknown refund is refused
        // and retried, and a late retry would settle the refund this test sets back below).
        await sql`
        insert into refunds (out_refund_no, idempotency_key, order_no, transaction_id, total_fee, refund_fee, status, sweep_lease_until)
        values (${outRefundNo}, ${outRefundNo}, ${order.orderNo}, ${order.transactionId}, ${order.totalFee}, ${refundFen}, 'processing', now() + interval '1 minute')`;
        await refunds.refund({
          outTradeNo: order.orderNo,
          outRefundNo,
          totalFee: order.totalFee,
          refundFee: refundFen,
          notifyUrl: `${base}/api/wxpay/refund-notify`,
        });
        await waitFor(async () => (await sql`select status from refunds where out_refund_no = ${outRefundNo}`)[0]?.status === 'success', 15_000);
        const day = await reconciled();
        expect(day).toMatchObject({ status: 'matched', discrepancies: 0, ours: { trades: 4, refundFen } });
        expect(day.wechat).toMatchObject({ trades: 4, refundFen });
        expect(day.wechat!.paidFen).toBe(day.ours.paidFen);

        // A lease far ahead keeps the shop's refund sweep from settling it again before the run
        // (its refundquery would rightly find SUCCESS and apply it).
        await sql`update refunds set status = 'processing', updated_at = now(), sweep_lease_until = now() + interval '1 hour' where out_refund_no = ${outRefundNo}`;
        expect(await reconciled()).toMatchObject({ status: 'discrepancies', discrepancies: 1 });
        expect((await dayDetail()).discrepancies).toEqual([
          {
            kind: 'status_mismatch',
            orderNo: order.orderNo,
            transactionId: order.transactionId,
            outRefundNo,
            wechatFen: refundFen,
            oursFen: refundFen,
            detail: 'bill: refund SUCCESS, ours: processing',
          },
        ]);
        await sql`update refunds set status = 'success' where out_refund_no = ${outRefundNo}`;
        expect(await reconciled()).toMatchObject({ status: 'matched' });
      } finally {
        await sql.end();
      }
    },
  );
});

describe('a discrepancy planted by the sandbox (the one-shot bill fault)', () => {
  it('extra: a payment only WeChat has is missing_here, and an anomaly pay log', async () => {
    await paidOrder();
    await sandboxFault(base, { bill: 'extra' });
    expect(await reconciled()).toMatchObject({ status: 'discrepancies', discrepancies: 1 });
    const [extra] = (await dayDetail()).discrepancies;
    expect(extra).toMatchObject({ kind: 'missing_here', outRefundNo: null, wechatFen: 888, oursFen: null, detail: 'unknown order here' });
    expect(extra.orderNo).toMatch(/^EXTRA/);
    expect(await payLogsFor(operator, extra.orderNo!)).toMatchObject([
      { source: 'bill', verdict: 'anomaly', tradeState: 'SUCCESS', transactionId: extra.transactionId, totalFee: 888 },
    ]);
    // Spent: the next bill is WeChat's books again.
    expect(await reconciled()).toMatchObject({ status: 'matched', discrepancies: 0 });
  });

  it('missing: a payment the bill lacks is missing_at_wechat', async () => {
    const order = await paidOrder();
    await sandboxFault(base, { bill: 'missing' });
    expect(await reconciled()).toMatchObject({ status: 'discrepancies', discrepancies: 1 });
    expect((await dayDetail()).discrepancies).toEqual([
      {
        kind: 'missing_at_wechat',
        orderNo: order.orderNo,
        transactionId: order.transactionId,
        outRefundNo: null,
        wechatFen: null,
        oursFen: order.totalFee,
        detail: 'paid here, not in the bill',
      },
    ]);
    expect(await reconciled()).toMatchObject({ status: 'matched' });
  });

  it('amount: another amount in the bill is amount_mismatch, with both amounts', async () => {
    const order = await paidOrder();
    await sandboxFault(base, { bill: 'amount' });
    const day = await reconciled();
    expect(day).toMatchObject({ status: 'discrepancies', discrepancies: 1 });
    expect(day.wechat!.paidFen).toBe(day.ours.paidFen + 1);
    expect((await dayDetail()).discrepancies).toEqual([
      {
        kind: 'amount_mismatch',
        orderNo: order.orderNo,
        transactionId: order.transactionId,
        outRefundNo: null,
        wechatFen: order.totalFee + 1,
        oursFen: order.totalFee,
        detail: 'amounts differ',
      },
    ]);
    expect(await reconciled()).toMatchObject({ status: 'matched' });
  });

  it('is refused for one transaction: a bill is the whole day', async () => {
    const res = await fetch(`${base}/sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outTradeNo: 'ABCDEF123456', bill: 'extra' }),
    });
    expect(res.status).toBe(400);
  });
});

describe('a payment whose notify was dropped and that the shop never queried', () => {
  it('is missing_here and one anomaly pay log, however often the day is reconciled', async () => {
    const order = await paidOrder({ dropNotify: true });
    const first = await reconciled();
    expect(first).toMatchObject({ status: 'discrepancies', discrepancies: 1 });
    const expected = {
      kind: 'missing_here',
      orderNo: order.orderNo,
      transactionId: order.transactionId,
      outRefundNo: null,
      wechatFen: order.totalFee,
      oursFen: null,
      detail: 'order pending here',
    };
    expect((await dayDetail()).discrepancies).toEqual([expected]);
    const anomaly = { source: 'bill', verdict: 'anomaly', transactionId: order.transactionId, totalFee: order.totalFee };
    expect(await payLogsFor(operator, order.orderNo)).toMatchObject([anomaly]);
    const queue = await operator.get('/api/admin/anomalies?status=open&limit=500');
    expect(queue.body.items.filter((a: { orderNo: string }) => a.orderNo === order.orderNo)).toMatchObject([{ kind: 'unbooked_payment' }]);

    // Re-run: the same one result, and still one anomaly.
    expect(await reconciled()).toEqual(first);
    expect((await dayDetail()).discrepancies).toEqual([expected]);
    expect(await payLogsFor(operator, order.orderNo)).toMatchObject([anomaly]);
    // Reconciliation changed nothing in the shop's books.
    expect((await shopper.get(`/api/orders/${order.orderNo}/status`)).body.status).toBe('pending');
  });

  it('two runs of the day at once leave one result', async () => {
    const before = await dayDetail();
    const runs = await Promise.all([reconcile(), reconcile(), operator.post(`/api/admin/reconciliation/${today}`, {})]);
    for (const run of runs) expect(run.status).toBe(200);
    const after = await dayDetail();
    expect(after.discrepancies).toEqual(before.discrepancies);
    const list = await operator.get(`/api/admin/reconciliation?from=${today.slice(0, 4)}-${today.slice(4, 6)}-${today.slice(6)}`);
    expect(list.body.items).toHaveLength(1);
  });
});

describe('the console routes', () => {
  it('check the session and the role before the date: 401 signed out, 403 for a shopper', async () => {
    for (const path of ['/api/admin/reconciliation?from=nonsense', '/api/admin/reconciliation/notadate']) {
      expect((await fetch(`${base}${path}`)).status).toBe(401);
      expect((await shopper.get(path)).status).toBe(403);
    }
    expect((await shopper.post(`/api/admin/reconciliation/${today}`, {})).status).toBe(403);
    expect((await operator.get('/api/admin/reconciliation/notadate')).status).toBe(400);
    expect((await operator.post('/api/admin/reconciliation', { date: addBillDays(today, 1) })).status).toBe(400);
  });
});

describe('the sandbox bill (wechatpay.md §10)', () => {
  it('is the same bill as text or gzip, payments only for SUCCESS, refunds only for REFUND', async () => {
    const client = billClient();
    const plain = await client.downloadBill({ billDate: today });
    const gzip = await client.downloadBill({ billDate: today, gzip: true });
    if (plain.kind !== 'bill' || gzip.kind !== 'bill') throw new Error('expected bills');
    expect(plain.text.startsWith('\uFEFF交易时间,')).toBe(true);
    const bill = parseBill(plain.text);
    expect(parseBill(gzip.text)).toEqual(bill);
    const success = await client.downloadBill({ billDate: today, billType: 'SUCCESS' });
    if (success.kind !== 'bill') throw new Error('expected a bill');
    expect(parseBill(success.text).rows).toEqual(bill.rows.filter((r) => r.kind === 'payment'));
    for (const row of bill.rows) expect(row.feeMilliFen).toBe((row.kind === 'payment' ? row.totalFen! : -row.refundFen) * 6);
    const refunds = await client.downloadBill({ billDate: today, billType: 'REFUND' });
    expect(refunds.kind === 'no_bill' ? [] : parseBill(refunds.text).rows).toEqual(bill.rows.filter((r) => r.kind === 'refund'));
  });

  it('answers No Bill Exist for a day without trades, and unsigned XML errors with error_code', async () => {
    expect(await billClient().downloadBill({ billDate: addBillDays(today, -40), gzip: true })).toEqual({ kind: 'no_bill' });
    const wrongKey = createBillClient({
      appid: TEST_ENV.WXPAY_APPID,
      mchId: TEST_ENV.WXPAY_MCH_ID,
      key: 'WrongKeyWrongKeyWrongKeyWrongKey',
      signType: 'MD5',
      baseUrl: `${base}/sandbox`,
    });
    await expect(wrongKey.downloadBill({ billDate: today })).rejects.toMatchObject({ errorCode: '20001' });
    await expect(billClient().downloadBill({ billDate: addBillDays(today, 1) })).rejects.toMatchObject({ name: 'WxDownloadBillError' });
  });
});
