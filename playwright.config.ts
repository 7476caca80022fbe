// End-to-end tests: a real browser against the BUILT app (`npx next build` first), started by
// tests/e2e/global-setup.ts on a throwaway database (fresh PGlite dir, or a fresh PostgreSQL
// database when DATABASE_URL is set).
import { defineConfig, type ReporterDescription } from '@playwright/test';
import { E2E_BASE_URL } from './tests/e2e/ports';

// CI sums every runner's JSON report into one closing count (.ci/count.mjs).
const reporter: ReporterDescription[] = [['list']];
if (process.env.VITEST_JSON_DIR) {
  reporter.push(['json', { outputFile: `${process.env.VITEST_JSON_DIR}/playwright-${process.env.REPORT_TAG ?? 'run'}.json` }]);
}

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  globalSetup: './tests/e2e/global-setup.ts',
  // Tests share one server (and, on PGlite, one database process): run them one at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter,
  use: {
    baseURL: E2E_BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // Debian's chromium: Playwright's own browser downloads are not available everywhere we run.
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
