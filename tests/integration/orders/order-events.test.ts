// GET /api/orders/{orderNo}/events: the pay page's push channel, driven over HTTP like a browser's
// EventSource. Closing needs orders that expire, so those tests run on a server of their own.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, catalog, newShopper, waitFor } from '../../support/api';
import { startAppServer, type AppServer } from '../../support/app-server';
import { openEventStream, type EventStreamClient } from '../../support/event-stream';
import { TEST_ENV } from '../../support/test-env';

const base = inject('baseUrl');
const databaseUrl = inject('databaseUrl');

interface Placed {
  orderNo: string;
  totalFee: number;
  codeUrl: string;
  expiresAt: string;
}

async function place(baseUrl: string, shopper: ApiClient): Promise<Placed> {
  const product = (await catalog(baseUrl)).find((p) => p.stock > 0)!;
  const res = await shopper.post('/api/orders', { items: [{ productId: product.id, quantity: 1 }] });
  expect(res.status).toBe(201);
  return res.body;
}

async function pay(baseUrl: string, order: Placed) {
  const token = new URL(order.codeUrl).searchParams.get('pr');
  const res = await fetch(`${baseUrl}/sandbox/scan/${token}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(res.status).toBe(200);
}

const events = (baseUrl: string, shopper: ApiClient, orderNo: string, headers: Record<string, string> = {}) =>
  openEventStream(`${baseUrl}/api/orders/${orderNo}/events`, { ...(shopper.cookie ? { cookie: shopper.cookie } : {}), ...headers });

async function nextStatus(stream: EventStreamClient, timeoutMs = 5000) {
  const event = await stream.next(timeoutMs);
  expect(event.event).toBe('status');
  return { id: event.id, body: JSON.parse(event.data) };
}

const watches = async (baseUrl: string) => ((await (await fetch(`${baseUrl}/sandbox/stream-stats`)).json()) as { watches: number }).watches;

/** What both servers of the route must do alike: node:http before Next (the default) and Next's route handler. */
function servedAlike(url: () => string) {
  it('sends the status route’s JSON at once, uncompressed and unbuffered, with retry and id', async () => {
    const owner = await newShopper(url());
    const order = await place(url(), owner);
    const stream = await events(url(), owner, order.orderNo, { 'accept-encoding': 'gzip, deflate, br' });
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(stream.headers.get('content-encoding')).toBeNull();
      expect(stream.headers.get('cache-control')).toBe('no-cache, no-transform');
      expect(stream.headers.get('x-accel-buffering')).toBe('no');
      const first = await nextStatus(stream, 2000);
      const polled = await owner.get(`/api/orders/${order.orderNo}/status`);
      expect(first.body).toEqual(polled.body);
      expect(first.body).toMatchObject({ orderNo: order.orderNo, status: 'pending', paidAt: null });
      expect(first.id).toBe('pending');
      expect(stream.retry).toBe(3000);
    } finally {
      stream.close();
    }
  });

  it('sends paid after a sandbox payment, then the server ends the stream', async () => {
    const owner = await newShopper(url());
    const order = await place(url(), owner);
    const stream = await events(url(), owner, order.orderNo);
    expect((await nextStatus(stream)).body.status).toBe('pending');
    await pay(url(), order);
    const paid = await nextStatus(stream);
    expect(paid.body).toMatchObject({ orderNo: order.orderNo, status: 'paid', totalFee: order.totalFee });
    expect(paid.body.paidAt).toBeTruthy();
    expect(paid.id).toBe('paid');
    await stream.ended();
  });

  it('answers 404 to another shopper exactly as the status route does, and 401 when signed out', async () => {
    const owner = await newShopper(url());
    const order = await place(url(), owner);
    const other = await newShopper(url());
    const theirs = await other.get(`/api/orders/${order.orderNo}/events`);
    const polled = await other.get(`/api/orders/${order.orderNo}/status`);
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(polled.body);
    const anonymous = await new ApiClient(url()).get(`/api/orders/${order.orderNo}/events`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/json/);
    // The refused watch was let go (the earlier tests' streams have all ended by now).
    await waitFor(async () => (await watches(url())) === 0, 5000);
  });

  it('frees the server side of a stream when its client goes away', async () => {
    const owner = await newShopper(url());
    const order = await place(url(), owner);
    const before = await watches(url());
    const streams = await Promise.all([1, 2, 3].map(() => events(url(), owner, order.orderNo)));
    for (const s of streams) await nextStatus(s);
    expect(await watches(url())).toBe(before + 3);
    streams[0].close();
    streams[1].close();
    await waitFor(async () => (await watches(url())) === before + 1, 5000);
    streams[2].close();
    await waitFor(async () => (await watches(url())) === before, 5000);
  });
}

describe('GET /api/orders/{orderNo}/events', () => {
  servedAlike(() => base);

  it('is answered by node:http before Next, not by the route handler (EVENT_STREAMS=node, the default)', async () => {
    const owner = await newShopper(base);
    const order = await place(base, owner);
    const stream = await events(base, owner, order.orderNo);
    // Next's app routes always add their RSC `vary`; the status route shows it on the same server.
    expect(stream.headers.get('vary')).toBeNull();
    expect((await owner.get(`/api/orders/${order.orderNo}/status`)).headers.get('vary')).toMatch(/rsc/);
    expect(stream.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(stream.headers.get('x-content-type-options')).toBe('nosniff');
    stream.close();
    // Every other request on that server still goes to Next, unchanged.
    const posted = await owner.post(`/api/orders/${order.orderNo}/events`, {});
    expect(posted.status).toBe(405);
    expect((await owner.get(`/api/orders/${order.orderNo}/status`)).body.status).toBe('pending');
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });

  it('keeps an idle stream alive with a comment line every 15 s, and still delivers after it', async () => {
    const owner = await newShopper(base);
    const order = await place(base, owner);
    const stream = await events(base, owner, order.orderNo);
    expect((await nextStatus(stream)).body.status).toBe('pending');
    await waitFor(async () => stream.comments.length > 0, 17_000, 250);
    expect(stream.comments[0]).toBe('keep-alive');
    await pay(base, order);
    expect((await nextStatus(stream)).body.status).toBe('paid');
    await stream.ended();
  });

  it('gives a reconnecting browser the current state at once, including a change it missed', async () => {
    const owner = await newShopper(base);
    const order = await place(base, owner);
    const cut = await events(base, owner, order.orderNo);
    expect((await nextStatus(cut)).body.status).toBe('pending');
    // A host's maximum function duration ends the response; EventSource reconnects after `retry`
    // with the last id it saw.
    cut.close();
    await pay(base, order);
    await waitFor(async () => (await owner.get(`/api/orders/${order.orderNo}/status`)).body.status === 'paid');
    const resumed = await events(base, owner, order.orderNo, { 'last-event-id': 'pending' });
    expect((await nextStatus(resumed, 2000)).body.status).toBe('paid');
    await resumed.ended();
  });

  it.runIf(databaseUrl)('still delivers the next change after the listening connection is killed (PostgreSQL)', async () => {
    const db = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const listener = () => db<{ pid: number }[]>`
        select pid from pg_stat_activity where datname = current_database() and application_name = 'wxstore-order-status-listener'`;
      const owner = await newShopper(base);
      const order = await place(base, owner);
      const stream = await events(base, owner, order.orderNo);
      expect((await nextStatus(stream)).body.status).toBe('pending');
      const [before] = await listener();
      expect(before, 'the listening connection').toBeDefined();
      await db`select pg_terminate_backend(${before.pid})`;
      // Paid right away, possibly before the listener is back: its re-read on reconnect covers it.
      await pay(base, order);
      expect((await nextStatus(stream, 10_000)).body.status).toBe('paid');
      await stream.ended();
      const [after] = await listener();
      expect(after.pid).not.toBe(before.pid);
    } finally {
      await db.end();
    }
  });
});

describe('GET /api/orders/{orderNo}/events through the route handler (EVENT_STREAMS=route)', () => {
  let server: AppServer;

  beforeAll(async () => {
    server = await startAppServer({ port: Number(process.env.TEST_PORT ?? 3101) + 11, name: 'events-route', env: { EVENT_STREAMS: 'route' } });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('is answered by the route handler', async () => {
    const owner = await newShopper(server.baseUrl);
    const order = await place(server.baseUrl, owner);
    const stream = await events(server.baseUrl, owner, order.orderNo);
    expect(stream.headers.get('vary')).toMatch(/rsc/);
    stream.close();
  });

  servedAlike(() => server.baseUrl);
});

describe('the event stream of an order that is closed', () => {
  let server: AppServer;
  let own: string;

  beforeAll(async () => {
    server = await startAppServer({ port: Number(process.env.TEST_PORT ?? 3101) + 10, name: 'events', env: { ORDER_TTL_SECONDS: '2' } });
    own = server.baseUrl;
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('sends closed when the sweep closes the order, and ends; a stream opened afterwards sends closed and ends at once', async () => {
    const owner = await newShopper(own);
    const order = await place(own, owner);
    const stream = await events(own, owner, order.orderNo);
    expect((await nextStatus(stream)).body.status).toBe('pending');
    // WeChat closes an order only once it is 5 minutes old: 3 s at the test time scale.
    await new Promise((r) => setTimeout(r, 3100));
    const swept = await fetch(`${own}/api/cron/sweep`, { headers: { authorization: `Bearer ${TEST_ENV.CRON_SECRET}` } });
    expect((await swept.json()).closed).toBe(1);
    const closed = await nextStatus(stream);
    expect(closed.body).toMatchObject({ orderNo: order.orderNo, status: 'closed', paidAt: null });
    await stream.ended();

    const later = await events(own, owner, order.orderNo);
    expect((await nextStatus(later)).body.status).toBe('closed');
    await later.ended();
    await waitFor(async () => (await watches(own)) === 0, 5000);
  });
});
