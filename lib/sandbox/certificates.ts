// The sandbox's certificates (product.md, "Refunds", Sandbox): its own CA (playing WeChat's, which
// issues merchant certificates), the TLS listener's server certificate for 127.0.0.1/localhost, and
// the merchant's API certificate as WeChat hands it out (apiclient_cert.pem, apiclient_key.pem,
// apiclient_cert.p12 with the mch_id as passphrase).
// Node has no API to issue X.509 certificates, hence node-forge; the RSA keys come from node:crypto
// (fast and native), and the .p12 uses AES-256 (PBES2), which Node 17+ opens, unlike WeChat's old RC2/3DES files.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { sandboxCertificateFiles, type SandboxCertificateFiles } from '@/lib/env';

const DAY_MS = 24 * 3600 * 1000;
const CA_NAME = 'Teahouse WeChat Pay Sandbox CA';

/**
 * Makes sure DATA_DIR holds the CA, the server certificate and this mch_id's merchant certificate,
 * generating what is missing: on first start, and for a mch_id not seen before (a changed
 * WXPAY_MCH_ID gets its own certificate from the same CA). Each directory is written under a
 * temporary name and renamed into place, which fails when another process got there first; then
 * that one's files are used, so processes starting together agree on one CA.
 */
export function ensureSandboxCertificates(dataDir: string, mchId: string): SandboxCertificateFiles {
  const files = sandboxCertificateFiles(dataDir, mchId);
  writeDirOnce(files.caDir, () => {
    const ca = generateCa();
    const server = generateServerCertificate(ca);
    return {
      [files.ca]: forge.pki.certificateToPem(ca.cert),
      [files.caKey]: ca.keyPem,
      [files.serverCert]: forge.pki.certificateToPem(server.cert),
      [files.serverKey]: server.keyPem,
    };
  });
  writeDirOnce(files.merchantDir, () => {
    const ca = readIssued(files.ca, files.caKey);
    const merchant = generateMerchantCertificate(ca, mchId);
    return {
      [files.merchantCert]: forge.pki.certificateToPem(merchant.cert),
      [files.merchantKey]: merchant.keyPem,
      [files.merchantP12]: merchantP12(merchant, ca, mchId),
    };
  });
  return files;
}

function writeDirOnce(dir: string, contents: () => Record<string, string | Buffer>): void {
  if (existsSync(dir)) return;
  mkdirSync(path.dirname(dir), { recursive: true });
  const tmp = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  mkdirSync(tmp, { mode: 0o700 });
  try {
    for (const [file, data] of Object.entries(contents())) writeFileSync(path.join(tmp, path.basename(file)), data, { mode: 0o600 });
    renameSync(tmp, dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || !existsSync(dir)) throw err;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function generateCa(): Issued {
  return issue({
    subject: [
      { shortName: 'CN', value: CA_NAME },
      { shortName: 'O', value: 'Teahouse sandbox' },
      { shortName: 'C', value: 'CN' },
    ],
    days: 3650,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
}

export function generateServerCertificate(ca: Issued): Issued {
  return issue({
    subject: [
      { shortName: 'CN', value: '127.0.0.1' },
      { shortName: 'O', value: 'Teahouse sandbox' },
    ],
    days: 825,
    issuer: ca,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
}

/** WeChat's merchant certificates carry the mch_id as their CN; that is what "certificate not match" compares. */
export function generateMerchantCertificate(ca: Issued, mchId: string): Issued {
  return issue({
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
}

/** The PKCS#12 of WeChat's download (passphrase = mch_id), but AES-256 instead of its legacy RC2/3DES. */
export function merchantP12(merchant: Issued, ca: Issued, passphrase: string): Buffer {
  const p12 = forge.pkcs12.toPkcs12Asn1(merchant.key, [merchant.cert, ca.cert], passphrase, {
    algorithm: 'aes256',
    friendlyName: 'Tenpay Certificate',
  });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

function readIssued(certFile: string, keyFile: string): Issued {
  const keyPem = readFileSync(keyFile, 'utf8');
  return {
    cert: forge.pki.certificateFromPem(readFileSync(certFile, 'utf8')),
    key: forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey,
    keyPem,
  };
}

export interface Issued {
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
  serial.writeUInt8(serial.readUInt8(0) & 0x7f, 0);
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
