// An operator refunds part of a paid order from the console (amount, confirmation, the refund row
// reaching success); the shopper's "my orders" then says partially refunded with the amount, and
// the revenue report shows the refund in today's row while the sale stays in revenue.
import { randomBytes } from 'node:crypto';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { TEST_ENV } from '../support/test-env';
import { expectPath, formatFen } from './helpers';

const PASSWORD = 'correct horse battery staple';
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

async function signIn(page: Page, username: string, password: string, next: string) {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByTestId('auth-submit').click();
  await expectPath(page, next);
}

test('an operator refunds part of a paid order; the shopper and the revenue report see it', async ({ page, browser, baseURL }) => {
  // A shopper pays a two-unit order in the sandbox.
  const shopper = await playwrightRequest.newContext({ baseURL });
  const username = `e2eref_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  expect((await shopper.post('/api/users', { data: { username, password: PASSWORD } })).status()).toBe(201);
  const product = ((await (await shopper.get('/api/products')).json()) as { id: number; stock: number; priceFen: number }[]).find(
    (p) => p.stock >= 5 && p.priceFen > 100,
  )!;
  const placed = await shopper.post('/api/orders', { data: { items: [{ productId: product.id, quantity: 2 }] } });
  expect(placed.status()).toBe(201);
  const order = (await placed.json()) as { orderNo: string; totalFee: number; codeUrl: string };
  const token = new URL(order.codeUrl).searchParams.get('pr');
  expect((await shopper.post(`/sandbox/scan/${token}/pay`, { data: {} })).status()).toBe(200);
  await expect.poll(async () => (await (await shopper.get(`/api/orders/${order.orderNo}/status`)).json()).status).toBe('paid');

  // The operator refunds ¥1.00 of it, and puts one unit back.
  await signIn(page, TEST_ENV.ADMIN_USERNAME, TEST_ENV.ADMIN_PASSWORD, '/admin');
  const before = (await (await page.request.get(`/api/admin/reports/revenue?groupBy=day&from=${today()}&to=${today()}`)).json()).rows[0];
  await page.goto(`/admin/orders/${order.orderNo}`);
  const form = page.getByTestId('refund-form');
  await expect(form.getByLabel('Amount (¥)')).toHaveValue(formatFen(order.totalFee).replace('¥', ''));
  await form.getByLabel('Amount (¥)').fill('1.00');
  await form.getByLabel('Reason').fill('One cup arrived chipped');
  await form.getByLabel(/Back to stock/).fill('1');
  await form.getByRole('button', { name: 'Review refund' }).click();
  const confirm = page.getByTestId('refund-confirm');
  await expect(confirm.getByTestId('refund-confirm-amount')).toHaveText('¥1.00');
  await confirm.getByRole('button', { name: 'Refund ¥1.00' }).click();
  const row = page.getByTestId('refund');
  await expect(row).toHaveCount(1);
  await expect
    .poll(async () => {
      await page.reload();
      return row.getAttribute('data-status');
    })
    .toBe('success');
  await expect(page.getByTestId('refunds')).toContainText(`Refunded ¥1.00 of ${formatFen(order.totalFee)}`);

  // The shopper's orders say so.
  const shopperContext = await browser.newContext();
  const shopperPage = await shopperContext.newPage();
  await signIn(shopperPage, username, PASSWORD, '/orders');
  const mine = shopperPage.getByTestId(`order-row-${order.orderNo}`);
  await expect(mine).toContainText('Partially refunded');
  await expect(mine.getByTestId('refunded-amount')).toHaveText('¥1.00 refunded');

  // Revenue: the sale is still counted today, and today's refunds include ours.
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Revenue' }).click();
  const after = (await (await page.request.get(`/api/admin/reports/revenue?groupBy=day&from=${today()}&to=${today()}`)).json()).rows[0];
  expect(after.revenueFen).toBe(before.revenueFen);
  expect(after.refundsFen).toBe(before.refundsFen + 100);
  const todayRow = page.getByTestId('revenue-table').locator('tr', { hasText: today() });
  await expect(todayRow).toContainText(formatFen(after.refundsFen));
  await expect(todayRow).toContainText(formatFen(after.netFen));

  await shopperContext.close();
  await shopper.dispose();
});
