// Two app instances on one PostgreSQL database, as behind a load balancer: a payment that lands on
// one instance reaches the pay page streaming from the other (LISTEN/NOTIFY fan-out), and sweeps
// and notifies spread over both at once keep the money invariants. Each instance's sandbox sends
// its notifies to the other instance. PostgreSQL only: PGlite is one process's embedded database,
// so a second instance cannot open it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, type ApiClient, catalog, newShopper, waitFor } from '../../support/api';
import { startAppServer, type AppServer } from '../../support/app-server';
import { openEventStream, type EventStreamClient } from '../../support/event-stream';
import { expectMoneyInvariants } from '../../support/invariants';
import { TEST_ENV } from '../../support/test-env';
import { notifyXml, postNotify } from '../payments/notify-message';

const PORT = Number(process.env.TEST_PORT ?? 3101) + 12;
const STALE_ORDERS = 300;
const PER_SHOPPER = 15;
const STREAMED = 20;
/** Long enough for a checkout to pass unifiedorder's minimum lead (1 minute: 0.6 s at the test time scale) on a busy machine. */
const TTL_S = 10;
/** Expired (whole seconds, rounded up) and older than closeorder's minimum age (5 minutes: 3 s at the test time scale). */
const STALE_AFTER_MS = (TTL_S + 1) * 1000 + 100;

interface Placed {
  orderNo: string;
  totalFee: number;
  codeUrl: string;
}

describe.runIf(process.env.DATABASE_URL)('two instances on one PostgreSQL database', () => {
  let a: AppServer;
  let b: AppServer;

  beforeAll(async () => {
    const env = { ORDER_TTL_SECONDS: String(TTL_S) };
    a = await startAppServer({ port: PORT, name: 'instance-a', env: { ...env, WXPAY_NOTIFY_URL: `http://127.0.0.1:${PORT + 1}/api/wxpay/notify` } });
    b = await startAppServer({
      port: PORT + 1,
      name: 'instance-b',
      databaseUrl: a.databaseUrl,
      env: { ...env, WXPAY_NOTIFY_URL: `${a.baseUrl}/api/wxpay/notify` },
    });
  });

  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  async function place(shopper: ApiClient): Promise<Placed> {
    for (let attempt = 1; ; attempt++) {
      // Spread over the catalog: no single product has stock for all of them.
      const inStock = (await catalog(shopper.baseUrl)).filter((p) => p.stock > 10);
      const product = inStock[Math.floor(Math.random() * inStock.length)];
      const res = await shopper.post('/api/orders', { items: [{ productId: product.id, quantity: 1 }] });
      // A sandbox too slow to answer unifiedorder on a loaded machine: the order was closed, try again.
      if (res.status === 502 && attempt < 3) continue;
      expect(res.status, res.text).toBe(201);
      return res.body;
    }
  }

  const stream = (baseUrl: string, shopper: ApiClient, orderNo: string) =>
    openEventStream(`${baseUrl}/api/orders/${orderNo}/events`, { cookie: shopper.cookie });

  async function statuses(s: EventStreamClient, timeoutMs = 5000): Promise<string> {
    const event = await s.next(timeoutMs);
    return JSON.parse(event.data).status;
  }

  it('a notify delivered to instance B reaches the stream open on instance A', async () => {
    const shopper = await newShopper(a.baseUrl);
    const order = await place(shopper);
    const onA = await stream(a.baseUrl, shopper, order.orderNo);
    expect(await statuses(onA)).toBe('pending');
    const reply = await postNotify(b.baseUrl, notifyXml(order));
    expect(reply.text).toContain('SUCCESS');
    expect(await statuses(onA)).toBe('paid');
    await onA.ended();
  });

  it(`sweeps on both instances at once over ${STALE_ORDERS} stale orders, notifies spread over both: every order final once, money conserved`, async () => {
    const servers = [a.baseUrl, b.baseUrl];
    const shoppers = await Promise.all(Array.from({ length: STALE_ORDERS / PER_SHOPPER }, (_, i) => newShopper(servers[i % 2])));
    const paidInSandbox = new Set<string>();
    const placed: { order: Placed; shopper: ApiClient }[] = [];
    let createdLast = 0;
    // Placed on both instances; every third paid at once through the other instance's sandbox, so
    // its notify arrives (from the sandbox's worker, on either instance) at the instance it was not placed on.
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = next++; i < STALE_ORDERS; i = next++) {
          const shopper = shoppers[i % shoppers.length];
          const order = await place(shopper);
          createdLast = Date.now();
          placed.push({ order, shopper });
          if (i % 3 === 0) {
            const token = new URL(order.codeUrl).searchParams.get('pr');
            const other = servers.find((s) => s !== shopper.baseUrl)!;
            const res = await fetch(`${other}/sandbox/scan/${token}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
            expect(res.status).toBe(200);
            paidInSandbox.add(order.orderNo);
          }
        }
      }),
    );
    // Some pay pages open on the instance their order was not placed on, some on the one it was.
    const streams = await Promise.all(
      placed
        .slice(0, STREAMED)
        .map(async ({ order, shopper }, i) => ({ orderNo: order.orderNo, events: await stream(servers[i % 2], shopper, order.orderNo) })),
    );

    const wait = createdLast + STALE_AFTER_MS - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const sweep = async (baseUrl: string) => {
      const res = await fetch(`${baseUrl}/api/cron/sweep`, { headers: { authorization: `Bearer ${TEST_ENV.CRON_SECRET}` } });
      expect(res.status).toBe(200);
      return (await res.json()) as { scanned: number; closed: number; paid: number; left: number };
    };
    const operator = await admin(a.baseUrl);
    const pendingLeft = async () => ((await operator.get('/api/admin/orders?status=pending&limit=500')).body.items as unknown[]).length;
    let rounds = 0;
    let swept = { closed: 0, paid: 0 };
    await waitFor(
      async () => {
        rounds++;
        const [onA, onB] = await Promise.all([sweep(a.baseUrl), sweep(b.baseUrl)]);
        swept = { closed: swept.closed + onA.closed + onB.closed, paid: swept.paid + onA.paid + onB.paid };
        return (await pendingLeft()) === 0;
      },
      60_000,
      200,
    );

    const { orders } = await expectMoneyInvariants(operator);
    const ours = orders.filter((o) => placed.some((p) => p.order.orderNo === o.orderNo));
    expect(ours).toHaveLength(STALE_ORDERS);
    for (const o of ours) expect(o.status, o.orderNo).toBe(paidInSandbox.has(o.orderNo) ? 'paid' : 'closed');
    expect(swept.closed, `closed by ${rounds} rounds of two sweeps`).toBe(STALE_ORDERS - paidInSandbox.size);

    // Every open pay page learned its order's final state, whichever instance made the change.
    for (const s of streams) {
      const seen: string[] = [];
      while (seen.at(-1) !== 'paid' && seen.at(-1) !== 'closed') seen.push(await statuses(s.events, 10_000));
      expect(seen.at(-1), s.orderNo).toBe(paidInSandbox.has(s.orderNo) ? 'paid' : 'closed');
      await s.events.ended();
    }
  }, 240_000);
});
