// The pay page learns "paid" by push (its event stream) while the stream is up, without polling;
// with the stream blocked it still turns paid through the 3 s poll.
import { expect, test, type Page } from '@playwright/test';
import { catalog, uniqueUsername } from './helpers';

/** A shopper signed up in this page's context, with one pending order; returns it. */
async function pendingOrder(page: Page): Promise<{ orderNo: string; codeUrl: string }> {
  const signUp = await page.request.post('/api/users', { data: { username: uniqueUsername(), password: 'correct horse battery staple' } });
  expect(signUp.status()).toBe(201);
  const product = (await catalog(page.request)).find((p) => p.stock > 0)!;
  const res = await page.request.post('/api/orders', { data: { items: [{ productId: product.id, quantity: 1 }] } });
  expect(res.status()).toBe(201);
  return res.json();
}

async function payInSandbox(page: Page, codeUrl: string) {
  const token = new URL(codeUrl).searchParams.get('pr');
  const res = await page.request.post(`/sandbox/scan/${token}/pay`, { data: {} });
  expect(res.status()).toBe(200);
}

/** Counts the page's status polls from now on. */
function countPolls(page: Page, orderNo: string): () => number {
  let polls = 0;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === `/api/orders/${orderNo}/status`) polls++;
  });
  return () => polls;
}

test('with its event stream open, the pay page stops polling and turns paid as soon as the payment lands', async ({ page }) => {
  const order = await pendingOrder(page);
  const stream = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/orders/${order.orderNo}/events`);
  await page.goto(`/orders/${order.orderNo}`);
  expect((await stream).headers()['content-type']).toMatch(/^text\/event-stream/);
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'pending');

  // Longer than two poll intervals: a page still polling would have asked at least twice.
  const polls = countPolls(page, order.orderNo);
  await page.waitForTimeout(7000);
  expect(polls()).toBe(0);

  await payInSandbox(page, order.codeUrl);
  await expect(page.getByTestId('paid-view')).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'paid');
  expect(polls(), 'paid arrived by push, not by a poll').toBe(0);
});

test('with the event stream blocked, the pay page turns paid through the 3 s poll', async ({ page }) => {
  const order = await pendingOrder(page);
  let blocked = 0;
  await page.route(`**/api/orders/${order.orderNo}/events`, (route) => {
    blocked++;
    return route.abort();
  });
  const polls = countPolls(page, order.orderNo);
  await page.goto(`/orders/${order.orderNo}`);
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'pending');
  await expect.poll(() => blocked).toBeGreaterThan(0);

  const before = polls();
  await payInSandbox(page, order.codeUrl);
  await expect(page.getByTestId('paid-view')).toBeVisible();
  expect(polls(), 'paid arrived by a poll').toBeGreaterThan(before);
});
