// Each order records the WeChat Pay it was created in (orders.payment_env), and the console shows
// it next to the order and a permanent SANDBOX banner in sandbox mode. The sandbox side runs on the
// suite's server; the live side on a server of its own in live mode whose WXPAY_BASE_URL is the
// suite's sandbox (same merchant credentials), so a live checkout completes without WeChat.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { admin, ApiClient, newShopper } from '../../support/api';
import { freePort, startAppServer, type AppServer } from '../../support/app-server';
import { placeOrder } from './helpers';

const base = inject('baseUrl');
const LIVE_ADMIN_PASSWORD = 'Live-test-passw0rd';

let live: AppServer;

beforeAll(async () => {
  live = await startAppServer({
    port: await freePort(),
    name: 'payment-env-live',
    env: {
      WXPAY_MODE: 'live',
      WXPAY_BASE_URL: `${base}/sandbox`,
      WXPAY_NOTIFY_URL: 'https://shop.example/api/wxpay/notify',
      ADMIN_PASSWORD: LIVE_ADMIN_PASSWORD,
    },
  });
}, 120_000);
afterAll(() => live?.stop());

/** The order as the console's JSON and pages show it. */
async function asOperatorSees(operator: ApiClient, orderNo: string) {
  const listed = await operator.get(`/api/admin/orders?limit=500`);
  expect(listed.status, listed.text).toBe(200);
  const detail = await operator.get(`/api/admin/orders/${orderNo}`);
  expect(detail.status, detail.text).toBe(200);
  const page = await operator.get(`/admin/orders/${orderNo}`);
  expect(page.status).toBe(200);
  const listPage = await operator.get('/admin/orders');
  expect(listPage.status).toBe(200);
  return {
    listed: listed.body.items.find((o: { orderNo: string }) => o.orderNo === orderNo)?.paymentEnv,
    detail: detail.body.paymentEnv,
    badge: /data-testid="payment-env"><span class="adm-badge[^"]*" data-value="(\w+)"/.exec(page.text)?.[1],
    // In the console's default language, Chinese: 沙箱 (sandbox).
    banner: [page.text, listPage.text].map((html) => /data-testid="sandbox-banner"><strong>沙箱</.test(html)),
  };
}

describe('orders.payment_env', () => {
  it('is sandbox for an order placed in sandbox mode, and the console says so with a banner', async () => {
    const order = await placeOrder(await newShopper(base));
    expect(await asOperatorSees(await admin(base), order.orderNo)).toEqual({ listed: 'sandbox', detail: 'sandbox', badge: 'sandbox', banner: [true, true] });
  });

  it('is live for an order placed in live mode, and the console has no banner', async () => {
    const order = await placeOrder(await newShopper(live.baseUrl));
    const operator = new ApiClient(live.baseUrl);
    const signIn = await operator.post('/api/session', { username: 'admin', password: LIVE_ADMIN_PASSWORD });
    expect(signIn.status, signIn.text).toBe(200);
    expect(await asOperatorSees(operator, order.orderNo)).toEqual({ listed: 'live', detail: 'live', badge: 'live', banner: [false, false] });
  });
});
