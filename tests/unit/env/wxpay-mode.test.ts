// WXPAY_MODE is sandbox only while no merchant credential is set; a sandbox never talks to WeChat.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureSandboxSecrets, EnvError, parseEnv } from '@/lib/env';
import { TEST_ENV } from '@/tests/support/test-env';

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'env-mode-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const noSecrets = () => {
  throw new Error('secrets read');
};

describe('WXPAY_MODE unset', () => {
  it('is sandbox when no merchant credential is set', () => {
    ensureSandboxSecrets({ DATA_DIR: dataDir });
    expect(parseEnv({ DATA_DIR: dataDir }).WXPAY_MODE).toBe('sandbox');
  });

  it.each(['WXPAY_APPID', 'WXPAY_MCH_ID', 'WXPAY_KEY'] as const)('refuses to start when %s is set, naming WXPAY_MODE and the credential', (name) => {
    const source = { DATA_DIR: dataDir, [name]: TEST_ENV[name] };
    expect(() => parseEnv(source, noSecrets)).toThrow(EnvError);
    expect(() => parseEnv(source, noSecrets)).toThrow(new RegExp(`^WXPAY_MODE: must be set .* because ${name} is set`));
  });

  it('lists every credential that is set', () => {
    const { WXPAY_MODE: _, ...credentials } = TEST_ENV;
    expect(() => parseEnv(credentials, noSecrets)).toThrow(/because WXPAY_APPID, WXPAY_MCH_ID, WXPAY_KEY is set/);
  });

  it('with a credential writes no sandbox secrets', () => {
    ensureSandboxSecrets({ DATA_DIR: dataDir, WXPAY_KEY: TEST_ENV.WXPAY_KEY });
    expect(() => readFileSync(path.join(dataDir, 'sandbox-secrets.json'))).toThrow();
  });

  it('treats an empty credential as unset, as every other variable', () => {
    ensureSandboxSecrets({ DATA_DIR: dataDir, WXPAY_KEY: '' });
    expect(parseEnv({ DATA_DIR: dataDir, WXPAY_APPID: '', WXPAY_MCH_ID: '', WXPAY_KEY: '' }).WXPAY_MODE).toBe('sandbox');
  });
});

describe('WXPAY_MODE=sandbox', () => {
  it('accepts credentials when the mode is said explicitly', () => {
    expect(parseEnv(TEST_ENV, noSecrets).WXPAY_MODE).toBe('sandbox');
  });

  it('accepts a sandbox of its own elsewhere', () => {
    expect(parseEnv({ ...TEST_ENV, WXPAY_BASE_URL: 'http://sandbox.internal:3000/sandbox' }, noSecrets).WXPAY_BASE_URL).toBe(
      'http://sandbox.internal:3000/sandbox',
    );
  });

  it.each([
    'https://api.mch.weixin.qq.com',
    'https://api2.mch.weixin.qq.com',
    'https://api.mch.weixin.qq.com/sandboxnew',
    'https://API.MCH.WEIXIN.QQ.COM',
    'https://api.mch.weixin.qq.com.',
    'https://api%2Emch.weixin.qq.com',
    'http://api.mch.weixin.qq.com:80/',
    'https://apihk.mch.weixin.qq.com',
  ])('refuses WXPAY_BASE_URL=%s, naming the variable', (url) => {
    expect(() => parseEnv({ ...TEST_ENV, WXPAY_BASE_URL: url }, noSecrets)).toThrow(/^WXPAY_BASE_URL: .* is WeChat Pay itself/);
  });

  it.each([
    'https://api.mch.weixin.qq.com.example.com/sandbox',
    'https://notapi.mch.weixin.qq.co/sandbox',
    'http://127.0.0.1:3000/sandbox?h=api.mch.weixin.qq.com',
  ])('compares host names, not substrings: %s is not WeChat', (url) => {
    expect(parseEnv({ ...TEST_ENV, WXPAY_BASE_URL: url }, noSecrets).WXPAY_BASE_URL).toBe(url);
  });
});
