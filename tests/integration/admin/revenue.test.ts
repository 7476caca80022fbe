// GET /api/admin/reports/revenue on a server of its own whose REPORT_TZ is America/New_York, so
// that days, months and quarters are provably local (and DST days have 23 and 25 hours). Orders
// are paid through the real notify path with WeChat's time_end placed on the edges: paid_at is
// that time, on PGlite and PostgreSQL alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, type ApiClient, catalog } from '../../support/api';
import { startAppServer, type AppServer } from '../../support/app-server';
import { addDays, dayIn, namedShopper, notify, pay, placeOrder, type Placed } from './helpers';

const TZ = 'America/New_York';

// Instants on either side of local midnights, year and quarter ends, and both DST changes of 2025.
const PAID_AT = [
  '2024-12-31T04:59:59Z', // 2024-12-30 23:59:59 EST
  '2025-01-01T04:59:59Z', // 2024-12-31 23:59:59 — the last second of Q4
  '2025-01-01T05:00:00Z', // 2025-01-01 00:00:00 — the first of Q1
  '2025-03-09T04:59:59Z', // 2025-03-08 23:59:59 EST
  '2025-03-09T05:00:00Z', // 2025-03-09 00:00:00 EST: a 23-hour day (clocks go forward at 02:00)
  '2025-03-10T03:59:59Z', // 2025-03-09 23:59:59 EDT
  '2025-03-10T04:00:00Z', // 2025-03-10 00:00:00 EDT
  '2025-04-01T03:59:59Z', // 2025-03-31 23:59:59 — the last second of Q1
  '2025-04-01T04:00:00Z', // 2025-04-01 00:00:00 — the first of Q2
  '2025-11-02T04:00:00Z', // 2025-11-02 00:00:00 EDT: a 25-hour day (clocks go back at 02:00)
  '2025-11-03T04:59:59Z', // 2025-11-02 23:59:59 EST
  '2025-11-03T05:00:00Z', // 2025-11-03 00:00:00 EST
];

let server: AppServer;
let operator: ApiClient;
const paid: (Placed & { paidAt: string })[] = [];

function periodOf(instant: string, groupBy: 'day' | 'month' | 'quarter'): string {
  const day = dayIn(instant, TZ);
  if (groupBy === 'day') return day;
  const month = Number(day.slice(5, 7));
  const start = groupBy === 'month' ? month : month - ((month - 1) % 3);
  return `${day.slice(0, 4)}-${String(start).padStart(2, '0')}-01`;
}

/** What the report must say: the paid orders' count and sum per period, from our own records. */
function expected(groupBy: 'day' | 'month' | 'quarter', inRange: (o: { paidAt: string }) => boolean = () => true) {
  const rows = new Map<string, { orders: number; revenueFen: number }>();
  for (const o of paid.filter(inRange)) {
    const p = periodOf(o.paidAt, groupBy);
    const row = rows.get(p) ?? { orders: 0, revenueFen: 0 };
    rows.set(p, { orders: row.orders + 1, revenueFen: row.revenueFen + o.totalFee });
  }
  return rows;
}

async function report(query: string): Promise<{ period: string; orders: number; revenueFen: number; refundsFen: number; netFen: number }[]> {
  const res = await operator.get(`/api/admin/reports/revenue?${query}`);
  expect(res.status, res.text).toBe(200);
  return res.body.rows;
}

/** The report's non-empty rows as a map, and a check that every row is a well-formed period. */
function nonEmpty(rows: { period: string; orders: number; revenueFen: number }[]) {
  for (const r of rows) expect(r.period).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  return new Map(rows.filter((r) => r.orders > 0).map((r) => [r.period, { orders: r.orders, revenueFen: r.revenueFen }]));
}

beforeAll(async () => {
  server = await startAppServer({ port: Number(process.env.TEST_PORT ?? 3101) + 40, name: 'revenue', env: { REPORT_TZ: TZ } });
  operator = await admin(server.baseUrl);
  const { client } = await namedShopper(server.baseUrl, 'rev');
  const product = (await catalog(server.baseUrl)).sort((a, b) => b.stock - a.stock)[0];
  // The quantities below go past the default of 10 per order.
  expect((await operator.request('PATCH', `/api/admin/products/${product.id}`, { json: { maxPerOrder: PAID_AT.length } })).status).toBe(200);
  // Distinct quantities, so a total that includes a wrong order cannot add up by chance.
  for (const [i, at] of PAID_AT.entries()) {
    const order = await placeOrder(client, { productId: product.id, quantity: i + 1 });
    const txn = await pay(server.baseUrl, order, new Date(at));
    paid.push({ ...order, paidAt: at });
    if (i === 8) await notify(server.baseUrl, order, { overrides: { transaction_id: txn } }); // duplicate: counted once
    if (i === 2) await notify(server.baseUrl, order, { paidAt: new Date(at) }); // a second payment: an anomaly, counted once
  }
  // Not paid, so never counted: a pending order, and one whose only notify had the wrong amount.
  await placeOrder(client, { productId: product.id });
  const mismatched = await placeOrder(client, { productId: product.id });
  await notify(server.baseUrl, mismatched, { paidAt: new Date(PAID_AT[8]), overrides: { total_fee: '1', cash_fee: '1' } });
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

describe('GET /api/admin/reports/revenue', () => {
  it('by quarter: each paid order once, in its local quarter, empty quarters included', async () => {
    const rows = await report('groupBy=quarter&from=2024-10-01&to=2025-12-31');
    expect(rows.map((r) => r.period)).toEqual(['2024-10-01', '2025-01-01', '2025-04-01', '2025-07-01', '2025-10-01']);
    expect(nonEmpty(rows)).toEqual(expected('quarter'));
    expect(rows.find((r) => r.period === '2024-10-01')!.orders).toBe(2);
    expect(rows.find((r) => r.period === '2025-01-01')!.orders).toBe(6);
    expect(rows.find((r) => r.period === '2025-07-01')).toEqual({ period: '2025-07-01', orders: 0, revenueFen: 0, refundsFen: 0, netFen: 0 });
  });

  it('by month and by day across year end and midnight', async () => {
    const months = await report('groupBy=month&from=2024-12-01&to=2025-04-30');
    expect(months.map((r) => r.period)).toEqual(['2024-12-01', '2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01']);
    expect(nonEmpty(months)).toEqual(expected('month', (o) => o.paidAt < '2025-05'));
    const days = await report('groupBy=day&from=2024-12-30&to=2025-01-01');
    // Nothing was refunded: net is revenue.
    for (const r of days) expect([r.refundsFen, r.netFen]).toEqual([0, r.revenueFen]);
    expect(days.map(({ period, orders, revenueFen }) => ({ period, orders, revenueFen }))).toEqual([
      { period: '2024-12-30', ...expected('day').get('2024-12-30')! },
      { period: '2024-12-31', ...expected('day').get('2024-12-31')! },
      { period: '2025-01-01', ...expected('day').get('2025-01-01')! },
    ]);
  });

  it('by day over the DST changes: the 23-hour and the 25-hour day each hold exactly their orders', async () => {
    const spring = await report('groupBy=day&from=2025-03-08&to=2025-03-10');
    expect(spring.map((r) => [r.period, r.orders])).toEqual([
      ['2025-03-08', 1],
      ['2025-03-09', 2],
      ['2025-03-10', 1],
    ]);
    expect(nonEmpty(spring)).toEqual(expected('day', (o) => ['2025-03-08', '2025-03-09', '2025-03-10'].includes(dayIn(o.paidAt, TZ))));
    const autumn = await report('groupBy=day&from=2025-11-02&to=2025-11-03');
    expect(autumn.map((r) => [r.period, r.orders])).toEqual([
      ['2025-11-02', 2],
      ['2025-11-03', 1],
    ]);
  });

  it('takes date-time bounds as instants: from inclusive, to exclusive', async () => {
    const q2Start = '2025-04-01T04:00:00Z';
    expect(nonEmpty(await report(`groupBy=day&from=${q2Start}&to=2025-04-01T04:00:01Z`))).toEqual(expected('day', (o) => o.paidAt === q2Start));
    expect(nonEmpty(await report(`groupBy=day&from=2025-04-01T03:59:59Z&to=${q2Start}`))).toEqual(expected('day', (o) => o.paidAt === '2025-04-01T03:59:59Z'));
    // Midnight in New York written with its own offset.
    expect(nonEmpty(await report(`groupBy=quarter&from=${encodeURIComponent('2025-04-01T00:00:00-04:00')}`))).toEqual(
      expected('quarter', (o) => o.paidAt >= q2Start),
    );
  });

  it('over a range of them: the totals equal the sum of the paid orders, every period listed', async () => {
    for (const groupBy of ['day', 'month', 'quarter'] as const) {
      const rows = await report(`groupBy=${groupBy}&from=2024-12-30&to=2025-11-03`);
      expect(rows[0].period).toBe(periodOf(PAID_AT[0], groupBy));
      expect(rows[rows.length - 1].period).toBe(periodOf(PAID_AT[PAID_AT.length - 1], groupBy));
      expect(nonEmpty(rows)).toEqual(expected(groupBy));
      expect(rows.reduce((t, r) => t + r.orders, 0)).toBe(PAID_AT.length);
      expect(rows.reduce((t, r) => t + r.revenueFen, 0)).toBe(paid.reduce((t, o) => t + o.totalFee, 0));
    }
    expect((await report('groupBy=day&from=2024-12-30&to=2025-11-03')).length).toBe(309); // every day listed
  });

  it('without bounds: the last 30 days, 12 months or 8 quarters up to today in REPORT_TZ', async () => {
    const today = dayIn(new Date(), TZ);
    const days = await report('');
    expect(days.length).toBe(30);
    expect([days[0].period, days[29].period]).toEqual([addDays(today, -29), today]);
    const months = (await report('groupBy=month')).map((r) => r.period);
    expect(months.length).toBe(12);
    expect(months[11]).toBe(periodOf(`${today}T12:00:00Z`, 'month'));
    const quarters = (await report('groupBy=quarter')).map((r) => r.period);
    expect(quarters.length).toBe(8);
    expect(quarters[7]).toBe(periodOf(`${today}T12:00:00Z`, 'quarter'));
    // Only `to`: the default number of periods ending there; only `from`: up to today.
    expect((await report('groupBy=month&to=2025-03-31')).map((r) => r.period)).toEqual(
      ['2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03'].map(
        (m) => `${m}-01`,
      ),
    );
    expect((await report(`from=${addDays(today, -2)}`)).map((r) => r.period)).toEqual([addDays(today, -2), addDays(today, -1), today]);
  });

  it('lists at most 400 days, 120 months or 40 quarters: exactly that is fine, one more is a 400', async () => {
    expect(await report('groupBy=day&from=2025-01-01&to=2026-02-04')).toHaveLength(400);
    expect(await report('groupBy=month&from=2016-01-01&to=2025-12-31')).toHaveLength(120);
    expect(await report('groupBy=quarter&from=2016-01-01&to=2025-12-31')).toHaveLength(40);
    for (const query of [
      'groupBy=day&from=2025-01-01&to=2026-02-05',
      'groupBy=month&from=2016-01-01&to=2026-01-01',
      'groupBy=quarter&from=2015-12-31&to=2025-12-31',
    ]) {
      const res = await operator.get(`/api/admin/reports/revenue?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error, query).toMatch(/at most (400|120|40) by (day|month|quarter)/);
    }
  });

  it('refuses a century by day, and years outside 2000–2100 (0001 is not 1901), with a 400 before any query', async () => {
    for (const [query, message] of [
      ['groupBy=day&from=2000-01-01&to=2100-12-31', /from: the range spans 36890 days; at most 400 by day/],
      ['groupBy=day&from=1826-01-01&to=2025-12-31', /from: must be in the years 2000–2100/],
      ['groupBy=quarter&from=0001-01-01&to=2025-12-31', /from: must be in the years 2000–2100/],
      ['groupBy=month&from=1999-12-31T16:00:00Z&to=2000-06-30', /from: must be in the years 2000–2100/],
      ['groupBy=month&from=2100-06-01&to=2101-01-01', /to: must be in the years 2000–2100/],
    ] as const) {
      const res = await operator.get(`/api/admin/reports/revenue?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error, query).toMatch(message);
    }
    expect(await report('groupBy=month&from=2000-01-01&to=2000-12-31')).toHaveLength(12);
    expect(await report('groupBy=month&from=2100-01-01&to=2100-12-31')).toHaveLength(12);
  });

  it('the console page shows the error instead of a report', async () => {
    const page = await operator.request('GET', '/admin/revenue?groupBy=day&from=2000-01-01&to=2100-12-31', { headers: { 'accept-language': 'en' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('at most 400 by day');
    expect(page.text).not.toContain('data-testid="revenue-table"');
    expect(page.text).toContain('At most 400 days, 120 months or 40 quarters at once.');
  });

  it('answers 400 for an unknown grouping, an impossible date or a reversed range', async () => {
    for (const [query, field] of [
      ['groupBy=week', 'groupBy'],
      ['from=2025-02-29', 'from'],
      ['to=2025-04-31', 'to'],
      ['from=2025-05-01&to=2025-04-01', 'to'],
    ]) {
      const res = await operator.get(`/api/admin/reports/revenue?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.fields).toHaveProperty(field);
    }
  });
});
