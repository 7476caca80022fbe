// The status route's own orderquery, on a server of its own whose orders live 30 s: every poll
// is within a minute of expiry, so each one is due a query (the rule itself: tests/unit/orders).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { admin, type ApiClient, clearSandboxFaults, newShopper, payAtSandbox, payLogsFor, placeOrder, sandboxFault } from '../../support/api';
import { startAppServer, type AppServer } from '../../support/app-server';
import { openEventStream } from '../../support/event-stream';
import { expectMoneyInvariants } from '../../support/invariants';

let server: AppServer;
let base: string;
let operator: ApiClient;

beforeAll(async () => {
  server = await startAppServer({ port: Number(process.env.TEST_PORT ?? 3101) + 25, name: 'status-query', env: { ORDER_TTL_SECONDS: '30' } });
  base = server.baseUrl;
  operator = await admin(base);
});

afterAll(async () => {
  await server?.stop();
});

afterEach(async () => {
  await clearSandboxFaults(base);
  await expectMoneyInvariants(operator);
});

describe('status route near expiry', () => {
  it('asks WeChat when the notify is missing and applies the payment through the same transition', async () => {
    const shopper = await newShopper(base);
    const order = await placeOrder(shopper);
    await sandboxFault(base, { outTradeNo: order.orderNo, notify: 'drop' });
    await payAtSandbox(base, order.codeUrl);
    const res = await shopper.get(`/api/orders/${order.orderNo}/status`);
    expect(res.body.status).toBe('paid');
    expect(await payLogsFor(operator, order.orderNo)).toMatchObject([{ verdict: 'applied', source: 'query' }]);
  });

  it('asks at most once per order per 10 s', async () => {
    const shopper = await newShopper(base);
    const order = await placeOrder(shopper);
    await sandboxFault(base, { outTradeNo: order.orderNo, orderquery: 'SYSTEMERROR', notify: 'drop' });
    expect((await shopper.get(`/api/orders/${order.orderNo}/status`)).body.status).toBe('pending');
    await sandboxFault(base, { outTradeNo: order.orderNo, notify: 'drop' });
    await payAtSandbox(base, order.codeUrl);
    // WeChat now says SUCCESS, but the last query was under 10 s ago: no new query, still pending.
    expect((await shopper.get(`/api/orders/${order.orderNo}/status`)).body.status).toBe('pending');
    expect(await payLogsFor(operator, order.orderNo)).toEqual([]);
  });

  it('asks WeChat for an order whose pay page listens on its event stream instead of polling', async () => {
    const shopper = await newShopper(base);
    const order = await placeOrder(shopper);
    const stream = await openEventStream(`${base}/api/orders/${order.orderNo}/events`, { cookie: shopper.cookie });
    try {
      expect(JSON.parse((await stream.next(5000)).data).status).toBe('pending');
      await sandboxFault(base, { outTradeNo: order.orderNo, notify: 'drop' });
      await payAtSandbox(base, order.codeUrl);
      // No poll and no notify: only the instance's check of its streamed orders can find the payment.
      const paid = await stream.next(25_000);
      expect(JSON.parse(paid.data)).toMatchObject({ orderNo: order.orderNo, status: 'paid' });
      await stream.ended();
    } finally {
      stream.close();
    }
    expect(await payLogsFor(operator, order.orderNo)).toMatchObject([{ verdict: 'applied', source: 'query' }]);
  }, 40_000);
});
