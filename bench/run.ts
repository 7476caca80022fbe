// `npm run bench`: the hot paths of the built app measured side by side with a bare node:http +
// postgres.js baseline (bench/baseline/server.ts) doing the same work on the same schema, in the
// same run, on a throwaway PostgreSQL database. Prints one line per scenario and rewrites the
// results section of bench/README.md (date, machine, table).
//
//   npm run bench                       # builds first (next build), then every scenario (~13 min)
//   npm run bench -- --skip-build       # use the existing .next build
//   npm run bench -- --only status,notify --no-write
//   npm run bench -- --skip-build --only push,streams --streams 10000
//
// Options: --only <list> (calibrate,status,drift,notify,duplicate,flash,paid,push,js,streams,sweep), --skip-build, --rounds N,
// --no-write (leave bench/README.md alone), --quick (short runs, small sweep; numbers not comparable),
// --smoke (tiny numbers, no README; exits non-zero when a correctness check fails: what `npm test` runs),
// --sweep-orders N, --notify-orders N, --streams N (open event streams per server), --stream-heap-mb N (the
// streams scenario's app server gets its own process with this V8 heap ceiling instead of npm start's 192 MB), --app-node-options "<flags>" (NODE_OPTIONS of the app servers). Environment: BENCH_DATABASE_URL or DATABASE_URL (a local
// PostgreSQL; default postgres://postgres@127.0.0.1:5433/postgres; a database is created and dropped
// per run), BENCH_PORT_BASE (default 3170; ports BASE..BASE+3), APP_LOG=1 to see server output.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { flashSale, type FlashRun } from './scenarios/flash-sale';
import { duplicateScenario, notifyScenario, type NotifyRuns } from './scenarios/notify';
import { payPageJs, type PayPageRun } from './scenarios/pay-page-js';
import { eventStreamsScenario, type StreamsRun } from './scenarios/event-streams';
import { payToPaid, payToPaidPush, type PayToPaidRun, type Stats } from './scenarios/pay-to-paid';
import { driftScenario, statusScenario, type StatusRun } from './scenarios/status';
import { SWEEP_SERVER_ENV, sweepScenario, type SweepRun } from './scenarios/sweep';
import { fmt, load, warm, type LoadResult } from './support/load';
import { appPendingOrders, appShoppers, baselinePendingOrders, baselineShoppers, createProduct, type PendingOrder } from './support/seed';
import { createDatabase, dropDatabase, rssBytes, serverVersion, startApp, startBaseline, type Server } from './support/servers';

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const ALL = ['calibrate', 'status', 'drift', 'notify', 'duplicate', 'flash', 'paid', 'push', 'js', 'streams', 'sweep'] as const;
type Scenario = (typeof ALL)[number];
const only = new Set((option('only')?.split(',') ?? ALL) as Scenario[]);
const smoke = flag('smoke');
const quick = flag('quick') || smoke;
const size = (full: number, quickly: number, tiny: number) => (smoke ? tiny : quick ? quickly : full);
const PORT = Number(process.env.BENCH_PORT_BASE ?? 3170);
const DURATION_S = size(10, 3, 1);
/** App and baseline runs are interleaved this many times per comparison (--rounds). */
const ROUNDS = Number(option('rounds') ?? size(2, 2, 1));
const STATUS_ORDERS = size(1000, 1000, 40);
const STATUS_CONNECTIONS = smoke ? [10] : [100, 200];
/** Status runs in a row on one app process, to see throughput drift (postgres.js issue 747). */
const DRIFT_RUNS = 3;
const NOTIFY_ORDERS = Number(option('notify-orders') ?? size(3000, 1000, 60));
const NOTIFY_WARM = size(200, 200, 10);
const NOTIFY_CONNECTIONS = smoke ? 10 : 50;
const FLASH_SHOPPERS = size(1000, 1000, 40);
const FLASH_STOCK = size(100, 100, 10);
const SWEEP_ORDERS = Number(option('sweep-orders') ?? size(10_000, 1000, 40));
const SWEEP_LIMIT_S = 60;
const PAY_ORDERS = size(50, 20, 2);
/** Open pay pages held by push, per server (the target is 10,000), and how many of them are paid. */
const STREAMS = Number(option('streams') ?? size(10_000, 1000, 20));
const STREAM_SAMPLE = size(100, 50, 4);
const STREAM_BOUND_MS = 1000;
const STREAM_IDLE_S = size(20, 16, 1);
/** Seeding and opening 10,000 streams on a busy machine can outlast the default 15-minute order lifetime. */
const STREAM_SERVER_ENV = { ORDER_TTL_SECONDS: '3600' };
const STREAM_HEAP_MB = option('stream-heap-mb') ? Number(option('stream-heap-mb')) : undefined;
/** Extra NODE_OPTIONS for the app servers, e.g. "--max-old-space-size=160" (printed with the results). */
const APP_NODE_OPTIONS = option('app-node-options');
const appEnv = (env: Record<string, string> = {}) => (APP_NODE_OPTIONS ? { ...env, NODE_OPTIONS: APP_NODE_OPTIONS } : env);

// ---------------------------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------------------------

interface Row {
  scenario: string;
  app: string;
  baseline: string;
  ratio: string;
  target: string;
  met: boolean | null;
}
const rows: Row[] = [];
/** The app's /api/health req/s: what Next alone serves here, the ceiling of any of our routes. */
let floor = 0;
const notes: string[] = [];
/** Correctness checks that failed (wrong counts, errors): the run exits non-zero, whatever the speed. */
const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  if (!ok) failures.push(what);
  return ok;
};

function report(row: Row, line: string) {
  rows.push(row);
  const verdict = row.met === null ? '' : row.met ? '  ✓ target met' : '  ✗ target missed';
  console.log(`${line}${verdict}`);
}

const cpu = (r: LoadResult) => (r.cpuMsPerReq === undefined ? '' : `, ${r.cpuMsPerReq.toFixed(2)} ms CPU/req`);
const errors = (r: LoadResult) =>
  r.errors
    ? ` (${r.errors} errors: ${Object.entries(r.errorKinds)
        .filter(([, n]) => n)
        .map(([kind, n]) => `${n} ${kind}`)
        .join(', ')})`
    : '';
const perf = (r: LoadResult) => `${fmt.rps(r.rps)} p99 ${fmt.ms(r.p99)}${errors(r)}${cpu(r)}`;

function machine() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cpu: `${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length}`,
    memory: `${Math.round(os.totalmem() / 1024 ** 3)} GB`,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadavg: os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' '),
  };
}

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

function build() {
  console.log('building: next build (pass --skip-build to use the existing .next)…');
  const t0 = Date.now();
  const res = spawnSync(process.execPath, [path.join(process.cwd(), 'node_modules/next/dist/bin/next'), 'build'], {
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (res.status !== 0) {
    console.error(res.stdout, res.stderr);
    throw new Error('next build failed');
  }
  console.log(`built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

async function calibrate(app: Server, baseline: Server) {
  await warm({ url: baseline.baseUrl, connections: 100, next: () => ({ path: '/hello' }) });
  await warm({ url: app.baseUrl, connections: 100, next: () => ({ path: '/api/health' }) });
  const hello = await load({ url: baseline.baseUrl, connections: 100, duration: 5, next: () => ({ path: '/hello' }), pid: baseline.pid });
  const health = await load({ url: app.baseUrl, connections: 100, duration: 5, next: () => ({ path: '/api/health' }), pid: app.pid });
  floor = health.rps;
  report(
    {
      scenario: 'calibration: hello (no database)',
      app: `/api/health ${perf(health)}`,
      baseline: `node:http hello ${perf(hello)}`,
      ratio: fmt.ratio(health.rps, hello.rps),
      target: 'none (the framework floor)',
      met: null,
    },
    `calibration: app /api/health ${perf(health)} · baseline node:http hello ${perf(hello)} · ratio ${fmt.ratio(health.rps, hello.rps)}`,
  );
}

function reportStatus({ runs, peakRss: peak }: { runs: StatusRun[]; peakRss: number }, rssBefore: number) {
  for (const r of runs) {
    const ratio = r.app.rps / r.baseline.rps;
    const clean = check(r.app.errors === 0 && r.baseline.errors === 0, `status poll ${r.connections} conns: errors`);
    const met = ratio >= 0.6 && r.app.p99 <= 2 * r.baseline.p99 && clean;
    report(
      {
        scenario: `status poll, ${r.connections} connections`,
        app: perf(r.app),
        baseline: perf(r.baseline),
        ratio: fmt.ratio(r.app.rps, r.baseline.rps),
        target: '≥ 0.6× req/s, p99 ≤ 2× baseline p99, 0 errors',
        met,
      },
      `status poll ${r.connections} conns: app ${perf(r.app)} · baseline ${perf(r.baseline)} · ratio ${fmt.ratio(r.app.rps, r.baseline.rps)} (p99 ${fmt.ratio(r.app.p99, r.baseline.p99)}×)`,
    );
  }
  const best = Math.max(...runs.map((r) => r.app.rps));
  notes.push(
    `Capacity: the status route served ${Math.round(best).toLocaleString('en-US')} req/s, i.e. ${Math.round(3 * best).toLocaleString('en-US')} open pay pages (one poll per 3 s) per instance on this machine.`,
  );
  if (floor) notes.push(`The status route ran at ${fmt.ratio(best, floor)}× the framework floor (the app's own /api/health, no database, ${fmt.rps(floor)}).`);
  report(
    {
      scenario: 'server memory under the status scenario',
      app: `peak RSS ${fmt.mb(peak)} (${fmt.mb(rssBefore)} before the load)${APP_NODE_OPTIONS ? `, NODE_OPTIONS=${APP_NODE_OPTIONS}` : ''}`,
      baseline: '—',
      ratio: '—',
      target: '≤ 300 MB',
      met: peak <= 300 * 1024 * 1024,
    },
    `memory under status poll: app peak RSS ${fmt.mb(peak)} (${fmt.mb(rssBefore)} after seeding, before the load)`,
  );
}

function reportDrift(runs: LoadResult[]) {
  const [first, last] = [runs[0], runs[runs.length - 1]];
  const ratio = fmt.ratio(last.rps, first.rps);
  check(
    runs.every((r) => r.errors === 0),
    'status drift: errors',
  );
  report(
    {
      scenario: `status poll ${runs.length}× in a row, one app process`,
      app: runs.map((r) => fmt.rps(r.rps)).join(' → '),
      baseline: '—',
      ratio: `last/first ${ratio}`,
      target: 'no drift (postgres.js issue 747): last ≥ 0.9× first',
      met: last.rps >= 0.9 * first.rps,
    },
    `status drift: ${runs.map((r) => perf(r)).join(' → ')} · last/first ${ratio}`,
  );
}

function reportNotify(name: string, r: NotifyRuns, factor: number) {
  const faster = r.cte.rps >= r.tx.rps ? r.cte : r.tx;
  report(
    {
      scenario: name,
      app: perf(r.app),
      baseline: `tx ${perf(r.tx)}; cte ${perf(r.cte)}`,
      ratio: `${fmt.ratio(r.app.rps, faster.rps)} (vs tx ${fmt.ratio(r.app.rps, r.tx.rps)})`,
      target: `≥ ${factor}× the faster baseline`,
      met: check(r.app.errors + r.tx.errors + r.cte.errors === 0, `${name}: errors`) && r.app.rps >= factor * faster.rps,
    },
    `${name}: app ${perf(r.app)} · baseline tx ${perf(r.tx)}, cte ${perf(r.cte)} · ratio ${fmt.ratio(r.app.rps, faster.rps)} vs faster (${fmt.ratio(r.app.rps, r.tx.rps)} vs tx)`,
  );
}

function reportFlash(app: FlashRun, base: FlashRun) {
  const clean = (f: FlashRun) =>
    f.created === FLASH_STOCK && f.conflicts === FLASH_SHOPPERS - FLASH_STOCK && f.result.errors === 0 && f.ordersInDb === FLASH_STOCK && f.stockLeft === 0;
  const describe = (f: FlashRun) =>
    `${f.result.durationS.toFixed(2)} s wall, p99 ${fmt.ms(f.result.p99)}, ${f.created}×201 ${f.conflicts}×409, ${f.result.errors} errors, ${f.ordersInDb} orders in db, stock left ${f.stockLeft}`;
  // The baseline never calls unifiedorder, so only the app's count of QRs still to come means anything.
  const qr = `${app.withoutQr} of the app's orders without a QR at checkout`;
  report(
    {
      scenario: `flash sale: ${FLASH_SHOPPERS} checkouts, stock ${FLASH_STOCK}`,
      app: describe(app),
      baseline: describe(base),
      ratio: `${fmt.ratio(app.result.durationS, base.result.durationS)}× the time`,
      target: `exactly ${FLASH_STOCK} orders, ${FLASH_SHOPPERS - FLASH_STOCK} clean 409s, 0 errors`,
      met: [check(clean(app), 'flash sale: app'), check(clean(base), 'flash sale: baseline')].every(Boolean),
    },
    `flash sale: app ${describe(app)} (${qr}) · baseline ${describe(base)} · ratio ${fmt.ratio(app.result.durationS, base.result.durationS)}× the baseline's wall time`,
  );
}

function reportPaid(r: PayToPaidRun) {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  report(
    {
      scenario: 'pay → paid (3 s poll)',
      app: `p50 ${s(r.page.p50)} p95 ${s(r.page.p95)} max ${s(r.page.max)} (n=${r.page.n}); notify alone p95 ${fmt.ms(r.notify.p95)}`,
      baseline: '—',
      ratio: '—',
      target: 'p95 ≤ 3.5 s',
      met: r.page.p95 <= 3500,
    },
    `pay → paid: p50 ${s(r.page.p50)} p95 ${s(r.page.p95)} max ${s(r.page.max)} with the 3 s poll (n=${r.page.n}) · notify alone p50 ${fmt.ms(r.notify.p50)} p95 ${fmt.ms(r.notify.p95)} max ${fmt.ms(r.notify.max)} (n=${r.notify.n})`,
  );
}

function reportPush(r: Stats) {
  report(
    {
      scenario: 'pay → paid with push (event stream)',
      app: `p50 ${fmt.ms(r.p50)} p95 ${fmt.ms(r.p95)} max ${fmt.ms(r.max)} (n=${r.n})`,
      baseline: '—',
      ratio: '—',
      target: 'p95 ≤ 300 ms',
      met: r.p95 <= 300,
    },
    `pay → paid with push: p50 ${fmt.ms(r.p50)} p95 ${fmt.ms(r.p95)} max ${fmt.ms(r.max)} (n=${r.n})`,
  );
}

function reportStreams(app: StreamsRun, base: StreamsRun, status: LoadResult) {
  const describe = (r: StreamsRun) =>
    `${r.held.toLocaleString('en-US')} held, ${r.lost} lost; ${r.paid.n} paid: p95 ${fmt.ms(r.paid.p95 ?? NaN)} max ${fmt.ms(r.paid.max ?? NaN)}, ${r.late} over ${STREAM_BOUND_MS} ms; RSS ${fmt.mb(r.rss)} (peak ${fmt.mb(r.peakRss)}); idle CPU ${r.idleCpuPer1000.toFixed(2)}% of a core per 1,000 streams`;
  const held = (r: StreamsRun) => (r.late === 0 && r.lost === 0 ? r.held : 0);
  check(app.paid.n === STREAM_SAMPLE && base.paid.n === STREAM_SAMPLE, 'event streams: a paid order got no paid event');
  report(
    {
      scenario: `open pay pages held by push: ${STREAMS.toLocaleString('en-US')} event streams per server, ${STREAM_SAMPLE} paid`,
      app: describe(app),
      baseline: describe(base),
      ratio: fmt.ratio(held(app), held(base)),
      target: `≥ 10,000 held, each paid within ${STREAM_BOUND_MS} ms, RSS ≤ 400 MB; ≥ 0.5× the baseline`,
      met: held(app) >= 10_000 && app.peakRss <= 400 * 1024 * 1024 && held(app) >= 0.5 * held(base),
    },
    `event streams: app ${describe(app)} · baseline ${describe(base)} · ratio ${fmt.ratio(held(app), held(base))}`,
  );
  report(
    {
      scenario: 'event stream connect rate',
      app: `${Math.round(app.connectPerS).toLocaleString('en-US')} new streams/s; status route ${perf(status)}`,
      baseline: `${Math.round(base.connectPerS).toLocaleString('en-US')} new streams/s`,
      ratio: fmt.ratio(app.connectPerS, base.connectPerS),
      target: 'reported next to the status route',
      met: null,
    },
    `event stream connects: app ${Math.round(app.connectPerS)} streams/s (status route ${perf(status)}) · baseline ${Math.round(base.connectPerS)} streams/s`,
  );
  notes.push(
    `Push capacity${STREAM_HEAP_MB ? ` (app heap ceiling ${STREAM_HEAP_MB} MB)` : ''}: one instance held ${app.held.toLocaleString('en-US')} open pay pages (event streams), each paid order's \`paid\` within ${STREAM_BOUND_MS} ms, at ${fmt.mb(app.peakRss)} peak RSS, where polling serves 3× the status route's req/s.`,
  );
}

function reportJs(r: PayPageRun) {
  report(
    {
      scenario: 'pay page JavaScript, cold load',
      app: `${fmt.kb(r.transferred)} transferred (${r.encodings.join('/')}), ${fmt.kb(r.decoded)} decoded, ${r.scripts} scripts`,
      baseline: '—',
      ratio: '—',
      target: '≤ 150 kB',
      met: check(r.scripts > 0, 'pay page: no script measured') && r.transferred <= 150 * 1024,
    },
    `pay page JS: ${fmt.kb(r.transferred)} transferred (${r.encodings.join('/')}) in ${r.scripts} scripts, ${fmt.kb(r.decoded)} decoded`,
  );
}

function reportSweep(r: SweepRun) {
  const once =
    r.closedOrders === r.orders &&
    r.pendingLeft === 0 &&
    r.closedLogs === r.orders &&
    r.ordersWithOtherThanOneCloseLog === 0 &&
    r.closedBySummaries === r.orders;
  const conserved = r.stockAfter === r.stockBefore;
  report(
    {
      scenario: `sweep: ${r.orders.toLocaleString('en-US')} stale orders, 2 sweepers`,
      app: `${r.wallS.toFixed(1)} s (${Math.round(r.orders / r.wallS)} orders/s, ${r.calls} calls, ${r.appCpuS.toFixed(1)} CPU-s in the app servers); ${r.closedOrders} closed, ${r.closedLogs} close logs, ${r.pendingLeft} pending; stock ${r.stockAfter}/${r.stockBefore}`,
      baseline: '—',
      ratio: '—',
      target: 'all closed exactly once, stock conserved, ≤ 60 s',
      met:
        [check(once, 'sweep: not every order closed exactly once'), check(conserved, 'sweep: stock not conserved')].every(Boolean) && r.wallS <= SWEEP_LIMIT_S,
    },
    `sweep: ${r.orders} stale orders closed in ${r.wallS.toFixed(1)} s by 2 sweepers, ${r.appCpuS.toFixed(1)} CPU-s in the app servers (${r.calls} calls; summaries: ${r.closedBySummaries} closed, ${r.failedBySummaries} failed) · ${r.closedOrders} closed, ${r.pendingLeft} pending, ${r.closedLogs} close logs (${r.ordersWithOtherThanOneCloseLog} orders not exactly once) · stock ${r.stockAfter} of ${r.stockBefore} · seeded in ${r.seedS.toFixed(0)} s`,
  );
}

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

async function mainServers() {
  const databaseUrl = await createDatabase('main');
  const app = await startApp({ name: 'app', port: PORT, databaseUrl, env: appEnv() });
  const baseline = await startBaseline({ port: PORT + 1, databaseUrl });
  const db = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  try {
    if (only.has('calibrate')) await calibrate(app, baseline);

    const needNotify = only.has('notify') || only.has('duplicate');
    const product = await createProduct(app.baseUrl, { name: 'Bench tea', stock: 1_000_000 });
    // Orders are placed right before the scenario that uses them: the status route asks WeChat about
    // pending orders older than 2 minutes, and a poll scenario must measure the common, young case.
    const seed = async (appCount: number, baseCount: number) => {
      const t0 = Date.now();
      const appOrders = appCount ? await appPendingOrders(app.baseUrl, { count: appCount, productId: product.id }) : [];
      const baseOrders = baseCount ? await baselinePendingOrders(baseline.baseUrl, { count: baseCount, productId: product.id }) : [];
      console.log(
        `seeded ${appOrders.length} app orders and ${baseOrders.length} baseline orders through their APIs in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
      );
      return { appOrders, baseOrders };
    };

    if (only.has('status')) {
      const { appOrders, baseOrders } = await seed(STATUS_ORDERS, STATUS_ORDERS);
      const rssBefore = rssBytes(app.pid);
      reportStatus(
        await statusScenario({ app, baseline, appOrders, baselineOrders: baseOrders, connections: STATUS_CONNECTIONS, durationS: DURATION_S, rounds: ROUNDS }),
        rssBefore,
      );
      await checkYoung(db, 'status poll', appOrders);
    }

    if (only.has('drift')) {
      const { appOrders } = await seed(STATUS_ORDERS, 0);
      reportDrift(await driftScenario({ app, orders: appOrders, connections: STATUS_CONNECTIONS[0], durationS: DURATION_S, runs: DRIFT_RUNS }));
      await checkYoung(db, 'status drift', appOrders);
    }

    if (needNotify) {
      const { appOrders, baseOrders } = await seed(NOTIFY_ORDERS + NOTIFY_WARM, 2 * NOTIFY_ORDERS + NOTIFY_WARM);
      const appMain = appOrders.slice(0, NOTIFY_ORDERS);
      const appWarm = appOrders.slice(NOTIFY_ORDERS);
      const txOrders = baseOrders.slice(0, NOTIFY_ORDERS);
      const cteOrders = baseOrders.slice(NOTIFY_ORDERS, 2 * NOTIFY_ORDERS);
      const baseWarm = baseOrders.slice(2 * NOTIFY_ORDERS);
      const runs = await notifyScenario({
        app,
        baseline,
        connections: NOTIFY_CONNECTIONS,
        rounds: ROUNDS,
        appWarm,
        baselineWarm: baseWarm,
        orders: { app: appMain, tx: txOrders, cte: cteOrders },
      });
      await checkPaid(db, [...appMain, ...txOrders, ...cteOrders]);
      if (only.has('notify')) reportNotify(`notify burst (${NOTIFY_ORDERS} distinct orders per server, ${NOTIFY_CONNECTIONS} connections)`, runs, 0.5);
      if (only.has('duplicate')) {
        const before = await countVerdict(db, 'duplicate');
        const dup = await duplicateScenario({ app, baseline, connections: NOTIFY_CONNECTIONS, durationS: DURATION_S / 2, rounds: ROUNDS, bodies: runs.bodies });
        const logged = (await countVerdict(db, 'duplicate')) - before;
        const sent = dup.app.requests + dup.tx.requests + dup.cte.requests;
        // Requests still in flight when a timed run stops are logged but not counted by autocannon.
        if (logged < sent || logged > sent + 3 * ROUNDS * NOTIFY_CONNECTIONS)
          throw new Error(`duplicate notify: ${sent} answered but ${logged} duplicate pay logs`);
        reportNotify(`duplicate notify (already paid, ${NOTIFY_CONNECTIONS} connections, ${ROUNDS} × ${DURATION_S / 2} s)`, dup, 0.8);
      }
    }

    if (only.has('flash')) {
      const appProduct = await createProduct(app.baseUrl, { name: 'Flash tea', stock: FLASH_STOCK });
      const baseProduct = await createProduct(app.baseUrl, { name: 'Flash tea (baseline)', stock: FLASH_STOCK });
      const t1 = Date.now();
      const appBuyers = await appShoppers(app.baseUrl, FLASH_SHOPPERS);
      const baseBuyers = await baselineShoppers(baseline.baseUrl, FLASH_SHOPPERS);
      console.log(`signed up ${FLASH_SHOPPERS} + ${FLASH_SHOPPERS} flash-sale shoppers in ${((Date.now() - t1) / 1000).toFixed(0)} s`);
      const base = await flashSale({ server: baseline, path: '/orders', shoppers: baseBuyers, productId: baseProduct.id, db });
      const appRun = await flashSale({ server: app, path: '/api/orders', shoppers: appBuyers, productId: appProduct.id, db });
      reportFlash(appRun, base);
    }

    if (only.has('paid') || only.has('push') || only.has('js')) {
      const orders = await appPendingOrders(app.baseUrl, { count: 3 * PAY_ORDERS + 1, productId: product.id });
      if (only.has('js')) reportJs(await payPageJs({ app, order: orders[3 * PAY_ORDERS] }));
      if (only.has('paid'))
        reportPaid(await payToPaid({ app, pageOrders: orders.slice(0, PAY_ORDERS), notifyOrders: orders.slice(PAY_ORDERS, 2 * PAY_ORDERS) }));
      if (only.has('push')) reportPush(await payToPaidPush({ app, orders: orders.slice(2 * PAY_ORDERS, 3 * PAY_ORDERS) }));
    }

    if (only.has('streams')) {
      // Its own process when its heap ceiling differs from npm start's, on the same database.
      const streamApp = STREAM_HEAP_MB
        ? await startApp({ name: 'app-streams', port: PORT + 2, databaseUrl, env: appEnv(STREAM_SERVER_ENV), heapMb: STREAM_HEAP_MB })
        : app;
      try {
        const t0 = Date.now();
        const shoppers = await appShoppers(streamApp.baseUrl, Math.ceil((STREAMS + STREAM_SAMPLE) / 20));
        console.log(`signed up ${shoppers.length} shoppers for the event streams in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
        let taken = 0;
        const common = {
          count: STREAMS,
          batch: 1000,
          sampleSize: STREAM_SAMPLE,
          appBaseUrl: streamApp.baseUrl,
          connectConcurrency: 100,
          payConcurrency: 4,
          idleS: STREAM_IDLE_S,
          boundMs: STREAM_BOUND_MS,
        };
        const appRun = await eventStreamsScenario({
          ...common,
          server: streamApp,
          pathOf: (no) => `/api/orders/${no}/events`,
          // Each batch from its own shoppers, so no shopper ever holds more than 20 pending orders.
          seed: async (n) => {
            const from = Math.ceil(taken / 20);
            taken += n;
            const owners = shoppers.slice(from, Math.ceil(taken / 20));
            return appPendingOrders(streamApp.baseUrl, { count: n, productId: product.id, shoppers: owners, concurrency: 32 });
          },
        });
        console.log(`app held its streams; seeding and opening took ${((Date.now() - t0) / 1000).toFixed(0)} s`);
        // The baseline streams the same shoppers' orders that are still pending, plus fresh ones for those the app's run paid.
        const leftover = [
          ...appRun.unpaid,
          ...(await appPendingOrders(streamApp.baseUrl, {
            count: STREAM_SAMPLE,
            productId: product.id,
            shoppers: shoppers.slice(-Math.ceil(STREAM_SAMPLE / 20)),
          })),
        ];
        const baseRun = await eventStreamsScenario({
          ...common,
          server: baseline,
          pathOf: (no) => `/orders/${no}/events`,
          seed: async (n) => leftover.splice(0, n),
        });
        // The status route's req/s on this run's orders (all pending, so the read without WeChat's query needs young ones).
        const young = await appPendingOrders(streamApp.baseUrl, { count: 200, productId: product.id });
        let i = 0;
        const status = await load({
          url: streamApp.baseUrl,
          connections: 50,
          duration: DURATION_S,
          pid: streamApp.pid,
          next: () => {
            const o = young[i++ % young.length];
            return { path: `/api/orders/${o.orderNo}/status`, headers: { cookie: o.cookie } };
          },
        });
        reportStreams(appRun, baseRun, status);
      } finally {
        if (streamApp !== app) await streamApp.stop();
      }
    }
  } finally {
    await db.end();
    await app.stop();
    await baseline.stop();
    await dropDatabase(databaseUrl);
  }
}

async function checkPaid(db: postgres.Sql, orders: PendingOrder[]) {
  const orderNos = orders.map((o) => o.orderNo);
  const [r] = await db`
    select count(*) filter (where status = 'paid')::int as paid,
           (select count(*)::int from pay_logs where verdict = 'applied' and order_no = any(${orderNos})) as applied
    from orders where order_no = any(${orderNos})`;
  if (r.paid !== orders.length || r.applied !== orders.length) {
    throw new Error(`notify: ${orders.length} orders notified, ${r.paid} paid, ${r.applied} applied pay logs`);
  }
}

/** The poll scenarios measure young orders: none of them may have reached the age where the route asks WeChat. */
async function checkYoung(db: postgres.Sql, scenario: string, orders: PendingOrder[]) {
  const [{ queried }] =
    await db`select count(*)::int as queried from orders where last_queried_at is not null and order_no = any(${orders.map((o) => o.orderNo)})`;
  check(queried === 0, `${scenario}: ${queried} polled orders grew old enough to be queried at WeChat, so the run measured more than the read`);
}

async function countVerdict(db: postgres.Sql, verdict: string): Promise<number> {
  const [{ n }] = await db`select count(*)::int as n from pay_logs where verdict = ${verdict}`;
  return n;
}

async function sweepServers() {
  const databaseUrl = await createDatabase('sweep');
  const servers: Server[] = [];
  try {
    servers.push(await startApp({ name: 'sweep-a', port: PORT + 2, databaseUrl, env: appEnv(SWEEP_SERVER_ENV) }));
    servers.push(await startApp({ name: 'sweep-b', port: PORT + 3, databaseUrl, env: appEnv(SWEEP_SERVER_ENV) }));
    reportSweep(await sweepScenario({ servers: [servers[0], servers[1]], databaseUrl, orders: SWEEP_ORDERS, timeLimitS: 5 * SWEEP_LIMIT_S }));
  } finally {
    for (const s of servers) await s.stop();
    await dropDatabase(databaseUrl);
  }
}

function writeReadme(info: ReturnType<typeof machine> & { postgres: string }) {
  const file = path.join(process.cwd(), 'bench/README.md');
  const table = [
    '| scenario | app | baseline (same run) | ratio | target | met? |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.scenario} | ${r.app} | ${r.baseline} | ${r.ratio} | ${r.target} | ${r.met === null ? '—' : r.met ? 'yes' : '**no**'} |`),
  ].join('\n');
  const section = [
    '<!-- results:start (written by npm run bench) -->',
    `Last run: ${info.date} on ${info.cpu}, ${info.memory} RAM, ${info.os}, Node ${info.node}, PostgreSQL ${info.postgres}; load average at start ${info.loadavg}.${APP_NODE_OPTIONS ? ` App NODE_OPTIONS=${APP_NODE_OPTIONS}.` : ''}${quick ? ' **--quick run: not comparable.**' : ''}`,
    '',
    table,
    '',
    ...notes.map((n) => `- ${n}`),
    '<!-- results:end -->',
  ].join('\n');
  const readme = readFileSync(file, 'utf8');
  const next = readme.replace(/<!-- results:start[\s\S]*?<!-- results:end -->/, section);
  writeFileSync(file, next === readme && !readme.includes('<!-- results:start') ? `${readme}\n${section}\n` : next);
  console.log(`results written to bench/README.md`);
}

async function main() {
  const info = { ...machine(), postgres: await serverVersion() };
  console.log(`bench: ${info.date} · ${info.cpu} · ${info.memory} · Node ${info.node} · PostgreSQL ${info.postgres} · load ${info.loadavg}`);
  if (!flag('skip-build')) build();
  if ([...only].some((s) => s !== 'sweep')) await mainServers();
  if (only.has('sweep')) await sweepServers();

  console.log('\n| scenario | app | baseline | ratio | target | met? |');
  for (const r of rows) console.log(`| ${r.scenario} | ${r.app} | ${r.baseline} | ${r.ratio} | ${r.target} | ${r.met === null ? '—' : r.met ? 'yes' : 'no'} |`);
  for (const n of notes) console.log(n);
  if (!flag('no-write') && !smoke) writeReadme(info);
  if (failures.length) {
    console.error(`\ncorrectness checks failed:\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
  console.log(`bench: ${rows.length} scenarios ran, every correctness check held`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
