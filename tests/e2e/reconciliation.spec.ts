// The operator reconciles a day from the console: the date form runs it and opens the day's page,
// "Reconcile again" runs it once more, and the list shows the day with its status.
import { expect, test } from '@playwright/test';
import { TEST_ENV } from '../support/test-env';
import { expectPath } from './helpers';

/** Today in Beijing, as a date input and as a bill day. */
const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const billDate = iso.replaceAll('-', '');

test('an operator reconciles today and sees the day beside its status', async ({ page }) => {
  await page.goto('/admin');
  await page.getByLabel('Username').fill(TEST_ENV.ADMIN_USERNAME);
  await page.getByLabel('Password').fill(TEST_ENV.ADMIN_PASSWORD);
  await page.getByTestId('auth-submit').click();
  await expectPath(page, '/admin');
  await expect(page.getByTestId('reconciliation-yesterday')).toBeVisible();

  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Reconciliation' }).click();
  await expectPath(page, '/admin/reconciliation');
  const form = page.getByTestId('reconcile-date');
  await form.getByLabel('Day').fill(iso);
  await form.getByRole('button', { name: 'Reconcile' }).click();
  await expectPath(page, `/admin/reconciliation/${billDate}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(billDate);
  await expect(page.getByTestId('bill-day-totals')).toBeVisible();
  const day = await (await page.request.get(`/api/admin/reconciliation/${billDate}`)).json();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(day.status);

  await page.getByRole('button', { name: 'Reconcile again' }).click();
  await expect(page.getByRole('status')).toHaveText('Done');

  await page.getByRole('link', { name: 'All days' }).click();
  await expect(page.getByTestId('reconciliation-days').locator('tr', { hasText: billDate })).toBeVisible();
});
