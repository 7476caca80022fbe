// The shop's refund client (secapi over mutual TLS, refundquery over HTTP), built on first use from
// the merchant certificate, so that `next build` and a live shop without a certificate never need
// one. Sandbox mode presents the certificate the sandbox generated and trusts the sandbox's CA, as a
// live shop presents its download and trusts the public roots.
import 'server-only';
import { readFileSync } from 'node:fs';
import { getEnv, type Env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { createRefundClient, WxCertificateError, type MerchantCertificate, type RefundClient } from '@/lib/wechatpay';

export const CERTIFICATE_ADVICE = 'set WXPAY_CERT_PEM and WXPAY_KEY_PEM (apiclient_cert.pem, apiclient_key.pem), or WXPAY_CERT_P12';

let client: RefundClient | undefined;

/** The client, or a 503 naming the variables to set (no certificate, or one that cannot be used). */
export function getRefundClient(): RefundClient {
  if (client) return client;
  const env = getEnv();
  const certificate = merchantCertificate(env);
  if (!certificate) throw new AppError('unavailable', `Refunds need the merchant API certificate: ${CERTIFICATE_ADVICE}`);
  try {
    client = createRefundClient({
      appid: env.WXPAY_APPID,
      mchId: env.WXPAY_MCH_ID,
      key: env.WXPAY_KEY,
      signType: env.WXPAY_SIGN_TYPE,
      baseUrl: env.WXPAY_BASE_URL,
      secapiBaseUrl: env.WXPAY_SECAPI_BASE_URL,
      certificate,
    });
  } catch (err) {
    if (err instanceof WxCertificateError) throw new AppError('unavailable', `The merchant API certificate cannot be used: ${err.message}`);
    throw err;
  }
  return client;
}

/** Whether a certificate is configured at all (the console shows the refund form or the advice). */
export function refundsConfigured(): boolean {
  const env = getEnv();
  return Boolean(env.WXPAY_CERT_PEM || env.WXPAY_CERT_P12);
}

function merchantCertificate(env: Env): MerchantCertificate | undefined {
  const ca = env.sandboxCaFile ? readFileSync(env.sandboxCaFile, 'utf8') : undefined;
  try {
    if (env.WXPAY_CERT_PEM && env.WXPAY_KEY_PEM) {
      return { certPem: readFileSync(env.WXPAY_CERT_PEM, 'utf8'), keyPem: readFileSync(env.WXPAY_KEY_PEM, 'utf8'), ca };
    }
    if (env.WXPAY_CERT_P12) return { p12: readFileSync(env.WXPAY_CERT_P12), passphrase: env.WXPAY_CERT_PASSPHRASE, ca };
  } catch (err) {
    throw new AppError('unavailable', `The merchant API certificate cannot be read (${(err as Error).message}): ${CERTIFICATE_ADVICE}`);
  }
  return undefined;
}
