import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureSandboxSecrets, EnvError, parseEnv } from '@/lib/env';
import { TEST_ENV } from '@/tests/support/test-env';

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'env-test-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('sandbox secrets', () => {
  it('are not read when every secret is set', () => {
    const env = parseEnv({ ...TEST_ENV, DATA_DIR: dataDir }, () => {
      throw new Error('read');
    });
    expect(env.WXPAY_KEY).toBe(TEST_ENV.WXPAY_KEY);
    expect(env.generated).toEqual([]);
  });

  it('are written once at start: a second start keeps the first set, and getEnv reads it', () => {
    ensureSandboxSecrets({ DATA_DIR: dataDir });
    const first = readFileSync(path.join(dataDir, 'sandbox-secrets.json'), 'utf8');
    ensureSandboxSecrets({ DATA_DIR: dataDir });
    expect(readFileSync(path.join(dataDir, 'sandbox-secrets.json'), 'utf8')).toBe(first);

    const env = parseEnv({ DATA_DIR: dataDir });
    expect(env.WXPAY_KEY).toBe(JSON.parse(first).wxpayKey);
    expect(env.generated).toEqual(['WXPAY_APPID', 'WXPAY_MCH_ID', 'WXPAY_KEY', 'CRON_SECRET', 'SESSION_SECRET', 'ADMIN_PASSWORD']);
  });

  it('missing at read time is an EnvError naming the file, and nothing is written', () => {
    expect(() => parseEnv({ DATA_DIR: dataDir })).toThrow(EnvError);
    expect(() => parseEnv({ DATA_DIR: dataDir })).toThrow(/sandbox-secrets\.json does not exist/);
    expect(() => readFileSync(path.join(dataDir, 'sandbox-secrets.json'))).toThrow();
  });

  it('are not written in live mode', () => {
    ensureSandboxSecrets({ WXPAY_MODE: 'live', DATA_DIR: dataDir });
    expect(() => readFileSync(path.join(dataDir, 'sandbox-secrets.json'))).toThrow();
  });
});
