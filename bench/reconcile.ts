// `npx tsx bench/reconcile.ts [--skip-build] [--payments N] [--runs R]`: how long the daily
// reconciliation takes for a busy day (default 10,000 payments). A throwaway PostgreSQL database is
// seeded directly, on both sides, with the same paid orders (the shop's `orders` and the sandbox's
// `sandbox_orders`, all paid today, Beijing time); then `GET /api/cron/reconcile?date=<today>` runs
// over HTTP against the built app: the sandbox builds and gzips the bill, the shop downloads, parses
// and compares it in SQL and stores the day. Prints the time per run. Same database and port options
// as run.ts (DATABASE_URL or BENCH_DATABASE_URL, BENCH_PORT_BASE).
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import postgres from 'postgres';
import { beijingDate, dayBounds } from '@/lib/reconcile/bill-date';
import { TEST_ENV } from '../tests/support/test-env';
import { createDatabase, dropDatabase, startApp, type Server } from './support/servers';

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const PAYMENTS = option('payments', 10_000);
const RUNS = option('runs', 3);
const PORT = Number(process.env.BENCH_PORT_BASE ?? 3170) + 7;

async function seed(databaseUrl: string, today: string) {
  const [start] = dayBounds(today);
  // Spread over the part of today that has passed, so every payment lies in the day and none in the future.
  const spanMs = Math.max(1000, Date.now() - start.getTime() - 1000);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`
      insert into sandbox_orders (appid, mch_id, out_trade_no, sign_type, params, body, total_fee, notify_url, prepay_id, code_token,
        trade_state, transaction_id, openid, paid_at)
      select ${TEST_ENV.WXPAY_APPID}, ${TEST_ENV.WXPAY_MCH_ID}, 'BENCH' || lpad(i::text, 8, '0'), 'HMAC-SHA256', '{}'::jsonb, '演示商店-茶叶',
        100 + i % 9900, 'http://127.0.0.1/api/wxpay/notify', 'wx' || i, 'bench' || i,
        'SUCCESS', '4200' || lpad(i::text, 24, '0'), 'obench' || i, ${start.toISOString()}::timestamptz + (i * ${Math.floor(spanMs / PAYMENTS)}) * interval '1 millisecond'
      from generate_series(1, ${PAYMENTS}) i`;
    await sql`
      insert into orders (order_no, user_id, status, total_fee, description, payment_env, expires_at, transaction_id, paid_at)
      select out_trade_no, (select id from users order by id limit 1), 'paid', total_fee, body, 'sandbox', paid_at, transaction_id, paid_at
      from sandbox_orders`;
  } finally {
    await sql.end();
  }
}

async function main() {
  if (!argv.includes('--skip-build')) {
    const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('next build failed');
  }
  const databaseUrl = await createDatabase('reconcile');
  let app: Server | undefined;
  try {
    app = await startApp({ name: 'reconcile', port: PORT, databaseUrl, env: { RECONCILE_AT: 'off' } });
    const today = beijingDate(new Date());
    await seed(databaseUrl, today);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const res = await fetch(`${app.baseUrl}/api/cron/reconcile?date=${today}`, { headers: { authorization: `Bearer ${TEST_ENV.CRON_SECRET}` } });
      const body = (await res.json()) as { status: string; wechat: { trades: number } | null; discrepancies: number };
      times.push(performance.now() - t0);
      if (res.status !== 200 || body.status !== 'matched' || body.wechat?.trades !== PAYMENTS) {
        throw new Error(`reconciliation did not match: ${res.status} ${JSON.stringify(body)}`);
      }
    }
    const sorted = [...times].sort((a, b) => a - b);
    const ms = (t: number) => `${Math.round(t).toLocaleString('en')} ms`;
    console.log(`reconcile one day of ${PAYMENTS.toLocaleString('en')} payments (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'cpu'}):`);
    console.log(`  runs ${times.map(ms).join(', ')}; median ${ms(sorted[Math.floor(sorted.length / 2)])}, matched`);
  } finally {
    await app?.stop();
    await dropDatabase(databaseUrl);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
