// A new shopper buys two products and pays in the WeChat sandbox; the open pay page turns to
// "paid" by itself. Then the state is checked where it lives: My orders, the status API, stock.
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { TEST_ENV } from '../support/test-env';
import { addToCart, attachScreenshot, catalog, checkOut, expectCartCount, formatFen, signUp } from './helpers';

test('a new shopper checks out, pays in the sandbox, and the pay page turns to paid without a reload', async ({ page, context }, testInfo) => {
  const before = await catalog(page.request);
  const inStock = before.filter((p) => p.stock >= 5);
  expect(inStock.length).toBeGreaterThanOrEqual(2);
  const [first, second] = [inStock[0], inStock.find((p) => p.priceFen !== inStock[0].priceFen) ?? inStock[1]];
  const bought = [
    { product: first, quantity: 2 },
    { product: second, quantity: 1 },
  ];
  const expectedTotal = bought.reduce((sum, b) => sum + b.product.priceFen * b.quantity, 0);

  await signUp(page);
  await addToCart(page, first.slug, 2);
  await expectCartCount(page, 2);
  await addToCart(page, second.slug, 1);
  await expectCartCount(page, 3);

  const orderNo = await checkOut(page);

  // The pay page: QR, the amount the products' prices add up to, and the cart emptied.
  await expect(page.getByTestId('pay-qr')).toBeVisible();
  await expect(page.getByTestId('pay-amount')).toHaveText(formatFen(expectedTotal));
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'pending');
  for (const { product, quantity } of bought) {
    await expect(page.getByTestId('pay-items')).toContainText(`${product.name} × ${quantity}`);
  }
  await expectCartCount(page, 0);
  await attachScreenshot(page, testInfo, 'pay-page');

  // Survives only if the page is never reloaded.
  await page.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true));

  const [scan] = await Promise.all([context.waitForEvent('page'), page.getByTestId('sandbox-link').click()]);
  await scan.waitForLoadState();
  expect(new URL(scan.url()).pathname).toBe('/sandbox/scan');
  await scan.getByTestId('sandbox-pay').click();
  await expect(scan.getByTestId('sandbox-paid')).toBeVisible();
  await scan.close();

  await page.bringToFront();
  await expect(page.getByTestId('paid-view')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'paid');
  expect(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
  await attachScreenshot(page, testInfo, 'paid-view');

  // My orders lists it as paid.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My orders' }).click();
  const row = page.getByTestId(`order-row-${orderNo}`);
  await expect(row).toHaveAttribute('data-status', 'paid');
  await expect(row).toContainText('Paid');
  await expect(row).toContainText(formatFen(expectedTotal));

  // The API agrees (page.request carries the session cookie).
  const statusRes = await page.request.get(`/api/orders/${orderNo}/status`);
  expect(statusRes.status()).toBe(200);
  const status = await statusRes.json();
  expect(status).toMatchObject({ orderNo, status: 'paid', totalFee: expectedTotal });
  expect(status.paidAt).toBeTruthy();

  // Stock went down by exactly what was bought.
  const after = await catalog(page.request);
  for (const { product, quantity } of bought) {
    expect(after.find((p) => p.id === product.id)?.stock, product.slug).toBe(product.stock - quantity);
  }

  // Exactly one pay log moved the order to paid (the operator's view of it).
  const operator = await playwrightRequest.newContext({ baseURL: page.url() });
  try {
    const signIn = await operator.post('/api/session', { data: { username: TEST_ENV.ADMIN_USERNAME, password: TEST_ENV.ADMIN_PASSWORD } });
    expect(signIn.status()).toBe(200);
    const logs = await (await operator.get(`/api/admin/pay-logs?orderNo=${orderNo}`)).json();
    expect(logs.items.filter((l: { verdict: string }) => l.verdict === 'applied')).toHaveLength(1);
  } finally {
    await operator.dispose();
  }
});
