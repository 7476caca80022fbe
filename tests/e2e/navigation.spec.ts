// Guards around the flow: signed-out shoppers are sent to sign in and brought back; unknown
// products and orders are real 404s with the shop around them.
import { expect, test } from '@playwright/test';
import { addToCart, expectCartCount, expectPath, uniqueUsername } from './helpers';

test('a signed-out shopper is sent to sign in at checkout, keeps the cart, and comes back', async ({ page }) => {
  await addToCart(page, 'washi-tape', 2);
  await expectCartCount(page, 2);
  await page.getByTestId('cart-link').click();
  await page.getByTestId('checkout').click();
  await expect(page).toHaveURL(/\/sign-in\?next=(%2F|\/)checkout$/);

  // No account yet: the sign-in page links to sign-up, keeping where to go next.
  await page.getByRole('link', { name: 'Create an account' }).click();
  await expect(page).toHaveURL(/\/sign-up\?next=(%2F|\/)checkout$/);
  await page.getByLabel('Username').fill('x');
  await page.getByLabel('Password').fill('short');
  await page.getByTestId('auth-submit').click();
  await expect(page.locator('#username-error')).toBeVisible();
  await expect(page.locator('#password-error')).toBeVisible();

  await page.getByLabel('Username').fill(uniqueUsername());
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByTestId('auth-submit').click();
  await expectPath(page, '/checkout');
  await expect(page.getByTestId('place-order')).toBeEnabled();
  await expectCartCount(page, 2);
});

test('unknown products and orders answer 404', async ({ page }) => {
  const product = await page.goto('/products/no-such-product');
  expect(product?.status()).toBe(404);
  await expect(page.getByTestId('not-found')).toBeVisible();
  await expect(page.getByTestId('cart-link')).toHaveCount(1); // the shop's header, once

  const unknownUrl = await page.goto('/no/such/page');
  expect(unknownUrl?.status()).toBe(404);
  await expect(page.getByTestId('not-found')).toBeVisible();
  await expect(page.getByTestId('cart-link')).toHaveCount(1);

  // Signed out, an order page sends you to sign in (and back); signed in, an unknown one is a 404.
  const signedOut = await page.goto('/orders/20260101AAAAAAAAAAAAAA');
  expect(signedOut?.request().redirectedFrom()?.url()).toMatch(/\/orders\/20260101AAAAAAAAAAAAAA$/);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Forders%2F20260101AAAAAAAAAAAAAA$/);

  expect((await page.request.post('/api/users', { data: { username: uniqueUsername(), password: 'correct horse battery staple' } })).status()).toBe(201);
  const order = await page.goto('/orders/20260101AAAAAAAAAAAAAA');
  expect(order?.status()).toBe(404);
  await expect(page.getByTestId('not-found')).toBeVisible();
  await expect(page.getByTestId('cart-link')).toHaveCount(1);
});
