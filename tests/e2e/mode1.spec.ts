// Native mode 1 as people meet it: the operator opens a product's QR poster and reads the URL under the
// QR; the sandbox phone "scans" it (pastes it), WeChat's callback creates the guest's order, and the
// customer pays; the console then shows the paid order as a WeChat guest's, collected in store.
import { expect, test } from '@playwright/test';
import { TEST_ENV } from '../support/test-env';
import { catalog, expectPath, formatFen } from './helpers';

test('a customer without an account buys from a printed product QR', async ({ page, context, request }) => {
  const product = (await catalog(request)).find((p) => p.stock >= 5)!;

  await page.goto('/admin');
  await page.getByLabel('Username').fill(TEST_ENV.ADMIN_USERNAME);
  await page.getByLabel('Password').fill(TEST_ENV.ADMIN_PASSWORD);
  await page.getByTestId('auth-submit').click();
  await expectPath(page, '/admin');

  await page.goto(`/admin/products/${product.id}`);
  await page.getByRole('link', { name: 'Print a product QR poster' }).click();
  await expectPath(page, `/admin/products/${product.id}/qr`);
  const poster = page.getByTestId('product-poster');
  await expect(poster).toContainText('微信扫一扫 购买');
  await expect(poster).toContainText(formatFen(product.priceFen));
  await expect(poster.getByRole('img', { name: /WeChat Pay QR/ })).toBeVisible();
  const url = (await page.getByTestId('poster-url').textContent())!.trim();
  expect(url).toMatch(new RegExp(`^weixin://wxpay/bizpayurl\\?sign=[0-9A-F]{32}&appid=.+&product_id=${product.id}&`));
  await page.getByRole('link', { name: /Shelf label/ }).click();
  await expect(page.locator('.poster--label')).toBeVisible();

  const phone = await context.newPage();
  await phone.goto('/sandbox/scan');
  await phone.getByTestId('product-scan-url').fill(url);
  await phone.getByTestId('product-scan-submit').click();
  await expect(phone.getByTestId('sandbox-pay')).toBeVisible();
  await expect(phone.getByText(formatFen(product.priceFen))).toBeVisible();
  await phone.getByTestId('sandbox-pay').click();
  await expect(phone.getByTestId('sandbox-paid')).toBeVisible();

  await page.goto('/admin/orders?status=paid');
  const row = page
    .getByTestId('order-row')
    .filter({ has: page.getByTestId('wechat-guest') })
    .first();
  await expect(row).toContainText(product.name);
  await row.getByRole('link').first().click();
  await expect(page.getByTestId('collected-in-store')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('paid');
  await page.getByRole('button', { name: 'Mark handed over' }).click();
  await expect(page.getByTestId('shipping')).toContainText('handed over');
});
