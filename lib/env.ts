// The one place that reads process.env. Validated once at server start (instrumentation.ts);
// everything else calls getEnv(). Nothing here runs at import time, so `next build` needs no key,
// and only ensureSandboxSecrets(), called once at start, writes a file.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PAYMENT_ENVS, type PaymentEnv } from './payments/payment-env';

const SANDBOX_APPID = 'wxsandbox00000000';
const SANDBOX_MCH_ID = '1900000000';

const optionalSecret = (min: number) => z.string().min(min, `must be at least ${min} characters`).optional();

export const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string').optional(),
  DATABASE_LISTEN_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string').optional(),
  DATA_DIR: z.string().default('.data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // No default here: the mode is sandbox only while no merchant credential is set (resolveMode).
  WXPAY_MODE: z.enum(PAYMENT_ENVS).optional(),
  WXPAY_APPID: z.string().max(32).optional(),
  WXPAY_MCH_ID: z.string().max(32).optional(),
  WXPAY_KEY: z.string().regex(/^[0-9A-Za-z]{32}$/, 'must be the 32-character API v2 key').optional(),
  WXPAY_SIGN_TYPE: z.enum(['MD5', 'HMAC-SHA256']).default('HMAC-SHA256'),
  WXPAY_BASE_URL: z.url().optional(),
  WXPAY_NOTIFY_URL: z.url().optional(),
  ORDER_TTL_SECONDS: z.coerce.number().int().min(1).max(7 * 24 * 3600).default(900),
  CRON_SECRET: optionalSecret(16),
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).optional(),
  SESSION_SECRET: optionalSecret(32),
  ADMIN_USERNAME: z.string().min(3).max(32).default('admin'),
  ADMIN_PASSWORD: optionalSecret(8),
  MAX_PENDING_UNITS: z.coerce.number().int().min(1).max(10_000).default(20),
  RATE_LIMIT: z.enum(['on', 'off']).default('on'),
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  WXPAY_SANDBOX_TIME_SCALE: z.coerce.number().positive().max(1000).default(1),
  REPORT_TZ: z
    .string()
    .default('Asia/Shanghai')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Asia/Shanghai'),
});

type Raw = z.infer<typeof schema>;

export type Env = Omit<Raw, 'WXPAY_MODE' | 'WXPAY_APPID' | 'WXPAY_MCH_ID' | 'WXPAY_KEY' | 'WXPAY_BASE_URL' | 'WXPAY_NOTIFY_URL' | 'CRON_SECRET' | 'SWEEP_INTERVAL_SECONDS' | 'SESSION_SECRET'> & {
  WXPAY_MODE: PaymentEnv;
  WXPAY_APPID: string;
  WXPAY_MCH_ID: string;
  WXPAY_KEY: string;
  WXPAY_BASE_URL: string;
  WXPAY_NOTIFY_URL: string;
  CRON_SECRET: string;
  SWEEP_INTERVAL_SECONDS: number;
  SESSION_SECRET: string;
  /** Names of the values the sandbox generated or defaulted, so start-up can print them. */
  generated: string[];
};

export class EnvError extends Error {
  name = 'EnvError';
}

const LIVE_REQUIRED = ['WXPAY_APPID', 'WXPAY_MCH_ID', 'WXPAY_KEY', 'WXPAY_NOTIFY_URL', 'CRON_SECRET', 'SESSION_SECRET'] as const;

const MERCHANT_CREDENTIALS = ['WXPAY_APPID', 'WXPAY_MCH_ID', 'WXPAY_KEY'] as const;

/**
 * The mode set, else sandbox while no merchant credential is set; undefined when one is: a shop
 * with a real key and a forgotten WXPAY_MODE must not start as a sandbox that anyone can "pay".
 */
function resolveMode(raw: Partial<Pick<Raw, 'WXPAY_MODE' | (typeof MERCHANT_CREDENTIALS)[number]>>): PaymentEnv | undefined {
  if (raw.WXPAY_MODE) return raw.WXPAY_MODE;
  return MERCHANT_CREDENTIALS.some((name) => raw[name]) ? undefined : 'sandbox';
}

// WeChat Pay's API hosts (wechatpay.md: api.mch.weixin.qq.com and the backup api2.mch.weixin.qq.com)
// all lie in this domain. Compared as host names, after the URL parser has normalised them.
const WECHAT_PAY_DOMAIN = 'mch.weixin.qq.com';

function isWechatPayHost(url: string): boolean {
  const host = new URL(url).hostname.replace(/\.$/, '');
  return host === WECHAT_PAY_DOMAIN || host.endsWith(`.${WECHAT_PAY_DOMAIN}`);
}

type Source = Record<string, string | undefined>;

// Treat `FOO=` like an unset variable, as a .env file with an empty line means "use the default".
const present = (source: Source) => Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));

/** `readSecrets` is asked only in sandbox mode, and only when a secret is not set in `source`. */
export function parseEnv(source: Source, readSecrets: (dataDir: string) => SandboxSecrets = readSandboxSecrets): Env {
  const result = schema.safeParse(present(source));
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const raw = result.data;
  const mode = resolveMode(raw);
  if (!mode) {
    const set = MERCHANT_CREDENTIALS.filter((name) => raw[name]).join(', ');
    throw new EnvError(`WXPAY_MODE: must be set (live for real payments, or sandbox) because ${set} is set; without it the shop would start as a sandbox where anyone can "pay"`);
  }
  return mode === 'live' ? resolveLive(raw) : resolveSandbox(raw, readSecrets);
}

function resolveLive(raw: Raw): Env {
  const missing = LIVE_REQUIRED.filter((name) => !raw[name]);
  if (missing.length) throw new EnvError(`WXPAY_MODE=live requires ${missing.join(', ')} to be set`);
  if (raw.ORDER_TTL_SECONDS < 60) throw new EnvError('ORDER_TTL_SECONDS: must be at least 60 in live mode (WeChat rejects a shorter time_expire)');
  // WeChat calls notify_url without parameters, so a query string is lost (wechatpay.md §4), and
  // the payment result must not cross the internet in clear text.
  if (new URL(raw.WXPAY_NOTIFY_URL!).protocol !== 'https:' || /[?#]/.test(raw.WXPAY_NOTIFY_URL!)) {
    throw new EnvError('WXPAY_NOTIFY_URL: must be an https:// URL without a query string or fragment in live mode');
  }
  const weakness = raw.ADMIN_PASSWORD && adminPasswordWeakness(raw.ADMIN_PASSWORD, raw.ADMIN_USERNAME);
  if (weakness) throw new EnvError(`ADMIN_PASSWORD: ${weakness} in live mode`);
  return {
    ...raw,
    WXPAY_MODE: 'live',
    WXPAY_APPID: raw.WXPAY_APPID!,
    WXPAY_MCH_ID: raw.WXPAY_MCH_ID!,
    WXPAY_KEY: raw.WXPAY_KEY!,
    WXPAY_BASE_URL: raw.WXPAY_BASE_URL ?? 'https://api.mch.weixin.qq.com',
    WXPAY_NOTIFY_URL: raw.WXPAY_NOTIFY_URL!,
    CRON_SECRET: raw.CRON_SECRET!,
    SESSION_SECRET: raw.SESSION_SECRET!,
    SWEEP_INTERVAL_SECONDS: raw.SWEEP_INTERVAL_SECONDS ?? 0,
    generated: [],
  };
}

const PASSWORD_CLASSES = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];

/**
 * Why a live operator password is too weak, or null. It guards every order and the customers'
 * addresses, so: at least 12 characters from at least 3 of lower-case letters, upper-case
 * letters, digits and anything else, and not containing the user name.
 */
function adminPasswordWeakness(password: string, username: string): string | null {
  if ([...password].length < 12) return 'must be at least 12 characters';
  if (PASSWORD_CLASSES.filter((c) => c.test(password)).length < 3) return 'must mix at least 3 of lower-case letters, upper-case letters, digits and other characters';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'must not contain ADMIN_USERNAME';
  return null;
}

function resolveSandbox(raw: Raw, readSecrets: (dataDir: string) => SandboxSecrets): Env {
  if (raw.WXPAY_BASE_URL && isWechatPayHost(raw.WXPAY_BASE_URL)) {
    throw new EnvError(`WXPAY_BASE_URL: ${new URL(raw.WXPAY_BASE_URL).host} is WeChat Pay itself; in sandbox mode leave it unset (the built-in sandbox), or set WXPAY_MODE=live`);
  }
  let secrets: SandboxSecrets | undefined;
  const generated: string[] = [];
  const pick = (name: string, given: string | undefined, fallback: string | ((s: SandboxSecrets) => string)) => {
    if (given) return given;
    generated.push(name);
    if (typeof fallback === 'string') return fallback;
    secrets ??= readSecrets(raw.DATA_DIR);
    return fallback(secrets);
  };
  const origin = `http://127.0.0.1:${raw.PORT}`;
  return {
    ...raw,
    WXPAY_MODE: 'sandbox',
    WXPAY_APPID: pick('WXPAY_APPID', raw.WXPAY_APPID, SANDBOX_APPID),
    WXPAY_MCH_ID: pick('WXPAY_MCH_ID', raw.WXPAY_MCH_ID, SANDBOX_MCH_ID),
    WXPAY_KEY: pick('WXPAY_KEY', raw.WXPAY_KEY, (s) => s.wxpayKey),
    WXPAY_BASE_URL: raw.WXPAY_BASE_URL ?? `${origin}/sandbox`,
    WXPAY_NOTIFY_URL: raw.WXPAY_NOTIFY_URL ?? `${origin}/api/wxpay/notify`,
    CRON_SECRET: pick('CRON_SECRET', raw.CRON_SECRET, (s) => s.cronSecret),
    SESSION_SECRET: pick('SESSION_SECRET', raw.SESSION_SECRET, (s) => s.sessionSecret),
    ADMIN_PASSWORD: pick('ADMIN_PASSWORD', raw.ADMIN_PASSWORD, (s) => s.adminPassword),
    SWEEP_INTERVAL_SECONDS: raw.SWEEP_INTERVAL_SECONDS ?? 30,
    generated,
  };
}

export interface SandboxSecrets {
  wxpayKey: string;
  cronSecret: string;
  sessionSecret: string;
  adminPassword: string;
}

const secretsFile = (dataDir: string) => path.join(dataDir, 'sandbox-secrets.json');

function readSandboxSecrets(dataDir: string): SandboxSecrets {
  try {
    return JSON.parse(readFileSync(secretsFile(dataDir), 'utf8')) as SandboxSecrets;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    throw new EnvError(
      `${secretsFile(dataDir)} does not exist: the server writes it when it starts (ensureSandboxSecrets), or set WXPAY_KEY, CRON_SECRET, SESSION_SECRET and ADMIN_PASSWORD`,
    );
  }
}

/**
 * In sandbox mode, makes sure DATA_DIR holds the generated secrets, so sessions and signatures
 * survive restarts. Called once per process at start, before the first getEnv(). Written to a
 * temporary file and then hard-linked into place (which fails if the file exists), so two
 * processes starting together agree on one complete set. An invalid environment is left for
 * getEnv() to report.
 */
export function ensureSandboxSecrets(source: Source = process.env): void {
  const result = schema.pick({ WXPAY_MODE: true, DATA_DIR: true, WXPAY_APPID: true, WXPAY_MCH_ID: true, WXPAY_KEY: true }).safeParse(present(source));
  if (!result.success || resolveMode(result.data) !== 'sandbox') return;
  const dataDir = result.data.DATA_DIR;
  const alnum = (n: number) => {
    const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    return Array.from(randomBytes(n), (b) => abc[b % abc.length]).join('');
  };
  mkdirSync(dataDir, { recursive: true });
  const fresh: SandboxSecrets = {
    wxpayKey: alnum(32),
    cronSecret: alnum(32),
    sessionSecret: alnum(48),
    adminPassword: alnum(12),
  };
  const file = secretsFile(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(fresh, null, 2), { mode: 0o600 });
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(tmp);
  }
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
