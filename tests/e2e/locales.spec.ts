// The shop speaks Chinese first: a visitor whose browser asks for zh-CN sees Chinese from the
// catalogue to the WeChat sandbox's phone page and the paid view, checks out and pays in Chinese,
// then switches to English, which survives a reload. The console speaks Chinese too.
import { expect, test, type Page } from '@playwright/test';
import { TEST_ENV } from '../support/test-env';
import { attachScreenshot, catalog, expectPath, SHIPPING, uniqueUsername } from './helpers';

test.use({ locale: 'zh-CN' });

async function expectLang(page: Page, lang: string): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

test('a Chinese-speaking shopper checks out and pays in Chinese, then switches to English', async ({ page, context }, testInfo) => {
  const product = (await catalog(page.request)).find((p) => p.stock >= 2)!;

  await page.goto('/');
  await expectLang(page, 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('茶、杯子和书桌上的小物件');
  await expect(page.getByTestId(`product-card-${product.slug}`)).toContainText(product.name);
  await expect(page.getByTestId('sandbox-banner')).toContainText('沙箱');

  await page.goto('/sign-up');
  await page.getByLabel('用户名').fill(uniqueUsername());
  await page.getByLabel('密码').fill('correct horse battery staple');
  await page.getByTestId('auth-submit').click();
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
  await expectPath(page, '/');

  await page.goto(`/products/${product.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(product.name);
  await page.getByRole('button', { name: '增加数量' }).click();
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByRole('status').filter({ hasText: '已将 2 件加入购物车' })).toBeVisible();

  await page.getByTestId('cart-link').click();
  await expect(page.getByRole('heading', { name: '购物车' })).toBeVisible();
  await page.getByTestId('checkout').click();
  await expectPath(page, '/checkout');
  await page.getByLabel('收货人姓名').fill(SHIPPING.name);
  await page.getByLabel('手机号码').fill(SHIPPING.phone);
  await page.getByLabel('收货地址').fill(SHIPPING.address);
  await expect(page.getByTestId('place-order')).toContainText('提交订单');
  await page.getByTestId('place-order').click();
  await page.waitForURL(/\/orders\/[0-9A-Za-z_-]+$/);

  // The pay page, in Chinese, with the order's (Chinese) product name.
  await expect(page.getByTestId('pay-qr')).toBeVisible();
  await expect(page.getByText('请用微信扫码付款')).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('等待付款');
  await expect(page.getByTestId('pay-items')).toContainText(`${product.name} × 2`);
  await attachScreenshot(page, testInfo, 'pay-page-zh');

  // The sandbox's phone page speaks Chinese as WeChat does.
  const [scan] = await Promise.all([context.waitForEvent('page'), page.getByTestId('sandbox-link').click()]);
  await scan.waitForLoadState();
  await expectLang(scan, 'zh-CN');
  await expect(scan.getByTestId('sandbox-pay')).toHaveText('确认支付');
  await expect(scan.getByRole('button', { name: '取消' })).toBeVisible();
  await expect(scan.getByText(product.name)).toBeVisible();
  await attachScreenshot(scan, testInfo, 'sandbox-phone-zh');
  await scan.getByTestId('sandbox-pay').click();
  await expect(scan.getByTestId('sandbox-paid')).toContainText('支付成功');
  await scan.close();

  await page.bringToFront();
  await expect(page.getByTestId('paid-view')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('paid-view').getByRole('heading')).toHaveText('支付成功');
  await expect(page.getByTestId('order-status')).toHaveText('已付款');

  // One click to English, on the same URL; remembered across a reload.
  const url = page.url();
  await page.getByTestId('locale-switch').click();
  await expect(page.getByTestId('paid-view').getByRole('heading')).toHaveText('Payment received');
  await expectLang(page, 'en');
  expect(page.url()).toBe(url);
  await page.reload();
  await expect(page.getByTestId('paid-view').getByRole('heading')).toHaveText('Payment received');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My orders' })).toBeVisible();
  const cookie = (await context.cookies()).find((c) => c.name === 'NEXT_LOCALE');
  expect(cookie).toMatchObject({ value: 'en', sameSite: 'Lax', path: '/' });
  expect(cookie!.expires * 1000 - Date.now()).toBeGreaterThan(360 * 24 * 3600 * 1000);

  // The product API follows the cookie too; back to Chinese with the same switch.
  const english = await (await page.request.get('/api/products')).json();
  expect(english.find((p: { id: number }) => p.id === product.id).name).not.toBe(product.name);
  await page.getByTestId('locale-switch').click();
  await expect(page.getByTestId('paid-view').getByRole('heading')).toHaveText('支付成功');
});

test('the console speaks Chinese to an operator whose browser asks for it', async ({ page }, testInfo) => {
  await page.goto('/sign-in?next=/admin');
  await page.getByLabel('用户名').fill(TEST_ENV.ADMIN_USERNAME);
  await page.getByLabel('密码').fill(TEST_ENV.ADMIN_PASSWORD);
  await page.getByTestId('auth-submit').click();
  await expectPath(page, '/admin');

  await expectLang(page, 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('概览');
  await expect(page.getByTestId('sandbox-banner')).toContainText('沙箱');
  await expect(page.getByTestId('admin-operator')).toHaveText(TEST_ENV.ADMIN_USERNAME);
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: '管理后台' });
  await attachScreenshot(page, testInfo, 'console-zh');

  await nav.getByRole('link', { name: '支付日志' }).click();
  await expectPath(page, '/admin/pay-logs');
  // Date filters are ISO text whatever the browser's locale.
  const from = page.getByTestId('pay-log-filters').getByLabel('日期从');
  await expect(from).toHaveAttribute('placeholder', 'yyyy-mm-dd');
  expect(await from.evaluate((input) => (input as HTMLInputElement).type)).toBe('text');

  await nav.getByRole('link', { name: '商品' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('商品');
  await page.getByTestId('admin-shop-link').click();
  await expectPath(page, '/');
});
