// Status poll: 1000 distinct pending orders polled with their owners' cookies, as 1000 open pay
// pages would; 100 and 200 connections, `rounds` runs of 10 s each per server, interleaved
// (baseline first in even rounds, app first in odd ones). The app's RSS is sampled throughout.
import { sampleRss, type Server } from '../support/servers';
import { combine, load, warm, type LoadResult } from '../support/load';
import type { PendingOrder } from '../support/seed';

export interface StatusRun {
  connections: number;
  app: LoadResult;
  baseline: LoadResult;
}

function rotation(orders: PendingOrder[], pathOf: (orderNo: string) => string) {
  let i = 0;
  return () => {
    const o = orders[i++ % orders.length];
    return { path: pathOf(o.orderNo), headers: { cookie: o.cookie } };
  };
}

export async function statusScenario(opts: {
  app: Server;
  baseline: Server;
  appOrders: PendingOrder[];
  baselineOrders: PendingOrder[];
  connections: number[];
  durationS: number;
  rounds: number;
}): Promise<{ runs: StatusRun[]; peakRss: number }> {
  const appNext = rotation(opts.appOrders, (no) => `/api/orders/${no}/status`);
  const baseNext = rotation(opts.baselineOrders, (no) => `/orders/${no}/status`);
  await warm({ url: opts.app.baseUrl, connections: 50, next: appNext });
  await warm({ url: opts.baseline.baseUrl, connections: 50, next: baseNext });

  const runs: StatusRun[] = [];
  const stopRss = sampleRss(opts.app.pid);
  for (const connections of opts.connections) {
    const app: LoadResult[] = [];
    const baseline: LoadResult[] = [];
    const roundDuration = opts.durationS;
    for (let round = 0; round < opts.rounds; round++) {
      const runBaseline = async () =>
        baseline.push(await load({ url: opts.baseline.baseUrl, connections, duration: roundDuration, next: baseNext, pid: opts.baseline.pid }));
      const runApp = async () => app.push(await load({ url: opts.app.baseUrl, connections, duration: roundDuration, next: appNext, pid: opts.app.pid }));
      if (round % 2 === 0) {
        await runBaseline();
        await runApp();
      } else {
        await runApp();
        await runBaseline();
      }
    }
    runs.push({ connections, app: combine(app), baseline: combine(baseline) });
  }
  return { runs, peakRss: stopRss() };
}

/**
 * The status poll `runs` times in a row against one app process. postgres.js 3.4.x was reported to
 * lose throughput under sustained load until restarted (porsager/postgres#747); a steady last/first
 * ratio shows this build does not (bench/README.md).
 */
export async function driftScenario(opts: {
  app: Server;
  orders: PendingOrder[];
  connections: number;
  durationS: number;
  runs: number;
}): Promise<LoadResult[]> {
  const next = rotation(opts.orders, (no) => `/api/orders/${no}/status`);
  const results: LoadResult[] = [];
  for (let i = 0; i < opts.runs; i++)
    results.push(await load({ url: opts.app.baseUrl, connections: opts.connections, duration: opts.durationS, next, pid: opts.app.pid }));
  return results;
}
