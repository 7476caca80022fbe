import { Agent } from 'node:https';
import { createSecureContext, type SecureContextOptions } from 'node:tls';
import { WechatPayError } from './errors';

/**
 * The merchant API certificate that `/secapi/` calls present (spec §7): the PEM pair from the download, or its `.p12`.
 * `ca` is an extra trusted CA (the sandbox's generated one); when given, it replaces Node's default roots.
 */
export type MerchantCertificate = { certPem: string; keyPem: string; ca?: string } | { p12: Buffer; passphrase: string; ca?: string };

export type CertificateProblem = 'legacy_p12' | 'bad_passphrase' | 'invalid';

/** The configured certificate cannot be used; raised when the client is built, before any refund is attempted. */
export class WxCertificateError extends WechatPayError {
  readonly problem: CertificateProblem;

  constructor(problem: CertificateProblem, message: string, cause?: unknown) {
    super('CERTIFICATE_ERROR', message, { cause });
    this.name = 'WxCertificateError';
    this.problem = problem;
  }
}

const PEM_ADVICE = 'set WXPAY_CERT_PEM and WXPAY_KEY_PEM to apiclient_cert.pem and apiclient_key.pem from the same certificate download instead';

function tlsOptions(certificate: MerchantCertificate): SecureContextOptions {
  return 'p12' in certificate
    ? { pfx: certificate.p12, passphrase: certificate.passphrase, ca: certificate.ca }
    : { cert: certificate.certPem, key: certificate.keyPem, ca: certificate.ca };
}

/** Builds the TLS options once, so a bad file or passphrase fails at start-up with a message an operator can act on. */
export function validateMerchantCertificate(certificate: MerchantCertificate): SecureContextOptions {
  const options = tlsOptions(certificate);
  try {
    createSecureContext(options);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if ('p12' in certificate && /Unsupported PKCS12 PFX data/i.test(message)) {
      throw new WxCertificateError(
        'legacy_p12',
        `the .p12 certificate uses legacy encryption (RC2/3DES) that Node.js 17+ refuses (${message}); ${PEM_ADVICE}`,
        err,
      );
    }
    if ('p12' in certificate && /mac verify failure|bad decrypt/i.test(message)) {
      throw new WxCertificateError(
        'bad_passphrase',
        `the .p12 certificate does not open with the configured passphrase (WXPAY_CERT_PASSPHRASE, default the mch_id): ${message}`,
        err,
      );
    }
    const what = 'p12' in certificate ? 'the .p12 certificate' : 'the certificate/key PEM pair';
    throw new WxCertificateError('invalid', `${what} cannot be used for TLS: ${message}`, err);
  }
  return options;
}

/** A keep-alive agent of its own that presents the merchant certificate; never shared with other traffic. */
export function createMerchantAgent(certificate: MerchantCertificate): Agent {
  return new Agent({ ...validateMerchantCertificate(certificate), keepAlive: true });
}
