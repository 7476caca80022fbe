import 'server-only';
import { migrateDatabase } from '@/db/migrate';
import { ensureAdmin } from '@/lib/auth/ensure-admin';
import { seedProducts } from '@/lib/catalog/seed';
import { ensureSandboxSecrets, getEnv, type Env } from '@/lib/env';
import { log } from '@/lib/log';
import { startReconcileTimer } from '@/lib/reconcile/reconcile-timer';
import { startSweepTimer } from '@/lib/sweep/sweep-timer';

/** Starts the shop's side of this instance; the sandbox, if any, is instrumentation.ts's to start. */
export async function startServer(): Promise<Env> {
  let env: Env;
  try {
    ensureSandboxSecrets();
    env = getEnv();
  } catch (err) {
    // The message names the variable and never its value.
    log.fatal((err as Error).message);
    process.exit(1);
  }
  await migrateDatabase();
  await seedProducts();
  await ensureAdmin();
  startSweepTimer(env.SWEEP_INTERVAL_SECONDS);
  startReconcileTimer(env.RECONCILE_AT);
  if (env.WXPAY_MODE === 'live' && env.RATE_LIMIT === 'off') {
    console.warn('\nWARNING: RATE_LIMIT=off — sign-up, sign-in and checkout are not rate-limited (the unit caps still apply).\n');
  }
  if (env.WXPAY_MODE === 'sandbox') printSandboxBanner(env);
  return env;
}

// Sandbox values are fake and generated locally, so printing them is safe and saves a newcomer a
// trip to .data/. Live mode never prints a secret.
function printSandboxBanner(env: Env) {
  const origin = `http://127.0.0.1:${env.PORT}`;
  // Only values the sandbox generated are printed; anything the operator set stays unprinted.
  const shown = (name: string, value: string | undefined) => (env.generated.includes(name) ? value : '(from the environment)');
  const lines = [
    `WeChat Pay SANDBOX mode — no real money moves.`,
    `  store           ${origin}`,
    `  sandbox API     ${env.WXPAY_BASE_URL}`,
    `  appid / mch_id  ${env.WXPAY_APPID} / ${env.WXPAY_MCH_ID}`,
    `  WXPAY_KEY       ${shown('WXPAY_KEY', env.WXPAY_KEY)}`,
    `  sign type       ${env.WXPAY_SIGN_TYPE}`,
    `  CRON_SECRET     ${shown('CRON_SECRET', env.CRON_SECRET)}`,
    `  admin           ${env.ADMIN_USERNAME} / ${shown('ADMIN_PASSWORD', env.ADMIN_PASSWORD)}`,
    `  database        ${env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${env.DATA_DIR}/pglite`}`,
  ];
  // A banner for the person at the terminal, not a log line: plain text, outside the JSON log.
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}
