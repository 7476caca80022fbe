// Our own code on the hot paths, without the framework: CPU per operation of the status read
// (cookie check + getOrderStatus) and of handleNotify (parse, verify, transition + pay log), called
// in-process on a throwaway PostgreSQL database whose orders were placed through the app's API.
// Set next to the app's CPU per request in `npm run bench` (column "ms CPU/req"), it says how much
// of a request is ours and how much is Next's.
//
//   npx tsx --conditions=react-server bench/hot-path-cpu.ts   (requires a build: npx next build)
//   (`react-server`: the condition under which Next resolves `server-only` in the modules measured here)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { notifyXml } from '@/tests/integration/payments/notify-message';
import { inParallel } from './support/load';
import { appPendingOrders, createProduct } from './support/seed';
import { BENCH_ENV, createDatabase, dropDatabase, startApp } from './support/servers';

const ORDERS = 3000;
const PORT = Number(process.env.BENCH_PORT_BASE ?? 3170);

async function measure(label: string, count: number, fn: (i: number) => Promise<unknown>) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await inParallel(
    Array.from({ length: count }, (_, i) => i),
    50,
    fn,
  );
  const c = process.cpuUsage(c0);
  const ms = performance.now() - t0;
  console.log(
    `${label}: ${((c.user + c.system) / 1000 / count).toFixed(3)} ms CPU/op (${Math.round(count / (ms / 1000)).toLocaleString('en-US')} op/s, 50 in flight)`,
  );
}

async function main() {
  const databaseUrl = await createDatabase('cpu');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'wxbench-cpu-'));
  try {
    const app = await startApp({ name: 'app', port: PORT, databaseUrl });
    let orders;
    try {
      const product = await createProduct(app.baseUrl, { name: 'Bench tea', stock: 1_000_000 });
      orders = await appPendingOrders(app.baseUrl, { count: ORDERS, productId: product.id });
    } finally {
      await app.stop();
    }
    // This process now plays the server: same environment, same database.
    Object.assign(process.env, BENCH_ENV, { DATABASE_URL: databaseUrl, PORT: String(PORT), DATA_DIR: dataDir });
    const { verifySessionToken, sessionCookieFrom } = await import('@/lib/auth/session');
    const { getOrderStatus } = await import('@/lib/orders/get-order-status');
    const { handleNotify } = await import('@/lib/payments/handle-notify');
    const { v2NotifyProtocol } = await import('@/lib/payments/v2-notify-protocol');
    const { getDatabase } = await import('@/db');
    const bodies = orders.map((o) => notifyXml(o));
    const status = (i: number) => {
      const o = orders[i % orders.length];
      const user = verifySessionToken(sessionCookieFrom(o.cookie));
      if (!user) throw new Error('cookie rejected');
      return getOrderStatus(o.orderNo, user.id, user.sessionVersion);
    };
    await measure('warm-up', 2000, status);
    await measure('status read (cookie check + indexed SELECT)', 20_000, status);
    await measure('notify, applied (parse, verify, transition + pay log)', ORDERS, (i) => handleNotify(bodies[i], v2NotifyProtocol));
    await measure('notify, duplicate', 2 * ORDERS, (i) => handleNotify(bodies[i % ORDERS], v2NotifyProtocol));
    await (getDatabase().client as { end(): Promise<void> }).end();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase(databaseUrl);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
