// The sweep treats an unpaid Native mode 1 order like any other: on a server of its own whose orders
// expire after 2 s (WeChat's 5-minute minimum age for closeorder is 3 s at the test time scale), it
// closes the guest's order at WeChat and locally and returns its unit exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, type ApiClient, payLogsFor, stockOf } from '../../support/api';
import { startAppServer, type AppServer } from '../../support/app-server';
import { expectMoneyInvariants } from '../../support/invariants';
import { TEST_ENV } from '../../support/test-env';
import { newOpenid, newProduct, productUrl, scan } from '../mode1/helpers';

const CLOSABLE_AFTER_MS = 3100;

let server: AppServer;
let base: string;
let operator: ApiClient;

beforeAll(async () => {
  const port = Number(process.env.TEST_PORT ?? 3101) + 15;
  server = await startAppServer({ port, name: 'sweep-mode1', env: { ORDER_TTL_SECONDS: '2', WXPAY_SANDBOX_TLS_PORT: String(port + 1) } });
  base = server.baseUrl;
  operator = await admin(base);
});

afterAll(async () => {
  await server?.stop();
});

const sweep = async () =>
  (await fetch(`${base}/api/cron/sweep`, { headers: { authorization: `Bearer ${TEST_ENV.CRON_SECRET}` } })).json() as Promise<Record<string, number>>;

describe('sweep of a mode 1 order', () => {
  it('closes an unpaid guest order and returns its stock once', async () => {
    const p = await newProduct(operator, 3);
    const scanned = await scan(base, productUrl(p.id), newOpenid());
    expect(scanned.status, scanned.body.detail).toBe(200);
    const orderNo = scanned.body.outTradeNo!;
    expect(await stockOf(base, p.id)).toBe(2);

    await new Promise((r) => setTimeout(r, CLOSABLE_AFTER_MS));
    expect(await sweep()).toMatchObject({ closed: 1, failed: 0 });
    expect(await sweep()).toMatchObject({ closed: 0 });
    expect(await stockOf(base, p.id)).toBe(3);
    expect((await operator.get(`/api/admin/orders/${orderNo}`)).body.status).toBe('closed');
    expect((await payLogsFor(operator, orderNo)).map((l) => `${l.source}/${l.verdict}`).sort()).toEqual(['close/closed', 'native_callback/accepted']);
    // The closed order is gone from the sandbox's point of view too: the phone cannot pay it.
    const pay = await fetch(`${base}/sandbox/scan/${scanned.body.token}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(pay.status).toBe(409);
    await operator.request('POST', `/api/admin/products/${p.id}/archive`);
    await expectMoneyInvariants(operator);
  });
});
