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
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
    .optional(),
  DATABASE_LISTEN_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
    .optional(),
  DATA_DIR: z.string().default('.data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // No default here: the mode is sandbox only while no merchant credential is set (resolveMode).
  WXPAY_MODE: z.enum(PAYMENT_ENVS).optional(),
  WXPAY_APPID: z.string().max(32).optional(),
  WXPAY_MCH_ID: z.string().max(32).optional(),
  WXPAY_KEY: z
    .string()
    .regex(/^[0-9A-Za-z]{32}$/, 'must be the 32-character API v2 key')
    .optional(),
  WXPAY_SIGN_TYPE: z.enum(['MD5', 'HMAC-SHA256']).default('HMAC-SHA256'),
  WXPAY_BASE_URL: z.url().optional(),
  WXPAY_NOTIFY_URL: z.url().optional(),
  ORDER_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600)
    .default(900),
  CRON_SECRET: optionalSecret(16),
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).optional(),
  SESSION_SECRET: optionalSecret(32),
  ADMIN_USERNAME: z.string().min(3).max(32).default('admin'),
  ADMIN_PASSWORD: optionalSecret(8),
  MAX_PENDING_UNITS: z.coerce.number().int().min(1).max(10_000).default(20),
  RATE_LIMIT: z.enum(['on', 'off']).default('on'),
  EVENT_STREAMS: z.enum(['node', 'route']).default('node'),
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  WXPAY_SANDBOX_TIME_SCALE: z.coerce.number().positive().max(1000).default(1),
  WXPAY_CERT_PEM: z.string().optional(),
  WXPAY_KEY_PEM: z.string().optional(),
  WXPAY_CERT_P12: z.string().optional(),
  WXPAY_CERT_PASSPHRASE: z.string().optional(),
  WXPAY_REFUND_NOTIFY_URL: z.url().optional(),
  WXPAY_NATIVE_CALLBACK_URL: z.url().optional(),
  WXPAY_SECAPI_BASE_URL: z.url().optional(),
  WXPAY_SANDBOX_TLS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  // Beijing time of the daily reconciliation (WeChat serves a day's bill from 10:00 the next day).
  RECONCILE_AT: z.union([z.literal('off'), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm (Beijing time) or off')]).default('10:30'),
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

type Resolved =
  | 'WXPAY_MODE'
  | 'WXPAY_APPID'
  | 'WXPAY_MCH_ID'
  | 'WXPAY_KEY'
  | 'WXPAY_BASE_URL'
  | 'WXPAY_NOTIFY_URL'
  | 'CRON_SECRET'
  | 'SWEEP_INTERVAL_SECONDS'
  | 'SESSION_SECRET'
  | 'WXPAY_CERT_PASSPHRASE'
  | 'WXPAY_REFUND_NOTIFY_URL'
  | 'WXPAY_NATIVE_CALLBACK_URL'
  | 'WXPAY_SECAPI_BASE_URL'
  | 'WXPAY_SANDBOX_TLS_PORT';

export type Env = Omit<Raw, Resolved> & {
  WXPAY_MODE: PaymentEnv;
  WXPAY_APPID: string;
  WXPAY_MCH_ID: string;
  WXPAY_KEY: string;
  WXPAY_BASE_URL: string;
  WXPAY_NOTIFY_URL: string;
  CRON_SECRET: string;
  SWEEP_INTERVAL_SECONDS: number;
  SESSION_SECRET: string;
  /** The .p12's passphrase; defaults to the mch_id, as WeChat's downloads use. */
  WXPAY_CERT_PASSPHRASE: string;
  WXPAY_REFUND_NOTIFY_URL: string;
  /**
   * Native mode 1's scan callback. The sandbox calls it; live WeChat calls the one set in the
   * merchant platform, and the console shows this one as what to set there.
   */
  WXPAY_NATIVE_CALLBACK_URL: string;
  WXPAY_SECAPI_BASE_URL: string;
  WXPAY_SANDBOX_TLS_PORT: number;
  /**
   * Sandbox mode only: the sandbox's generated CA (PEM file), which the shop trusts for WXPAY_SECAPI_BASE_URL
   * instead of the public roots. Live mode trusts the public roots, as WeChat's certificate is publicly issued.
   */
  sandboxCaFile?: string;
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
    throw new EnvError(
      `WXPAY_MODE: must be set (live for real payments, or sandbox) because ${set} is set; without it the shop would start as a sandbox where anyone can "pay"`,
    );
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
  checkCertificateVariables(raw);
  const baseUrl = raw.WXPAY_BASE_URL ?? 'https://api.mch.weixin.qq.com';
  return {
    ...raw,
    WXPAY_MODE: 'live',
    WXPAY_APPID: raw.WXPAY_APPID!,
    WXPAY_MCH_ID: raw.WXPAY_MCH_ID!,
    WXPAY_KEY: raw.WXPAY_KEY!,
    WXPAY_BASE_URL: baseUrl,
    WXPAY_NOTIFY_URL: raw.WXPAY_NOTIFY_URL!,
    CRON_SECRET: raw.CRON_SECRET!,
    SESSION_SECRET: raw.SESSION_SECRET!,
    SWEEP_INTERVAL_SECONDS: raw.SWEEP_INTERVAL_SECONDS ?? 0,
    WXPAY_CERT_PASSPHRASE: raw.WXPAY_CERT_PASSPHRASE ?? raw.WXPAY_MCH_ID!,
    WXPAY_REFUND_NOTIFY_URL: raw.WXPAY_REFUND_NOTIFY_URL ?? `${new URL(raw.WXPAY_NOTIFY_URL!).origin}${REFUND_NOTIFY_PATH}`,
    WXPAY_NATIVE_CALLBACK_URL: raw.WXPAY_NATIVE_CALLBACK_URL ?? `${new URL(raw.WXPAY_NOTIFY_URL!).origin}${NATIVE_CALLBACK_PATH}`,
    WXPAY_SECAPI_BASE_URL: raw.WXPAY_SECAPI_BASE_URL ?? baseUrl,
    // Unused in live mode (there is no sandbox), kept for the type's sake.
    WXPAY_SANDBOX_TLS_PORT: raw.WXPAY_SANDBOX_TLS_PORT ?? raw.PORT + 443,
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
  if (PASSWORD_CLASSES.filter((c) => c.test(password)).length < 3)
    return 'must mix at least 3 of lower-case letters, upper-case letters, digits and other characters';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'must not contain ADMIN_USERNAME';
  return null;
}

function resolveSandbox(raw: Raw, readSecrets: (dataDir: string) => SandboxSecrets): Env {
  if (raw.WXPAY_BASE_URL && isWechatPayHost(raw.WXPAY_BASE_URL)) {
    throw new EnvError(
      `WXPAY_BASE_URL: ${new URL(raw.WXPAY_BASE_URL).host} is WeChat Pay itself; in sandbox mode leave it unset (the built-in sandbox), or set WXPAY_MODE=live`,
    );
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
  checkCertificateVariables(raw);
  const appid = pick('WXPAY_APPID', raw.WXPAY_APPID, SANDBOX_APPID);
  const mchId = pick('WXPAY_MCH_ID', raw.WXPAY_MCH_ID, SANDBOX_MCH_ID);
  const tlsPort = sandboxTlsPort(raw);
  // Unless told otherwise, the shop uses the merchant certificate the sandbox generates, like a live shop its download.
  const certs = sandboxCertificateFiles(raw.DATA_DIR, mchId);
  const ownCertificate = raw.WXPAY_CERT_PEM || raw.WXPAY_CERT_P12;
  return {
    ...raw,
    WXPAY_MODE: 'sandbox',
    WXPAY_APPID: appid,
    WXPAY_MCH_ID: mchId,
    WXPAY_KEY: pick('WXPAY_KEY', raw.WXPAY_KEY, (s) => s.wxpayKey),
    WXPAY_BASE_URL: raw.WXPAY_BASE_URL ?? `${origin}/sandbox`,
    WXPAY_NOTIFY_URL: raw.WXPAY_NOTIFY_URL ?? `${origin}/api/wxpay/notify`,
    CRON_SECRET: pick('CRON_SECRET', raw.CRON_SECRET, (s) => s.cronSecret),
    SESSION_SECRET: pick('SESSION_SECRET', raw.SESSION_SECRET, (s) => s.sessionSecret),
    ADMIN_PASSWORD: pick('ADMIN_PASSWORD', raw.ADMIN_PASSWORD, (s) => s.adminPassword),
    SWEEP_INTERVAL_SECONDS: raw.SWEEP_INTERVAL_SECONDS ?? 30,
    WXPAY_CERT_PEM: ownCertificate ? raw.WXPAY_CERT_PEM : certs.merchantCert,
    WXPAY_KEY_PEM: ownCertificate ? raw.WXPAY_KEY_PEM : certs.merchantKey,
    WXPAY_CERT_PASSPHRASE: raw.WXPAY_CERT_PASSPHRASE ?? mchId,
    WXPAY_REFUND_NOTIFY_URL: raw.WXPAY_REFUND_NOTIFY_URL ?? `${origin}${REFUND_NOTIFY_PATH}`,
    WXPAY_NATIVE_CALLBACK_URL: raw.WXPAY_NATIVE_CALLBACK_URL ?? `${origin}${NATIVE_CALLBACK_PATH}`,
    WXPAY_SECAPI_BASE_URL: raw.WXPAY_SECAPI_BASE_URL ?? `https://127.0.0.1:${tlsPort}/sandbox`,
    WXPAY_SANDBOX_TLS_PORT: tlsPort,
    sandboxCaFile: certs.ca,
    generated,
  };
}

const REFUND_NOTIFY_PATH = '/api/wxpay/refund-notify';
const NATIVE_CALLBACK_PATH = '/api/wxpay/native-callback';

/** The PEM pair goes together; when it is set, WXPAY_CERT_P12 (the alternative) is not used. */
function checkCertificateVariables(raw: Raw): void {
  if (Boolean(raw.WXPAY_CERT_PEM) !== Boolean(raw.WXPAY_KEY_PEM)) {
    throw new EnvError('WXPAY_CERT_PEM and WXPAY_KEY_PEM go together: set both (apiclient_cert.pem and apiclient_key.pem) or neither');
  }
}

function sandboxTlsPort(raw: Raw): number {
  if (raw.WXPAY_SANDBOX_TLS_PORT) return raw.WXPAY_SANDBOX_TLS_PORT;
  if (raw.PORT + 443 > 65535) throw new EnvError(`WXPAY_SANDBOX_TLS_PORT: PORT + 443 is past 65535; set it explicitly`);
  return raw.PORT + 443;
}

export interface SandboxCertificateFiles {
  /** The CA and the TLS listener's certificate, shared by every mch_id. */
  caDir: string;
  ca: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  /** The merchant certificate of one mch_id, as WeChat's download names its files. */
  merchantDir: string;
  merchantCert: string;
  merchantKey: string;
  merchantP12: string;
}

/**
 * Where the sandbox keeps the certificates it generates (lib/sandbox/certificates.ts writes them at
 * start; nothing here reads or writes them): one CA, and one merchant certificate per mch_id. The
 * mch_id is opaque, so it is encoded into something that is always one plain path segment.
 */
export function sandboxCertificateFiles(dataDir: string, mchId: string): SandboxCertificateFiles {
  const root = path.join(dataDir, 'sandbox-certs');
  const segment = encodeURIComponent(mchId).replace(/[.*!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const caDir = path.join(root, 'ca');
  const merchantDir = path.join(root, `mch-${segment}`);
  return {
    caDir,
    ca: path.join(caDir, 'sandbox-ca.pem'),
    caKey: path.join(caDir, 'sandbox-ca-key.pem'),
    serverCert: path.join(caDir, 'server-cert.pem'),
    serverKey: path.join(caDir, 'server-key.pem'),
    merchantDir,
    merchantCert: path.join(merchantDir, 'apiclient_cert.pem'),
    merchantKey: path.join(merchantDir, 'apiclient_key.pem'),
    merchantP12: path.join(merchantDir, 'apiclient_cert.p12'),
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
