// End-to-end tests: a real browser against the BUILT app (`npx next build` first), started by
// tests/e2e/global-setup.ts on a throwaway database (fresh PGlite dir, or a fresh PostgreSQL
// database when DATABASE_URL is set).
import { existsSync } from 'node:fs';
import { chromium, defineConfig, type ReporterDescription } from '@playwright/test';
import { E2E_BASE_URL } from './tests/e2e/ports';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * PLAYWRIGHT_CHROMIUM_PATH, else Debian's chromium (CI: Playwright's browser downloads are not
 * available everywhere we run), else Playwright's own browser (undefined: its default).
 */
function chromiumExecutable(): string | undefined {
  const override = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (override) {
    if (!existsSync(override)) throw new Error(`PLAYWRIGHT_CHROMIUM_PATH=${override}: no such file`);
    return override;
  }
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  if (existsSync(chromium.executablePath())) return undefined;
  throw new Error(
    `No Chromium for the e2e tests: run \`npx playwright install chromium\`, or install your system's chromium at ${SYSTEM_CHROMIUM}, or set PLAYWRIGHT_CHROMIUM_PATH to a Chromium binary.`,
  );
}

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
    // The shop's first language is Chinese; the specs written against English labels and roles
    // browse as an English-speaking visitor (Accept-Language: en-US). tests/e2e/locales.spec.ts
    // browses in Chinese, and switches.
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
