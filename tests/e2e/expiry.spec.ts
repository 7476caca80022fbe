// On a server whose orders live 8 seconds: an unpaid pay page turns to "expired" when the
// countdown ends, and "Order again" puts the same items back in the cart.
import { expect, test } from '@playwright/test';
import { startAppServer, type AppServer } from '../support/app-server';
import { addToCart, attachScreenshot, catalog, checkOut, expectCartCount, expectPath, signUp } from './helpers';
import { E2E_SHORT_TTL_PORT } from './ports';

const TTL_SECONDS = 8;

test.describe('short order TTL', () => {
  let server: AppServer;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startAppServer({ port: E2E_SHORT_TTL_PORT, name: 'e2e-ttl', env: { ORDER_TTL_SECONDS: String(TTL_SECONDS) } });
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test('an unpaid order expires on the pay page and "Order again" refills the cart', async ({ browser }, testInfo) => {
    const context = await browser.newContext({ baseURL: server.baseUrl });
    const page = await context.newPage();
    try {
      const product = (await catalog(page.request)).find((p) => p.stock > 0)!;
      await signUp(page);
      await addToCart(page, product.slug, 1);
      await expectCartCount(page, 1);
      const orderNo = await checkOut(page);

      await expect(page.getByTestId('pay-qr')).toBeVisible();
      await expect(page.getByTestId('countdown')).toHaveText(/^00:0\d$/);
      await expect(page.getByTestId('expired-view')).toBeVisible({ timeout: (TTL_SECONDS + 7) * 1000 });
      await expect(page.getByTestId('pay-qr')).toHaveCount(0);
      await expect(page.getByTestId('order-status')).toHaveText('Expired');
      await expectCartCount(page, 0);
      await attachScreenshot(page, testInfo, 'expired-view');

      await page.getByTestId('order-again').click();
      await expectPath(page, '/cart');
      await expect(page.getByTestId(`cart-line-${product.slug}`)).toBeVisible();
      await expectCartCount(page, 1);

      // The server never saw a payment for it.
      const status = await (await page.request.get(`/api/orders/${orderNo}/status`)).json();
      expect(status.status).not.toBe('paid');
    } finally {
      await context.close();
    }
  });
});
