// What a shopper does, step by step, shared by the e2e specs. Every step waits for the state it
// caused (URL, a test id, a count), never for a fixed time.
import { randomBytes } from 'node:crypto';
import { expect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
export { formatFen } from '../../lib/money';

import type { ProductSummary as ApiProduct } from '../../lib/swr/products-key';
export type { ApiProduct };

export const SHIPPING = { name: '李雷 Li Lei', phone: '13800138000', address: '浙江省杭州市西湖区龙井路 1 号 (1 Longjing Road, Hangzhou)' };

export function uniqueUsername(): string {
  return `e2e_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/**
 * Waits for the page to be AT this path. A regex on the whole URL is not enough: `/\/admin$/`
 * already matches `/sign-in?next=/admin`, before the sign-in it waits for has happened.
 */
export async function expectPath(page: Page, path: string): Promise<void> {
  await expect(page).toHaveURL((url) => url.pathname === path);
}

/**
 * The catalogue with names in `locale` (default Chinese: the names orders copy and the pay page
 * lists, whatever the shopper's language).
 */
export async function catalog(request: APIRequestContext, locale = 'zh-CN'): Promise<ApiProduct[]> {
  const res = await request.get('/api/products', { headers: { 'accept-language': locale } });
  expect(res.status()).toBe(200);
  return res.json();
}

export async function signUp(page: Page, username = uniqueUsername()): Promise<string> {
  await page.goto('/sign-up');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByTestId('auth-submit').click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expectPath(page, '/');
  return username;
}

export async function addToCart(page: Page, slug: string, quantity: number): Promise<void> {
  await page.goto(`/products/${slug}`);
  for (let i = 1; i < quantity; i++) await page.getByRole('button', { name: 'Increase quantity' }).click();
  await expect(page.getByLabel('Quantity', { exact: true })).toHaveValue(String(quantity));
  await page.getByTestId('add-to-cart').click();
  await expect(page.getByRole('status').filter({ hasText: `Added ${quantity}` })).toBeVisible();
}

/** The number the header's cart link shows. */
export async function expectCartCount(page: Page, count: number): Promise<void> {
  await expect(page.getByTestId('cart-link').locator('[data-count]')).toHaveText(String(count));
}

export async function checkOut(page: Page): Promise<string> {
  await page.getByTestId('cart-link').click();
  await expectPath(page, '/cart');
  await page.getByTestId('checkout').click();
  await expectPath(page, '/checkout');
  await page.getByLabel('Recipient name').fill(SHIPPING.name);
  await page.getByLabel('Phone').fill(SHIPPING.phone);
  await page.getByLabel('Address').fill(SHIPPING.address);
  await page.getByTestId('place-order').click();
  await page.waitForURL(/\/orders\/[0-9A-Za-z_-]+$/);
  return new URL(page.url()).pathname.split('/').pop()!;
}

export async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
