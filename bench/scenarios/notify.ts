// Notify: WeChat's payment notifications in a burst. Each request of the measured runs is a distinct
// pending order with a valid HMAC-SHA256 signature, so each is a real pending → paid transition.
// The app is measured against both baseline variants (a four-statement transaction, and the
// UPDATE + INSERT as one CTE statement), in `rounds` interleaved rounds (tx, app, cte; then cte,
// app, tx; …), each on its own slice of orders. Then the duplicate burst: the same notifies again
// (orders already paid, same transaction_id), so every request is judged `duplicate` and logged.
// Every answer must be HTTP 200 with return_code SUCCESS.
import { notifyXml } from '@/tests/integration/payments/notify-message';
import { combine, load, type LoadResult } from '../support/load';
import type { PendingOrder } from '../support/seed';
import type { Server } from '../support/servers';

export interface NotifyRuns {
  app: LoadResult;
  tx: LoadResult;
  cte: LoadResult;
}

const isSuccessReply = (status: number) => status === 200;
const acknowledged = (body: string) => body.includes('<return_code><![CDATA[SUCCESS]]></return_code>');

function sequence(path: string, list: string[], cycle = false) {
  let i = 0;
  return () => {
    if (!cycle && i >= list.length) throw new Error('notify: ran out of distinct orders');
    return { path, headers: { 'content-type': 'text/xml' }, body: list[i++ % list.length] };
  };
}

const slice = <T>(list: T[], rounds: number, round: number) => {
  const size = Math.floor(list.length / rounds);
  return list.slice(round * size, round === rounds - 1 ? list.length : (round + 1) * size);
};

type Variant = 'app' | 'tx' | 'cte';

const targets = (app: Server, baseline: Server): Record<Variant, { url: string; path: string; pid: number }> => ({
  app: { url: app.baseUrl, path: '/api/wxpay/notify', pid: app.pid },
  tx: { url: baseline.baseUrl, path: '/notify?variant=tx', pid: baseline.pid },
  cte: { url: baseline.baseUrl, path: '/notify?variant=cte', pid: baseline.pid },
});
const ORDERS: Variant[][] = [
  ['tx', 'app', 'cte'],
  ['cte', 'app', 'tx'],
];

async function interleaved(rounds: number, run: (variant: Variant, round: number) => Promise<LoadResult>): Promise<NotifyRuns> {
  const results: Record<Variant, LoadResult[]> = { app: [], tx: [], cte: [] };
  for (let round = 0; round < rounds; round++) {
    for (const variant of ORDERS[round % 2]) results[variant].push(await run(variant, round));
  }
  return { app: combine(results.app), tx: combine(results.tx), cte: combine(results.cte) };
}

export interface NotifyBodies {
  app: string[];
  tx: string[];
  cte: string[];
}

/** Every request a distinct order: each round sends its slice of each list once. */
export async function notifyScenario(opts: {
  app: Server;
  baseline: Server;
  connections: number;
  rounds: number;
  appWarm: PendingOrder[];
  baselineWarm: PendingOrder[];
  orders: Record<Variant, PendingOrder[]>;
}): Promise<NotifyRuns & { bodies: NotifyBodies }> {
  const target = targets(opts.app, opts.baseline);
  const send = (url: string, path: string, list: string[], pid?: number) =>
    load({
      url,
      connections: Math.min(opts.connections, list.length),
      amount: list.length,
      method: 'POST',
      next: sequence(path, list),
      expect: isSuccessReply,
      verifyBody: acknowledged,
      pid,
    });
  // Warm-up: real transitions on orders kept aside for it, not measured.
  const baseWarm = opts.baselineWarm.map((o) => notifyXml(o));
  await send(
    opts.app.baseUrl,
    '/api/wxpay/notify',
    opts.appWarm.map((o) => notifyXml(o)),
  );
  await send(opts.baseline.baseUrl, '/notify?variant=tx', slice(baseWarm, 2, 0));
  await send(opts.baseline.baseUrl, '/notify?variant=cte', slice(baseWarm, 2, 1));

  const bodies: NotifyBodies = {
    app: opts.orders.app.map((o) => notifyXml(o)),
    tx: opts.orders.tx.map((o) => notifyXml(o)),
    cte: opts.orders.cte.map((o) => notifyXml(o)),
  };
  const runs = await interleaved(opts.rounds, (variant, round) =>
    send(target[variant].url, target[variant].path, slice(bodies[variant], opts.rounds, round), target[variant].pid),
  );
  return { ...runs, bodies };
}

/** The same notifies again, `rounds` × `durationS` per server: every one a duplicate of an applied payment. */
export async function duplicateScenario(opts: {
  app: Server;
  baseline: Server;
  connections: number;
  durationS: number;
  rounds: number;
  bodies: NotifyBodies;
}): Promise<NotifyRuns> {
  const target = targets(opts.app, opts.baseline);
  return interleaved(opts.rounds, (variant) =>
    load({
      url: target[variant].url,
      connections: opts.connections,
      duration: opts.durationS,
      method: 'POST',
      pid: target[variant].pid,
      next: sequence(target[variant].path, opts.bodies[variant], true),
      expect: isSuccessReply,
      verifyBody: acknowledged,
    }),
  );
}
