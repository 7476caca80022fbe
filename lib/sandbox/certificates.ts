// The sandbox's certificates (product.md, "Refunds", Sandbox): its own CA, the TLS listener's server
// certificate for 127.0.0.1/localhost, and the merchant's API certificate as WeChat hands it out
// (apiclient_cert.pem, apiclient_key.pem, apiclient_cert.p12 with the mch_id as passphrase).
// Node has no API to issue X.509 certificates, hence node-forge; the RSA keys come from node:crypto
// (fast and native), and the .p12 uses AES-256 (PBES2), which Node 17+ opens, unlike WeChat's old RC2/3DES files.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { sandboxCertificateFiles, type SandboxCertificateFiles } from '@/lib/env';

const DAY_MS = 24 * 3600 * 1000;
const CA_NAME = 'Teahouse WeChat Pay Sandbox CA';

/**
 * Makes sure DATA_DIR holds the certificates for this mch_id, generating them on first start. They
 * live in a directory per mch_id, so a changed WXPAY_MCH_ID gets a fresh set. The set is written
 * into a temporary directory and renamed into place, which fails when another process got there
 * first; then that one's set is used, so processes starting together agree on one CA.
 */
export function ensureSandboxCertificates(dataDir: string, mchId: string): SandboxCertificateFiles {
  const files = sandboxCertificateFiles(dataDir, mchId);
  if (existsSync(files.dir)) return files;
  mkdirSync(path.dirname(files.dir), { recursive: true });
  const tmp = `${files.dir}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  mkdirSync(tmp, { mode: 0o700 });
  try {
    const inTmp = (file: string) => path.join(tmp, path.basename(file));
    const set = generateCertificateSet(mchId);
    writeFileSync(inTmp(files.ca), set.caCert);
    writeFileSync(inTmp(files.serverCert), set.serverCert);
    writeFileSync(inTmp(files.serverKey), set.serverKey, { mode: 0o600 });
    writeFileSync(inTmp(files.merchantCert), set.merchantCert);
    writeFileSync(inTmp(files.merchantKey), set.merchantKey, { mode: 0o600 });
    writeFileSync(inTmp(files.merchantP12), set.merchantP12, { mode: 0o600 });
    renameSync(tmp, files.dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || !existsSync(files.dir)) throw err;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return files;
}

export interface CertificateSet {
  caCert: string;
  serverCert: string;
  serverKey: string;
  merchantCert: string;
  merchantKey: string;
  merchantP12: Buffer;
}

export function generateCertificateSet(mchId: string): CertificateSet {
  const ca = issue({
    subject: [{ shortName: 'CN', value: CA_NAME }, { shortName: 'O', value: 'Teahouse sandbox' }, { shortName: 'C', value: 'CN' }],
    days: 3650,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = issue({
    subject: [{ shortName: 'CN', value: '127.0.0.1' }, { shortName: 'O', value: 'Teahouse sandbox' }],
    days: 825,
    issuer: ca,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  // WeChat's merchant certificates carry the mch_id as their CN; that is what "certificate not match" compares.
  const merchant = issue({
    subject: [
      { shortName: 'CN', value: mchId },
      { shortName: 'OU', value: 'Teahouse sandbox merchant' },
      { shortName: 'O', value: 'WeChat Pay sandbox' },
      { shortName: 'C', value: 'CN' },
    ],
    days: 1825,
    issuer: ca,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ],
  });
  const p12 = forge.pkcs12.toPkcs12Asn1(merchant.key, [merchant.cert, ca.cert], mchId, {
    algorithm: 'aes256',
    friendlyName: 'Tenpay Certificate',
  });
  return {
    caCert: forge.pki.certificateToPem(ca.cert),
    serverCert: forge.pki.certificateToPem(server.cert),
    serverKey: server.keyPem,
    merchantCert: forge.pki.certificateToPem(merchant.cert),
    merchantKey: merchant.keyPem,
    merchantP12: Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'),
  };
}

interface Issued {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  keyPem: string;
}

function issue(opts: { subject: forge.pki.CertificateField[]; days: number; issuer?: Issued; extensions: object[] }): Issued {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    // PKCS#8 ("BEGIN PRIVATE KEY"), as WeChat's apiclient_key.pem.
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  // A positive 16-byte serial: the high bit cleared so DER does not read it as negative.
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  cert.serialNumber = serial.toString('hex');
  const now = Date.now();
  cert.validity.notBefore = new Date(now - DAY_MS);
  cert.validity.notAfter = new Date(now + opts.days * DAY_MS);
  cert.setSubject(opts.subject);
  cert.setIssuer(opts.issuer ? opts.issuer.cert.subject.attributes : opts.subject);
  cert.setExtensions([...opts.extensions, { name: 'subjectKeyIdentifier' }]);
  const key = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  cert.sign(opts.issuer ? opts.issuer.key : key, forge.md.sha256.create());
  return { cert, key, keyPem: privateKey };
}
