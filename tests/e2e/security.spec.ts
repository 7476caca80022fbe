// Browser-side security, in Chromium against the built app:
// - every page (shop, pay page with its server-rendered QR, the sandbox's phone page, the console)
//   works under the nonce-based Content-Security-Policy with no violation reported;
// - a page on another site auto-submitting a text/plain form to /api/session (login CSRF) no
//   longer swaps the victim's session for the attacker's;
// - sign-in's `next` never leaves the site, however it is spelled.
import { createServer, type Server } from 'node:http';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { TEST_ENV } from '../support/test-env';
import { addToCart, catalog, checkOut, expectPath, signUp, uniqueUsername } from './helpers';
import { E2E_PORT } from './ports';

/**
 * Records a page's CSP violations (the `securitypolicyviolation` event, from before its first script
 * runs, and Chromium's own console report), its uncaught errors, and failed responses other than
 * the favicon (the site has none; browsers ask anyway).
 */
async function watch(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && /CSP violation|Content Security Policy/i.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && new URL(response.url()).pathname !== '/favicon.ico') problems.push(`${response.status()} ${response.url()}`);
  });
  return problems;
}

test('shop, pay page, sandbox phone page and console run under the CSP without a violation', async ({ page, context }) => {
  const problems = await watch(page);

  // Signing up needs hydration (the button waits for it): scripts ran with their nonces.
  await signUp(page);
  const product = (await catalog(page.request)).find((p) => p.stock >= 5)!;
  await addToCart(page, product.slug, 1);
  await checkOut(page);

  // The pay page's QR is an inline SVG rendered on the server, with inline size styles.
  const qr = page.getByTestId('pay-qr');
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((el) => el.tagName.toLowerCase())).toBe('svg');
  expect((await qr.boundingBox())?.width).toBeGreaterThan(100);
  expect(await qr.locator('path').count()).toBeGreaterThan(0);

  const [scan] = await Promise.all([context.waitForEvent('page'), page.getByTestId('sandbox-link').click()]);
  const scanProblems = await watch(scan);
  await scan.reload();
  await scan.getByTestId('sandbox-pay').click();
  await expect(scan.getByTestId('sandbox-paid')).toBeVisible();
  // The phone page's layout is inline styles: they applied.
  expect(await scan.getByTestId('sandbox-paid').evaluate((el) => getComputedStyle(el).textAlign)).toBe('center');
  await scan.close();
  await expect(page.getByTestId('paid-view')).toBeVisible({ timeout: 15_000 });

  // The console: sign in as the operator and open its pages.
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'DELETE'),
    page.getByRole('button', { name: 'Sign out' }).click(),
  ]);
  await page.goto('/sign-in?next=/admin');
  await page.getByLabel('Username').fill(TEST_ENV.ADMIN_USERNAME);
  await page.getByLabel('Password').fill(TEST_ENV.ADMIN_PASSWORD);
  await page.getByTestId('auth-submit').click();
  await expectPath(page, '/admin');
  for (const path of ['/admin/orders', '/admin/pay-logs', '/admin/anomalies', '/admin/revenue', '/admin/products', `/admin/products/${product.id}`]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    expect(res?.headers()['content-security-policy'], path).toContain("'strict-dynamic'");
  }
  await expect(page.getByRole('navigation', { name: 'Console' })).toBeVisible();
  await page.goto('/admin/revenue');
  await expect(page.getByTestId('revenue-chart')).toBeVisible();

  expect([...problems, ...scanProblems]).toEqual([]);
});

test('a cross-site text/plain form cannot sign the victim in as the attacker', async ({ page, baseURL }) => {
  // The attacker's account, and a page on another site (localhost is another site than 127.0.0.1)
  // that posts a JSON-looking text/plain body to the shop's sign-in as soon as it loads.
  const attacker = uniqueUsername();
  const attackerApi = await playwrightRequest.newContext({ baseURL });
  expect((await attackerApi.post('/api/users', { data: { username: attacker, password: 'mallory-secret=' } })).status()).toBe(201);
  await attackerApi.dispose();
  const fieldName = `{"username":"${attacker}","password":"mallory-secret`;
  const evil: Server = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(`<form method="post" action="http://127.0.0.1:${E2E_PORT}/api/session" enctype="text/plain">
      <input name='${fieldName}' value='"}'></form><script>document.forms[0].submit()</script>`);
  });
  await new Promise<void>((resolve) => evil.listen(E2E_PORT + 10, '127.0.0.1', resolve));
  try {
    const victim = await signUp(page);
    const who = async () => (await (await page.request.get('/api/orders')).status()) === 200;
    expect(await who()).toBe(true);
    const cookieBefore = (await page.context().cookies()).find((c) => c.name === 'session')?.value;

    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/session') && r.request().method() === 'POST'),
      page.goto(`http://localhost:${E2E_PORT + 10}/`),
    ]);
    expect(response.status()).toBe(403);
    const cookieAfter = (await page.context().cookies()).find((c) => c.name === 'session')?.value;
    expect(cookieAfter).toBe(cookieBefore);

    // Still the victim in the shop.
    await page.goto(`${baseURL}/`);
    await expect(page.getByText(victim)).toBeVisible();
  } finally {
    await new Promise((resolve) => evil.close(resolve));
  }
});

test('sign-in returns to a path on this site only, whatever `next` says', async ({ page, baseURL }) => {
  const username = uniqueUsername();
  const api = await playwrightRequest.newContext({ baseURL });
  expect((await api.post('/api/users', { data: { username, password: 'correct horse battery staple' } })).status()).toBe(201);
  await api.dispose();
  for (const next of ['/.//evil.example', '/%2e%2e//evil.example', '/\\evil.example']) {
    await page.context().clearCookies();
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByTestId('auth-submit').click();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    expect(new URL(page.url()).origin, next).toBe(baseURL);
  }
});
