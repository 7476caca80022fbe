import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  caPem: string;
  serverCertPem: string;
  serverKeyPem: string;
  /** A merchant certificate for mch_id 1900000109, issued by the CA. */
  clientCertPem: string;
  clientKeyPem: string;
  clientP12: Buffer;
  /** The same, with the RC2/3DES encryption of WeChat's older downloads. */
  legacyP12: Buffer;
  /** A certificate of another merchant (CN 1900000999), issued by the same CA. */
  otherMerchantCertPem: string;
  otherMerchantKeyPem: string;
  /** A self-issued certificate the server does not trust. */
  strangerCertPem: string;
  strangerKeyPem: string;
  p12Passphrase: string;
}

/** Throwaway certificates made with the openssl CLI, so nothing key-like is committed. */
export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'wxpay-certs-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  try {
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Test WeChat Pay CA');
    writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
    const issue = (name: string, subject: string, ca: string, ext?: string) => {
      openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
      openssl(
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        `${ca}.pem`,
        '-CAkey',
        `${ca}.key`,
        '-CAcreateserial',
        '-out',
        `${name}.pem`,
        '-days',
        '2',
        ...(ext ? ['-extfile', ext] : []),
      );
    };
    issue('server', '/CN=127.0.0.1', 'ca', 'server.ext');
    issue('client', '/O=Tenpay.com/CN=1900000109', 'ca');
    issue('other', '/O=Tenpay.com/CN=1900000999', 'ca');
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'stranger.key', '-out', 'stranger.pem', '-days', '2', '-subj', '/CN=1900000109');
    const passphrase = '1900000109';
    openssl('pkcs12', '-export', '-in', 'client.pem', '-inkey', 'client.key', '-out', 'client.p12', '-passout', `pass:${passphrase}`);
    openssl('pkcs12', '-export', '-legacy', '-in', 'client.pem', '-inkey', 'client.key', '-out', 'legacy.p12', '-passout', `pass:${passphrase}`);
    return {
      caPem: read('ca.pem'),
      serverCertPem: read('server.pem'),
      serverKeyPem: read('server.key'),
      clientCertPem: read('client.pem'),
      clientKeyPem: read('client.key'),
      clientP12: readFileSync(join(dir, 'client.p12')),
      legacyP12: readFileSync(join(dir, 'legacy.p12')),
      otherMerchantCertPem: read('other.pem'),
      otherMerchantKeyPem: read('other.key'),
      strangerCertPem: read('stranger.pem'),
      strangerKeyPem: read('stranger.key'),
      p12Passphrase: passphrase,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
