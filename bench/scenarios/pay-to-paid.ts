// Pay → paid: how long after the sandbox takes the payment (and sends its notify) the shopper's
// pay page shows `paid`. Each order has a poller that behaves like the pay page (SWR,
// refreshInterval 3 s: the next poll 3 s after the previous answer), opened at a random moment
// before the payment, so the poll phase is uniform. A second set of orders is polled every 20 ms to
// isolate the notify's own latency (pay → notify → committed → visible).
import type { PendingOrder } from '../support/seed';
import { holdStream } from '../support/streams';
import type { Server } from '../support/servers';

export interface Stats {
  p50: number;
  p95: number;
  max: number;
  n: number;
}

export interface PayToPaidRun {
  /** With the pay page's 3 s poll. */
  page: Stats;
  /** With a 20 ms poll: the notify path alone. */
  notify: Stats;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
export const stats = (ms: number[]): Stats => {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1], n: s.length };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function status(app: Server, o: PendingOrder): Promise<string> {
  const res = await fetch(`${app.baseUrl}/api/orders/${o.orderNo}/status`, { headers: { cookie: o.cookie } });
  if (res.status !== 200) throw new Error(`status: ${res.status}`);
  return ((await res.json()) as { status: string }).status;
}

/** Pays in the sandbox; resolves when the sandbox has taken the payment (its notify leaves next). */
export async function pay(baseUrl: string, o: PendingOrder): Promise<number> {
  const token = new URL(o.codeUrl!).searchParams.get('pr');
  const res = await fetch(`${baseUrl}/sandbox/scan/${token}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (res.status !== 200) throw new Error(`sandbox pay: ${res.status} ${await res.text()}`);
  return performance.now();
}

/** One shopper: the page opens, polls every `intervalMs` after each answer; pays after `payAfterMs`. */
async function shopper(app: Server, o: PendingOrder, intervalMs: number, payAfterMs: number): Promise<number> {
  let paidAt: number | undefined;
  const payment = sleep(payAfterMs).then(() => pay(app.baseUrl, o).then((t) => (paidAt = t)));
  const deadline = performance.now() + payAfterMs + 30_000;
  for (;;) {
    if (performance.now() > deadline) throw new Error(`order ${o.orderNo} was not paid 30 s after the payment`);
    const s = await status(app, o);
    const seen = performance.now();
    if (s === 'paid') {
      await payment;
      return seen - paidAt!;
    }
    if (s !== 'pending') throw new Error(`order ${o.orderNo} became ${s}`);
    await sleep(intervalMs);
  }
}

export async function payToPaid(opts: { app: Server; pageOrders: PendingOrder[]; notifyOrders: PendingOrder[] }): Promise<PayToPaidRun> {
  // Shoppers open their pay pages over 10 s and pay 3–6 s later: the poll phase at payment is uniform.
  const page = await Promise.all(opts.pageOrders.map((o) => sleep(Math.random() * 10_000).then(() => shopper(opts.app, o, 3000, 3000 + Math.random() * 3000))));
  const notify = await Promise.all(opts.notifyOrders.map((o) => sleep(Math.random() * 5_000).then(() => shopper(opts.app, o, 20, 500 + Math.random() * 500))));
  return { page: stats(page), notify: stats(notify) };
}

/**
 * The same with push: each shopper's page holds the order's event stream (opened over 5 s), pays
 * 1–2 s after its first event, and sees `paid` when the event arrives; no poll at all.
 */
export async function payToPaidPush(opts: { app: Server; orders: PendingOrder[] }): Promise<Stats> {
  const seen = await Promise.all(
    opts.orders.map(async (o) => {
      await sleep(Math.random() * 5000);
      const stream = holdStream(opts.app.baseUrl, `/api/orders/${o.orderNo}/events`, o.cookie);
      try {
        await stream.opened;
        await sleep(1000 + Math.random() * 1000);
        const paidAt = await pay(opts.app.baseUrl, o);
        const at = await Promise.race([stream.paid, sleep(30_000).then(() => undefined)]);
        if (at === undefined) throw new Error(`order ${o.orderNo}: no paid event 30 s after the payment`);
        return at - paidAt;
      } finally {
        stream.close();
      }
    }),
  );
  return stats(seen);
}
