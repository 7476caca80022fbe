// The refund configuration (product.md, "Configuration"): certificate paths, the secapi URL, the
// sandbox's TLS port and the refund notify URL, with their sandbox and live defaults.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EnvError, parseEnv, sandboxCertificateFiles } from '@/lib/env';
import { TEST_ENV } from '@/tests/support/test-env';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'refund-env-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const LIVE = {
  WXPAY_MODE: 'live',
  WXPAY_APPID: 'wx0000000000example',
  WXPAY_MCH_ID: '1230000000',
  WXPAY_KEY: 'ExampleOnlyNotARealKey0000000000',
  WXPAY_NOTIFY_URL: 'https://shop.example.com/api/wxpay/notify',
  CRON_SECRET: 'example-cron-secret-replace-me-0000',
  SESSION_SECRET: 'example-session-secret-replace-me-with-48-random-chars',
};

describe('sandbox mode', () => {
  it('uses the generated merchant certificate, trusts the sandbox CA and calls its own TLS listener', () => {
    const env = parseEnv({ ...TEST_ENV, DATA_DIR: dataDir, PORT: '4100' });
    const files = sandboxCertificateFiles(dataDir, TEST_ENV.WXPAY_MCH_ID);
    expect(env).toMatchObject({
      WXPAY_CERT_PEM: files.merchantCert,
      WXPAY_KEY_PEM: files.merchantKey,
      WXPAY_CERT_PASSPHRASE: TEST_ENV.WXPAY_MCH_ID,
      WXPAY_SANDBOX_TLS_PORT: 4543,
      WXPAY_SECAPI_BASE_URL: 'https://127.0.0.1:4543/sandbox',
      WXPAY_REFUND_NOTIFY_URL: 'http://127.0.0.1:4100/api/wxpay/refund-notify',
      sandboxCaFile: files.ca,
    });
    expect(env.WXPAY_CERT_P12).toBeUndefined();
    expect(files.merchantCert).toBe(path.join(dataDir, 'sandbox-certs', `mch-${TEST_ENV.WXPAY_MCH_ID}`, 'apiclient_cert.pem'));
  });

  it('keeps a certificate the operator configured, and an explicit TLS port', () => {
    const env = parseEnv({ ...TEST_ENV, DATA_DIR: dataDir, WXPAY_CERT_P12: '/certs/apiclient_cert.p12', WXPAY_SANDBOX_TLS_PORT: '5999' });
    expect(env).toMatchObject({ WXPAY_CERT_P12: '/certs/apiclient_cert.p12', WXPAY_SECAPI_BASE_URL: 'https://127.0.0.1:5999/sandbox' });
    expect(env.WXPAY_CERT_PEM).toBeUndefined();
  });

  it('needs WXPAY_SANDBOX_TLS_PORT when PORT + 443 is not a port', () => {
    expect(() => parseEnv({ ...TEST_ENV, DATA_DIR: dataDir, PORT: '65500' })).toThrow(/WXPAY_SANDBOX_TLS_PORT/);
  });

  it('keeps every mch_id in one path segment of its own', () => {
    const files = sandboxCertificateFiles(dataDir, '../x.y/z');
    expect(path.dirname(files.merchantDir)).toBe(path.join(dataDir, 'sandbox-certs'));
    expect(path.basename(files.merchantDir)).toBe('mch-%2E%2E%2Fx%2Ey%2Fz');
  });
});

describe('live mode', () => {
  it('starts without a certificate; the refund notify URL follows WXPAY_NOTIFY_URL and secapi WXPAY_BASE_URL', () => {
    const env = parseEnv(LIVE);
    expect(env.WXPAY_CERT_PEM).toBeUndefined();
    expect(env.WXPAY_CERT_P12).toBeUndefined();
    expect(env.sandboxCaFile).toBeUndefined();
    expect(env).toMatchObject({
      WXPAY_CERT_PASSPHRASE: LIVE.WXPAY_MCH_ID,
      WXPAY_REFUND_NOTIFY_URL: 'https://shop.example.com/api/wxpay/refund-notify',
      WXPAY_SECAPI_BASE_URL: 'https://api.mch.weixin.qq.com',
    });
  });

  it('takes the variables as set', () => {
    const env = parseEnv({
      ...LIVE,
      WXPAY_CERT_PEM: '/etc/wx/apiclient_cert.pem',
      WXPAY_KEY_PEM: '/etc/wx/apiclient_key.pem',
      WXPAY_REFUND_NOTIFY_URL: 'https://hooks.example.com/refunds',
      WXPAY_SECAPI_BASE_URL: 'https://api2.mch.weixin.qq.com',
    });
    expect(env).toMatchObject({
      WXPAY_CERT_PEM: '/etc/wx/apiclient_cert.pem',
      WXPAY_KEY_PEM: '/etc/wx/apiclient_key.pem',
      WXPAY_REFUND_NOTIFY_URL: 'https://hooks.example.com/refunds',
      WXPAY_SECAPI_BASE_URL: 'https://api2.mch.weixin.qq.com',
    });
  });

  it('refuses half a PEM pair, naming both variables', () => {
    expect(() => parseEnv({ ...LIVE, WXPAY_CERT_PEM: '/etc/wx/apiclient_cert.pem' })).toThrow(EnvError);
    expect(() => parseEnv({ ...LIVE, WXPAY_KEY_PEM: '/etc/wx/apiclient_key.pem' })).toThrow(/WXPAY_CERT_PEM and WXPAY_KEY_PEM/);
  });
});
