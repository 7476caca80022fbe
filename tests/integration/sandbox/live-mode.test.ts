// In live mode the sandbox does not exist: every /sandbox route and page is a 404. Runs its own
// server (WXPAY_MODE=live) beside the suite's sandbox-mode one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startAppServer, type AppServer } from '../../support/app-server';

let live: AppServer;

beforeAll(async () => {
  live = await startAppServer({
    port: await freePort(),
    name: 'sandbox-live',
    env: { WXPAY_MODE: 'live', WXPAY_NOTIFY_URL: 'https://shop.example/api/wxpay/notify' },
  });
});
afterAll(() => live?.stop());

describe('the sandbox in live mode', () => {
  it('serves the app itself', async () => {
    expect((await fetch(`${live.baseUrl}/api/health`)).status).toBe(200);
  });

  it.each([
    ['POST', '/sandbox/pay/unifiedorder'],
    ['POST', '/sandbox/pay/orderquery'],
    ['POST', '/sandbox/pay/closeorder'],
    ['GET', '/sandbox/pay/orderquery'],
    ['GET', '/sandbox/scan?pr=abcdefghi'],
    ['POST', '/sandbox/scan/abcdefghi/pay'],
    ['GET', '/sandbox/faults'],
    ['POST', '/sandbox/faults'],
    ['DELETE', '/sandbox/faults'],
  ])('answers %s %s with 404', async (method, path) => {
    const response = await fetch(`${live.baseUrl}${path}`, { method, body: method === 'POST' ? '<xml></xml>' : undefined });
    expect(response.status).toBe(404);
  });
});
