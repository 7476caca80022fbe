// Sweep: 10 000 stale pending orders, two app instances on one database each driving its own
// sweeper (GET /api/cron/sweep, called again until nothing is left), the sandbox answering NOTPAY
// to orderquery and accepting closeorder. Every order must be closed exactly once (one `closed`
// pay log each, the summaries adding up) and the product's stock must be back where it started.
import postgres from 'postgres';
import { BENCH_ENV, cpuSeconds, type Server } from '../support/servers';
import { appPendingOrders, appShoppers, createProduct } from '../support/seed';

export interface SweepRun {
  orders: number;
  seedS: number;
  wallS: number;
  /** CPU seconds both app servers spent during the sweep (their sandbox's replies included). */
  appCpuS: number;
  calls: number;
  closedBySummaries: number;
  failedBySummaries: number;
  closedOrders: number;
  pendingLeft: number;
  closedLogs: number;
  ordersWithOtherThanOneCloseLog: number;
  stockBefore: number;
  stockAfter: number;
}

/**
 * Environment of the sweep servers: orders go stale after 5 s; the sandbox lets them be closed after
 * 3 s (its 5-minute closeorder minimum × 0.01). Not 2 s: time_expire is whole seconds (so the lead is
 * TTL − up to 1 s) and must lead by the scaled 1-minute minimum (0.6 s) when unifiedorder arrives,
 * which a checkout slowed by the seeding load (and this shared machine) misses with 2 s or even 3 s.
 */
const TTL_S = 5;
export const SWEEP_SERVER_ENV = { ORDER_TTL_SECONDS: String(TTL_S), WXPAY_SANDBOX_TIME_SCALE: '0.01', SWEEP_INTERVAL_SECONDS: '0' };

async function sweeper(server: Server, deadline: number): Promise<{ calls: number; closed: number; failed: number }> {
  let calls = 0;
  let closed = 0;
  let failed = 0;
  while (Date.now() < deadline) {
    const res = await fetch(`${server.baseUrl}/api/cron/sweep`, { headers: { authorization: `Bearer ${BENCH_ENV.CRON_SECRET}` } });
    if (res.status !== 200) throw new Error(`sweep: ${res.status} ${await res.text()}`);
    const summary = (await res.json()) as { scanned: number; closed: number; failed: number; left: number };
    calls++;
    closed += summary.closed;
    failed += summary.failed;
    if (summary.scanned === 0 && summary.left === 0) break;
    // Everything left is claimed by the other sweeper (or was just released): look again shortly.
    if (summary.scanned === 0) await new Promise((r) => setTimeout(r, 100));
  }
  return { calls, closed, failed };
}

export async function sweepScenario(opts: { servers: [Server, Server]; databaseUrl: string; orders: number; timeLimitS: number }): Promise<SweepRun> {
  const [a, b] = opts.servers;
  const db = postgres(opts.databaseUrl, { max: 2, onnotice: () => {} });
  try {
    const stockBefore = 1_000_000;
    const product = await createProduct(a.baseUrl, { name: 'Sweep tea', stock: stockBefore });
    const t0 = Date.now();
    // Shoppers and orders through both instances' APIs (20 pending orders per shopper at most).
    const shoppersA = await appShoppers(a.baseUrl, Math.ceil(opts.orders / 40));
    const shoppersB = await appShoppers(b.baseUrl, Math.ceil(opts.orders / 40));
    await Promise.all([
      appPendingOrders(a.baseUrl, { count: Math.ceil(opts.orders / 2), productId: product.id, shoppers: shoppersA, concurrency: 6 }),
      appPendingOrders(b.baseUrl, { count: Math.floor(opts.orders / 2), productId: product.id, shoppers: shoppersB, concurrency: 6 }),
    ]);
    const seedS = (Date.now() - t0) / 1000;
    // The newest order must be past its TTL and older than the sandbox's scaled 3 s closeorder minimum.
    const [{ newest }] = await db`select max(created_at) as newest from orders where status = 'pending'`;
    const wait = new Date(newest).getTime() + Math.max(TTL_S, 3) * 1000 + 500 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));

    const cpu0 = cpuSeconds(a.pid) + cpuSeconds(b.pid);
    const start = Date.now();
    const deadline = start + opts.timeLimitS * 1000;
    const results = await Promise.all([sweeper(a, deadline), sweeper(b, deadline)]);
    const wallS = (Date.now() - start) / 1000;
    const appCpuS = cpuSeconds(a.pid) + cpuSeconds(b.pid) - cpu0;

    const [counts] = await db`
      select count(*) filter (where status = 'closed')::int as closed, count(*) filter (where status = 'pending')::int as pending
      from orders o where exists (select 1 from order_items i where i.order_id = o.id and i.product_id = ${product.id})`;
    const [logs] = await db`
      select count(*)::int as closed_logs,
             (select count(*)::int from (select order_no from pay_logs where verdict = 'closed' group by order_no having count(*) <> 1) x) as not_once
      from pay_logs where verdict = 'closed'`;
    const [{ stock }] = await db`select stock from products where id = ${product.id}`;
    return {
      orders: opts.orders,
      seedS,
      wallS,
      appCpuS,
      calls: results.reduce((s, r) => s + r.calls, 0),
      closedBySummaries: results.reduce((s, r) => s + r.closed, 0),
      failedBySummaries: results.reduce((s, r) => s + r.failed, 0),
      closedOrders: counts.closed,
      pendingLeft: counts.pending,
      closedLogs: logs.closed_logs,
      ordersWithOtherThanOneCloseLog: logs.not_once,
      stockBefore,
      stockAfter: stock,
    };
  } finally {
    await db.end();
  }
}
