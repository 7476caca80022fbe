// The operator's round: sign in, find today's successful payments, download them as CSV, read an
// order's payment timeline and ship it, resolve an anomaly, and look at the revenue chart. The
// data comes from a shopper who paid in the sandbox and a notify with the wrong amount; each step
// is then checked where the state lives (the admin and shopper APIs).
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { TEST_ENV } from '../support/test-env';
import { notifyXml } from '../integration/payments/notify-message';
import { expectPath } from './helpers';

const SHIPPING = { name: '韩梅梅 Han Meimei', phone: '13900139000', address: '上海市黄浦区淮海路 2 号 (2 Huaihai Road, Shanghai)' };

const uniqueUsername = () => `e2eadm_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
}

/** Today in REPORT_TZ (the test server keeps the default, Asia/Shanghai). */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

async function placeOrder(shopper: APIRequestContext, productId: number) {
  const res = await shopper.post('/api/orders', { data: { items: [{ productId, quantity: 1 }], shipping: SHIPPING } });
  expect(res.status()).toBe(201);
  return (await res.json()) as { orderNo: string; totalFee: number; codeUrl: string };
}

test('an operator answers "what was paid, by whom, and did any notify look wrong?" from the console', async ({ page, baseURL }, testInfo) => {
  // A shopper pays one order in the sandbox; a second order gets a notify with the wrong amount.
  const shopper = await playwrightRequest.newContext({ baseURL });
  const username = uniqueUsername();
  expect((await shopper.post('/api/users', { data: { username, password: 'correct horse battery staple' } })).status()).toBe(201);
  const products = (await (await shopper.get('/api/products')).json()) as { id: number; stock: number }[];
  const product = products.find((p) => p.stock >= 5)!;
  const paid = await placeOrder(shopper, product.id);
  const token = new URL(paid.codeUrl).searchParams.get('pr');
  expect((await shopper.post(`/sandbox/scan/${token}/pay`, { data: {} })).status()).toBe(200);
  await expect.poll(async () => (await (await shopper.get(`/api/orders/${paid.orderNo}/status`)).json()).status).toBe('paid');
  const odd = await placeOrder(shopper, product.id);
  const wrongAmount = notifyXml(odd, { overrides: { total_fee: '1', cash_fee: '1' } });
  expect((await shopper.post('/api/wxpay/notify', { data: wrongAmount, headers: { 'content-type': 'text/xml' } })).status()).toBe(200);

  // Signing in: the console sends a stranger to the sign-in page and back.
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin|\/sign-in\?next=\/admin/);
  await page.getByLabel('Username').fill(TEST_ENV.ADMIN_USERNAME);
  await page.getByLabel('Password').fill(TEST_ENV.ADMIN_PASSWORD);
  await page.getByTestId('auth-submit').click();
  await expectPath(page, '/admin');
  await expect(page.getByTestId('paid-today')).toBeVisible();

  // Pay logs: successful payments of today, this shopper's among them.
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Pay logs' }).click();
  const filters = page.getByTestId('pay-log-filters');
  await filters.getByLabel('Trade state').selectOption('SUCCESS');
  await filters.getByLabel('From').fill(today());
  await filters.getByLabel('to', { exact: true }).fill(today());
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(new RegExp(`state=SUCCESS`));
  await expect(page).toHaveURL(new RegExp(`from=${today()}`));
  const rows = page.getByTestId('pay-log-row');
  await expect(rows.filter({ hasText: paid.orderNo }).first()).toBeVisible();
  for (const state of await page.getByTestId('pay-log-table').locator('tbody tr td:nth-child(6)').allTextContents()) expect(state).toBe('SUCCESS');
  await screenshot(page, testInfo, 'pay-logs');

  // The CSV holds the same filter's rows: every one SUCCESS and of today, ours included.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-download').click()]);
  expect(download.suggestedFilename()).toMatch(/^pay-logs-\d+\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(csv[0]).toBe('id,created_at,order_no,username,transaction_id,total_fee_fen,trade_state,source,verdict,detail');
  const records = csv.slice(1).map((line) => line.split(','));
  expect(records.some((r) => r[2] === paid.orderNo && r[3] === username && r[8] === 'applied')).toBe(true);
  expect(records.every((r) => r[6] === 'SUCCESS')).toBe(true);
  const api = await (await page.request.get(`/api/admin/pay-logs?state=SUCCESS&from=${today()}&to=${today()}&limit=500`)).json();
  if (!api.nextCursor) expect(records.map((r) => Number(r[0]))).toEqual(api.items.map((i: { id: number }) => i.id));

  // The order's timeline: the applied notify with its raw message; then it ships.
  await rows.filter({ hasText: paid.orderNo }).first().getByRole('link', { name: paid.orderNo }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/orders/${paid.orderNo}$`));
  const entry = page.getByTestId('timeline-entry').filter({ hasText: 'applied' });
  await expect(entry).toContainText('notify');
  await entry.getByText('Raw message').click();
  await expect(entry.locator('pre')).toContainText(`"out_trade_no": "${paid.orderNo}"`);
  await expect(page.getByTestId('shipping')).toContainText(SHIPPING.address);
  await page.getByRole('button', { name: 'Mark shipped' }).click();
  await expect(page.getByRole('button', { name: 'Mark delivered' })).toBeVisible();
  await screenshot(page, testInfo, 'order-timeline');
  const mine = await (await shopper.get('/api/orders')).json();
  expect(mine.items.find((o: { orderNo: string }) => o.orderNo === paid.orderNo).fulfilment).toBe('shipped');

  // Anomalies: the wrong amount is open until resolved with a note.
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Anomalies' }).click();
  const anomaly = page.locator(`[data-testid="anomaly"][data-order-no="${odd.orderNo}"]`);
  await expect(anomaly).toContainText('Amount mismatch');
  await anomaly.getByPlaceholder(/What was done/).fill('Refunded ¥0.01; the shopper paid again');
  await anomaly.getByRole('button', { name: 'Mark resolved' }).click();
  await expect(anomaly).toHaveCount(0);
  await page.getByRole('link', { name: 'Resolved' }).click();
  await expect(page.locator(`[data-testid="anomaly"][data-order-no="${odd.orderNo}"]`)).toContainText('Resolved by admin');
  const resolved = await (await page.request.get('/api/admin/anomalies?status=resolved&limit=500')).json();
  expect(resolved.items.find((a: { orderNo: string }) => a.orderNo === odd.orderNo).resolution).toMatchObject({
    resolvedBy: 'admin',
    note: 'Refunded ¥0.01; the shopper paid again',
  });

  // Revenue: today's bar and row include the paid order.
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Revenue' }).click();
  const chart = page.getByTestId('revenue-chart');
  await expect(chart).toBeVisible();
  await expect(chart.locator(`rect[data-period="${today()}"]`)).toHaveCount(1);
  expect(Number(await chart.locator(`rect[data-period="${today()}"]`).getAttribute('height'))).toBeGreaterThan(0);
  const report = await (await page.request.get(`/api/admin/reports/revenue?groupBy=day&from=${today()}&to=${today()}`)).json();
  expect(report.rows[0].revenueFen).toBeGreaterThanOrEqual(paid.totalFee);
  await expect(page.getByTestId('revenue-table').locator('tr', { hasText: today() })).toContainText(String(report.rows[0].orders));
  await screenshot(page, testInfo, 'revenue');

  await shopper.dispose();
});

test('a shopper gets the 403 page, not the console', async ({ page }) => {
  await page.goto('/sign-up');
  await page.getByLabel('Username').fill(uniqueUsername());
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByTestId('auth-submit').click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto('/admin/pay-logs');
  await expect(page.getByTestId('admin-forbidden')).toContainText('Operators only');
  await expect(page.getByTestId('pay-log-table')).toHaveCount(0);
  expect((await page.request.get('/api/admin/pay-logs')).status()).toBe(403);
});
