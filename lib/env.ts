// The one place that reads process.env. Validated once at server start (instrumentation.ts);
// everything else calls getEnv(). Nothing here runs at import time, so `next build` needs no key.
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const SANDBOX_APPID = 'wxsandbox00000000';
const SANDBOX_MCH_ID = '1900000000';

const optionalSecret = (min: number) => z.string().min(min, `must be at least ${min} characters`).optional();

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string').optional(),
  DATABASE_LISTEN_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string').optional(),
  DATA_DIR: z.string().default('.data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  WXPAY_MODE: z.enum(['sandbox', 'live']).default('sandbox'),
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

export type Env = Omit<Raw, 'WXPAY_APPID' | 'WXPAY_MCH_ID' | 'WXPAY_KEY' | 'WXPAY_BASE_URL' | 'WXPAY_NOTIFY_URL' | 'CRON_SECRET' | 'SWEEP_INTERVAL_SECONDS' | 'SESSION_SECRET'> & {
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

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Treat `FOO=` like an unset variable, as a .env file with an empty line means "use the default".
  const input = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const raw = result.data;
  return raw.WXPAY_MODE === 'live' ? resolveLive(raw) : resolveSandbox(raw);
}

function resolveLive(raw: Raw): Env {
  const missing = LIVE_REQUIRED.filter((name) => !raw[name]);
  if (missing.length) throw new EnvError(`WXPAY_MODE=live requires ${missing.join(', ')} to be set`);
  if (raw.ORDER_TTL_SECONDS < 60) throw new EnvError('ORDER_TTL_SECONDS: must be at least 60 in live mode (WeChat rejects a shorter time_expire)');
  return {
    ...raw,
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

function resolveSandbox(raw: Raw): Env {
  const secrets = loadSandboxSecrets(raw.DATA_DIR);
  const generated: string[] = [];
  const pick = (name: string, given: string | undefined, fallback: string) => {
    if (given) return given;
    generated.push(name);
    return fallback;
  };
  const origin = `http://127.0.0.1:${raw.PORT}`;
  return {
    ...raw,
    WXPAY_APPID: pick('WXPAY_APPID', raw.WXPAY_APPID, SANDBOX_APPID),
    WXPAY_MCH_ID: pick('WXPAY_MCH_ID', raw.WXPAY_MCH_ID, SANDBOX_MCH_ID),
    WXPAY_KEY: pick('WXPAY_KEY', raw.WXPAY_KEY, secrets.wxpayKey),
    WXPAY_BASE_URL: raw.WXPAY_BASE_URL ?? `${origin}/sandbox`,
    WXPAY_NOTIFY_URL: raw.WXPAY_NOTIFY_URL ?? `${origin}/api/wxpay/notify`,
    CRON_SECRET: pick('CRON_SECRET', raw.CRON_SECRET, secrets.cronSecret),
    SESSION_SECRET: pick('SESSION_SECRET', raw.SESSION_SECRET, secrets.sessionSecret),
    ADMIN_PASSWORD: pick('ADMIN_PASSWORD', raw.ADMIN_PASSWORD, secrets.adminPassword),
    SWEEP_INTERVAL_SECONDS: raw.SWEEP_INTERVAL_SECONDS ?? 30,
    generated,
  };
}

interface SandboxSecrets {
  wxpayKey: string;
  cronSecret: string;
  sessionSecret: string;
  adminPassword: string;
}

// Kept in DATA_DIR so sessions and signatures survive restarts. Written to a temporary file and
// then hard-linked into place (which fails if the file exists), so two processes starting
// together agree on one complete set.
function loadSandboxSecrets(dataDir: string): SandboxSecrets {
  const file = path.join(dataDir, 'sandbox-secrets.json');
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
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(fresh, null, 2), { mode: 0o600 });
  try {
    linkSync(tmp, file);
    return fresh;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return JSON.parse(readFileSync(file, 'utf8')) as SandboxSecrets;
  } finally {
    unlinkSync(tmp);
  }
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
