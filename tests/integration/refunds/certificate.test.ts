// Refunds and the merchant certificate (product.md "Refunds", Configuration): a live shop without
// one starts, sells and answers refunds 503 naming the variables; a shop presenting a certificate
// WeChat's front end does not accept reports the front end's HTTP 400 page as a clear 502.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, ApiClient, catalog, newShopper, payAtSandbox, waitFor } from '../../support/api';
import { freePort, startAppServer, type AppServer } from '../../support/app-server';
import { TEST_ENV } from '../../support/test-env';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'refund-cert-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a live shop without a merchant certificate', () => {
  let live: AppServer;
  // Servers start in hooks (hookTimeout), not in the tests: a loaded machine starts them slowly.
  beforeAll(async () => {
    live = await startAppServer({
      port: await freePort(),
      name: 'refund-live',
      env: { WXPAY_MODE: 'live', WXPAY_NOTIFY_URL: 'https://shop.example/api/wxpay/notify', ADMIN_PASSWORD: 'Live-test-passw0rd' },
    });
  });
  afterAll(() => live?.stop());

  it('starts, and answers a refund 503 naming WXPAY_CERT_PEM and WXPAY_KEY_PEM', async () => {
    expect((await fetch(`${live.baseUrl}/api/health`)).status).toBe(200);
    const operator = new ApiClient(live.baseUrl);
    const signIn = await operator.post('/api/session', { username: TEST_ENV.ADMIN_USERNAME, password: 'Live-test-passw0rd' });
    expect(signIn.status, signIn.text).toBe(200);
    const res = await operator.post('/api/admin/orders/NOSUCHORDER/refunds', { refundFen: 100, reason: '', idempotencyKey: 'live-no-certificate' });
    expect(res.status, res.text).toBe(503);
    expect(res.body.error).toMatch(/WXPAY_CERT_PEM and WXPAY_KEY_PEM/);
    expect(res.body.error).toMatch(/WXPAY_CERT_P12/);
  });
});

describe('a shop whose certificate WeChat does not accept', () => {
  let shop: AppServer;
  beforeAll(async () => {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '1', '-subj', `/CN=${TEST_ENV.WXPAY_MCH_ID}`],
      { cwd: dir, stdio: 'pipe' },
    );
    shop = await startAppServer({
      port: await freePort(),
      name: 'refund-stranger',
      env: { WXPAY_CERT_PEM: path.join(dir, 'cert.pem'), WXPAY_KEY_PEM: path.join(dir, 'key.pem') },
    });
  });
  afterAll(() => shop?.stop());

  it('reports the front end’s HTTP 400 page as a 502 and keeps the refund failed, to retry once fixed', async () => {
    const shopper = await newShopper(shop.baseUrl);
    const product = (await catalog(shop.baseUrl)).find((p) => p.stock > 0)!;
    const order = await shopper.post('/api/orders', { items: [{ productId: product.id, quantity: 1 }] });
    expect(order.status, order.text).toBe(201);
    await payAtSandbox(shop.baseUrl, order.body.codeUrl);
    await waitFor(async () => (await shopper.get(`/api/orders/${order.body.orderNo}/status`)).body.status === 'paid');

    const operator = await admin(shop.baseUrl);
    const res = await operator.post(`/api/admin/orders/${order.body.orderNo}/refunds`, { refundFen: 1, reason: '', idempotencyKey: 'stranger-certificate' });
    expect(res.status, res.text).toBe(502);
    expect(res.body).toMatchObject({ status: 'failed', errCode: 'CERTIFICATE_REJECTED' });
    expect(res.body.error).toMatch(/The SSL certificate error/);
    const list = await operator.get(`/api/admin/refunds?orderNo=${order.body.orderNo}`);
    expect(list.body.items.map((r: { status: string }) => r.status)).toEqual(['failed']);
  });
});
