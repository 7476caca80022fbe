// Open pay pages held by push: N concurrent event streams of distinct pending orders on one server,
// opened `connectConcurrency` at a time (the connect rate: new streams per second, each up to its
// first event), then held idle for `idleS` (CPU and RSS of the server with N streams open), then a
// sample of the orders paid in the sandbox one after another: each paid order's stream must carry
// `paid` within the latency bound, and every other stream must still be open. The same against the
// app (`/api/orders/{no}/events`) and the bare node:http baseline (`/orders/{no}/events`), whose
// LISTEN receives the app's notifications from the same database.
import { inParallel } from '../support/load';
import type { PendingOrder } from '../support/seed';
import { cpuSeconds, rssBytes, sampleRss, type Server } from '../support/servers';
import { holdStream, type HeldStream } from '../support/streams';
import { pay, stats, type Stats } from './pay-to-paid';

export interface StreamsRun {
  /** The orders still pending afterwards. */
  unpaid: PendingOrder[];
  held: number;
  /** Streams that failed to open, or closed before the end. */
  lost: number;
  connectPerS: number;
  /** Pay → `paid` event, for the sampled orders. */
  paid: Stats;
  /** Sampled orders whose `paid` took longer than the bound, or never came. */
  late: number;
  /** Server CPU while idle, in % of one core per 1,000 streams. */
  idleCpuPer1000: number;
  rss: number;
  peakRss: number;
}

export async function eventStreamsScenario(opts: {
  server: Server;
  pathOf: (orderNo: string) => string;
  count: number;
  /**
   * The next `n` pending orders. Streams are opened batch by batch right after each batch is
   * seeded, so the app reads young orders (the status read asks WeChat about pending orders older
   * than 2 minutes; seeding 10,000 takes longer than that).
   */
  seed: (n: number) => Promise<PendingOrder[]>;
  batch: number;
  /** How many of the orders are paid, one by one (`payConcurrency` at once), once all streams are open. */
  sampleSize: number;
  appBaseUrl: string;
  connectConcurrency: number;
  payConcurrency: number;
  idleS: number;
  boundMs: number;
}): Promise<StreamsRun> {
  const stopRss = sampleRss(opts.server.pid);
  const streams = new Map<string, HeldStream>();
  const orders: PendingOrder[] = [];
  let connectMs = 0;
  while (orders.length < opts.count) {
    const batch = await opts.seed(Math.min(opts.batch, opts.count - orders.length));
    orders.push(...batch);
    const t0 = performance.now();
    await inParallel(batch, opts.connectConcurrency, async (o) => {
      const s = holdStream(opts.server.baseUrl, opts.pathOf(o.orderNo), o.cookie);
      streams.set(o.orderNo, s);
      // One that fails to open is counted with the lost below.
      await s.opened.catch(() => {});
    });
    connectMs += performance.now() - t0;
    console.log(`  ${orders.length.toLocaleString('en-US')} streams opened, RSS ${(rssBytes(opts.server.pid) / 2 ** 20).toFixed(0)} MB`);
  }
  const connectPerS = orders.length / (connectMs / 1000);

  const cpu0 = cpuSeconds(opts.server.pid);
  await new Promise((r) => setTimeout(r, opts.idleS * 1000));
  const idleCpu = cpuSeconds(opts.server.pid) - cpu0;
  const rss = rssBytes(opts.server.pid);
  const held = [...streams.values()].filter((s) => s.open()).length;

  const latencies: number[] = [];
  let late = 0;
  // Spread over everything that was opened, first to last.
  const sample = Array.from({ length: opts.sampleSize }, (_, i) => orders[Math.floor((i * orders.length) / opts.sampleSize)]);
  await inParallel(sample, opts.payConcurrency, async (o) => {
    const stream = streams.get(o.orderNo)!;
    const paidAt = await pay(opts.appBaseUrl, o);
    const seen = await Promise.race([stream.paid, new Promise<undefined>((r) => setTimeout(r, 10_000))]);
    if (seen === undefined || seen - paidAt > opts.boundMs) late++;
    if (seen !== undefined) latencies.push(seen - paidAt);
  });
  const sampled = new Set(sample.map((o) => o.orderNo));
  const lost = [...streams].filter(([no, s]) => !sampled.has(no) && !s.open()).length;
  for (const s of streams.values()) s.close();
  return {
    unpaid: orders.filter((o) => !sampled.has(o.orderNo)),
    held,
    lost,
    connectPerS,
    paid: stats(latencies),
    late,
    idleCpuPer1000: ((idleCpu / opts.idleS) * 100) / (held / 1000),
    rss,
    peakRss: stopRss(),
  };
}
