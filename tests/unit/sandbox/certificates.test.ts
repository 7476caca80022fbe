// The sandbox's generated certificates: one CA for every mch_id, a server certificate for
// 127.0.0.1/localhost, the merchant's PEM pair and .p12 (AES, passphrase = mch_id), written once.
import { execFile } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSecureContext } from 'node:tls';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxCertificateFiles, type SandboxCertificateFiles } from '@/lib/env';
import { ensureSandboxCertificates } from '@/lib/sandbox/certificates';
import { validateMerchantCertificate, WxCertificateError } from '@/lib/wechatpay';

let dataDir: string;
let files: SandboxCertificateFiles;
const read = (file: string) => readFileSync(file, 'utf8');

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'sandbox-certs-'));
  files = ensureSandboxCertificates(dataDir, '1900000109');
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('ensureSandboxCertificates', () => {
  it('issues a server certificate for 127.0.0.1 and localhost and a merchant certificate named by its mch_id, both from the CA', () => {
    const ca = new X509Certificate(read(files.ca));
    expect(ca.ca).toBe(true);
    const server = new X509Certificate(read(files.serverCert));
    expect(server.checkIssued(ca) && server.verify(ca.publicKey)).toBe(true);
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkHost('localhost')).toBe('localhost');
    const merchant = new X509Certificate(read(files.merchantCert));
    expect(merchant.checkIssued(ca) && merchant.verify(ca.publicKey)).toBe(true);
    expect(merchant.subject).toMatch(/^CN=1900000109$/m);
    expect(merchant.checkPrivateKey(createPrivateKeyFrom(files.merchantKey))).toBe(true);
    expect(read(files.merchantKey)).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('writes a .p12 that Node opens with the mch_id as passphrase, and only with it', () => {
    const p12 = readFileSync(files.merchantP12);
    expect(() => validateMerchantCertificate({ p12, passphrase: '1900000109' })).not.toThrow();
    expect(() => validateMerchantCertificate({ p12, passphrase: 'wrong' })).toThrow(WxCertificateError);
    expect(() => createSecureContext({ cert: read(files.merchantCert), key: read(files.merchantKey) })).not.toThrow();
  });

  it('keeps what it wrote, and gives another mch_id its own certificate from the same CA', () => {
    const before = { ca: read(files.ca), cert: read(files.merchantCert) };
    ensureSandboxCertificates(dataDir, '1900000109');
    expect({ ca: read(files.ca), cert: read(files.merchantCert) }).toEqual(before);
    const other = ensureSandboxCertificates(dataDir, '1900000999');
    expect(read(other.ca)).toBe(before.ca);
    expect(new X509Certificate(read(other.merchantCert)).subject).toMatch(/^CN=1900000999$/m);
  });

  it('lets two processes starting together agree on one set', async () => {
    const shared = mkdtempSync(path.join(tmpdir(), 'sandbox-certs-race-'));
    try {
      const script = path.join(shared, 'ensure.ts');
      writeFileSync(
        script,
        [
          `import { readFileSync } from 'node:fs';`,
          `import { ensureSandboxCertificates } from ${JSON.stringify(path.join(process.cwd(), 'lib/sandbox/certificates'))};`,
          `const f = ensureSandboxCertificates(${JSON.stringify(path.join(shared, 'data'))}, '1900000109');`,
          `console.log(readFileSync(f.ca, 'utf8') + readFileSync(f.merchantCert, 'utf8'));`,
        ].join('\n'),
      );
      const tsx = path.join(process.cwd(), 'node_modules/tsx/dist/cli.mjs');
      const run = () =>
        promisify(execFile)(process.execPath, [tsx, '--conditions=react-server', '--tsconfig', path.join(process.cwd(), 'tsconfig.json'), script]);
      const [a, b] = await Promise.all([run(), run()]);
      expect(a.stdout).toContain('BEGIN CERTIFICATE');
      expect(a.stdout).toBe(b.stdout);
      const onDisk = sandboxCertificateFiles(path.join(shared, 'data'), '1900000109');
      expect(a.stdout.trim()).toBe((read(onDisk.ca) + read(onDisk.merchantCert)).trim());
    } finally {
      rmSync(shared, { recursive: true, force: true });
    }
  }, 60_000);
});

function createPrivateKeyFrom(file: string) {
  return createPrivateKey(read(file));
}
