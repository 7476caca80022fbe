import { beforeAll, describe, expect, it } from 'vitest';
import { createMerchantAgent, validateMerchantCertificate, WxCertificateError } from '@/lib/wechatpay/certificate';
import { makeTestCertificates, type TestCertificates } from './test-certs';

let certs: TestCertificates;
beforeAll(() => {
  certs = makeTestCertificates();
}, 60_000);

function problemOf(run: () => unknown): WxCertificateError {
  try {
    run();
  } catch (err) {
    if (err instanceof WxCertificateError) return err;
    throw err;
  }
  throw new Error('expected a WxCertificateError');
}

describe('merchant certificate', () => {
  it('accepts the PEM pair and a modern .p12, with an extra CA', () => {
    expect(validateMerchantCertificate({ certPem: certs.clientCertPem, keyPem: certs.clientKeyPem, ca: certs.caPem })).toMatchObject({
      cert: certs.clientCertPem,
      ca: certs.caPem,
    });
    const agent = createMerchantAgent({ p12: certs.clientP12, passphrase: certs.p12Passphrase });
    expect(agent.options).toMatchObject({ pfx: certs.clientP12, passphrase: certs.p12Passphrase, keepAlive: true });
    agent.destroy();
  });

  it('names the PEM variables when Node refuses a legacy .p12', () => {
    const err = problemOf(() => validateMerchantCertificate({ p12: certs.legacyP12, passphrase: certs.p12Passphrase }));
    expect(err.problem).toBe('legacy_p12');
    expect(err.code).toBe('CERTIFICATE_ERROR');
    expect(err.message).toContain('Unsupported PKCS12 PFX data');
    expect(err.message).toContain('WXPAY_CERT_PEM');
    expect(err.message).toContain('WXPAY_KEY_PEM');
    expect(err.message).toContain('apiclient_key.pem');
  });

  it('says when the passphrase is wrong', () => {
    const err = problemOf(() => validateMerchantCertificate({ p12: certs.clientP12, passphrase: 'not-the-mch-id' }));
    expect(err.problem).toBe('bad_passphrase');
    expect(err.message).toContain('WXPAY_CERT_PASSPHRASE');
  });

  it('refuses a key that is not PEM, and a key of another certificate', () => {
    expect(problemOf(() => validateMerchantCertificate({ certPem: certs.clientCertPem, keyPem: 'garbage' })).problem).toBe('invalid');
    const mismatch = problemOf(() => validateMerchantCertificate({ certPem: certs.clientCertPem, keyPem: certs.otherMerchantKeyPem }));
    expect(mismatch.problem).toBe('invalid');
    expect(mismatch.message).toContain('PEM pair');
  });
});
