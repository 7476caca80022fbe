// Times the operator console's queries through the same lib/admin functions the routes call, on a
// database seeded by bench/seed-admin-volume.ts (100 000 orders, 300 000 pay logs). Prints p50 and
// p95 in ms per query and writes them to bench/results/. The target: a filtered page and a
// quarterly report each under 100 ms.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5433/wxstore_bench npx tsx --conditions=react-server bench/admin-queries.ts [--runs 50]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getDatabase } from '@/db';
import { listAnomalies } from '@/lib/admin/anomalies';
import { getDashboard } from '@/lib/admin/dashboard';
import { orderFilterSchema, payLogFilterSchema, revenueQuerySchema } from '@/lib/admin/filters';
import { getOrderDetail } from '@/lib/admin/get-order-detail';
import { listOrders } from '@/lib/admin/list-orders';
import { listPayLogs } from '@/lib/admin/list-pay-logs';
import { payLogsCsv } from '@/lib/admin/pay-logs-csv';
import { revenueReport } from '@/lib/admin/revenue-report';
import { addDays, localDate } from '@/lib/admin/zoned-time';
import { ensureSandboxSecrets, getEnv } from '@/lib/env';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 50;
const WARMUP = 5;
const TARGET_MS = 100;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  // A process start like the server's: sandbox mode reads its generated secrets from DATA_DIR.
  ensureSandboxSecrets();
  if (!getEnv().DATABASE_URL) throw new Error('Set DATABASE_URL to the seeded PostgreSQL database');
  const tz = getEnv().REPORT_TZ;
  const today = localDate(new Date(), tz);
  // Filters exactly as the routes parse them from a query string.
  const orders = (q: Record<string, string>) => orderFilterSchema.parse(q);
  const payLogs = (q: Record<string, string>) => {
    const { format: _, ...filter } = payLogFilterSchema.parse(q);
    return filter;
  };
  const revenue = (q: Record<string, string>) => revenueQuerySchema.parse(q);
  const last90 = { from: addDays(today, -90), to: today };
  // A cursor half a year back: the id of the newest order created before then.
  const deepCursor = (await listOrders(orders({ limit: '1', to: addDays(today, -180) }))).nextCursor!;
  const someOrder = (await listOrders(orders({ status: 'paid', limit: '1', user: 'bench_00042' }))).items[0].orderNo;

  const cases: [string, () => Promise<unknown>][] = [
    ['orders: status=paid, last 90 days, page 1', () => listOrders(orders({ status: 'paid', ...last90 }))],
    ['orders: status=closed, page deep in the past (cursor)', () => listOrders(orders({ status: 'closed', cursor: deepCursor }))],
    ['orders: user=bench_00042', () => listOrders(orders({ user: 'bench_00042' }))],
    ['orders: user + status=paid + last 90 days', () => listOrders(orders({ user: 'bench_00042', status: 'paid', ...last90 }))],
    ['orders: status=pending (rare)', () => listOrders(orders({ status: 'pending' }))],
    ['order detail with timeline', () => getOrderDetail(someOrder)],
    ['pay logs: state=SUCCESS, last 30 days', () => listPayLogs(payLogs({ state: 'SUCCESS', from: addDays(today, -30), to: today }))],
    ['pay logs: state=CLOSED, last 90 days', () => listPayLogs(payLogs({ state: 'CLOSED', ...last90 }))],
    ['pay logs: verdict=anomaly (rare), last 90 days', () => listPayLogs(payLogs({ verdict: 'anomaly', ...last90 }))],
    ['pay logs: verdict=rejected, all time', () => listPayLogs(payLogs({ verdict: 'rejected' }))],
    ['pay logs: user=bench_00042 + verdict=applied', () => listPayLogs(payLogs({ user: 'bench_00042', verdict: 'applied' }))],
    ['pay logs: one day, limit 500', () => listPayLogs(payLogs({ from: addDays(today, -10), to: addDays(today, -10), limit: '500' }))],
    ['anomalies: open', () => listAnomalies({ status: 'open', limit: 50 })],
    ['revenue: by quarter, last 365 days', () => revenueReport(revenue({ groupBy: 'quarter', from: addDays(today, -365), to: today }))],
    ['revenue: by quarter, default (8 quarters)', () => revenueReport(revenue({ groupBy: 'quarter' }))],
    ['revenue: by month, default (12 months)', () => revenueReport(revenue({ groupBy: 'month' }))],
    ['revenue: by day, last 365 days', () => revenueReport(revenue({ groupBy: 'day', from: addDays(today, -365), to: today }))],
    ['dashboard', () => getDashboard()],
  ];

  const results: { query: string; p50: number; p95: number; max: number }[] = [];
  for (const [name, run] of cases) {
    for (let i = 0; i < WARMUP; i++) await run();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await run();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    results.push({ query: name, p50: +percentile(times, 50).toFixed(2), p95: +percentile(times, 95).toFixed(2), max: +times[times.length - 1].toFixed(2) });
  }

  // The CSV export of every pay log: streamed batch by batch, so memory stays flat.
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  let bytes = 0;
  let lines = 0;
  const t0 = performance.now();
  const reader = payLogsCsv({}).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const b of value) if (b === 10) lines++;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const csvMs = performance.now() - t0;

  const width = Math.max(...results.map((r) => r.query.length));
  console.log(`\n${RUNS} runs each after ${WARMUP} warm-up runs; REPORT_TZ ${tz}; target p95 < ${TARGET_MS} ms\n`);
  console.log(`${'query'.padEnd(width)}   p50 ms   p95 ms   max ms`);
  for (const r of results) {
    const flag = r.p95 < TARGET_MS ? '' : '  <-- over target';
    console.log(`${r.query.padEnd(width)} ${r.p50.toFixed(2).padStart(8)} ${r.p95.toFixed(2).padStart(8)} ${r.max.toFixed(2).padStart(8)}${flag}`);
  }
  console.log(
    `\nCSV of all pay logs: ${lines - 1} rows, ${(bytes / 1e6).toFixed(1)} MB in ${(csvMs / 1000).toFixed(2)} s; ` +
      `RSS ${(rssBefore / 1e6).toFixed(0)} MB before, peak ${(peakRss / 1e6).toFixed(0)} MB while streaming`,
  );

  const dir = path.join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `admin-queries-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    JSON.stringify({ runs: RUNS, results, csv: { rows: lines - 1, bytes, ms: Math.round(csvMs), peakRssMb: Math.round(peakRss / 1e6) } }, null, 2),
  );
  console.log(`Saved ${path.relative(process.cwd(), file)}`);

  const { client } = getDatabase();
  if ('end' in client) await client.end();
  if (results.some((r) => r.p95 >= TARGET_MS)) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
