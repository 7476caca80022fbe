import { request } from 'node:https';
import { createMerchantAgent, type MerchantCertificate } from './certificate';
import { WxNetworkError, WxProtocolError } from './errors';
import { MAX_XML_BYTES } from './xml';

export interface SecapiReply {
  status: number;
  body: string;
}

/** POSTs an XML body over mutual TLS; injectable so tests and an in-process sandbox can stand in for WeChat. */
export type SecapiTransport = (url: string, body: string, signal: AbortSignal) => Promise<SecapiReply>;

/** Uses node:https with an Agent of its own (never the global fetch dispatcher), so the certificate goes only to secapi. */
export function createSecapiTransport(certificate: MerchantCertificate): SecapiTransport {
  const agent = createMerchantAgent(certificate);
  return (url, body, signal) =>
    new Promise<SecapiReply>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          signal,
          headers: { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': Buffer.byteLength(body, 'utf8') },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_XML_BYTES) req.destroy(new Error(`secapi reply is larger than ${MAX_XML_BYTES} bytes`));
            else chunks.push(chunk);
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

/**
 * not_sent / not_trusted: WeChat's front end answered HTTP 400 (no client certificate, or one it does not trust);
 * not_match: return_code FAIL `certificate not match` (another merchant's certificate);
 * server_not_trusted: we do not trust the server's certificate.
 * In every case WeChat processed nothing, so the same out_refund_no can be sent once the certificate is fixed.
 */
export type CertificateRejection = 'not_sent' | 'not_trusted' | 'not_match' | 'server_not_trusted';

const REJECTION_ADVICE: Record<CertificateRejection, string> = {
  not_sent: 'WeChat Pay says no client certificate was sent (HTTP 400 "No required SSL certificate was sent")',
  not_trusted: 'WeChat Pay does not accept the merchant certificate (HTTP 400 "The SSL certificate error")',
  not_match: 'WeChat Pay says the merchant certificate belongs to another mch_id ("certificate not match")',
  server_not_trusted: "the secapi server's TLS certificate is not trusted (check WXPAY_SECAPI_BASE_URL and the CA)",
};

export class WxCertificateRejectedError extends WxProtocolError {
  override readonly code = 'CERTIFICATE_REJECTED';
  readonly rejection: CertificateRejection;

  constructor(rejection: CertificateRejection, detail: string, cause?: unknown) {
    super(detail);
    this.name = 'WxCertificateRejectedError';
    this.message = `${REJECTION_ADVICE[rejection]}: ${detail}`;
    this.rejection = rejection;
    if (cause !== undefined) this.cause = cause;
  }
}

// Codes Node gives when the server's own certificate fails verification.
const SERVER_CERT_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** What a failed transport call means: a timeout or network failure (outcome unknown) or a certificate problem. */
export function secapiTransportError(err: unknown, url: string, signal: AbortSignal, timeoutMs: number): Error {
  if (signal.aborted) return new WxNetworkError('TIMEOUT', `POST ${url} timed out after ${timeoutMs} ms`, err);
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && SERVER_CERT_CODES.has(code)) {
    return new WxCertificateRejectedError('server_not_trusted', `${code} from ${url}`, err);
  }
  // A dropped or reset handshake looks the same as a network failure (WeChat answers certificate problems over HTTP).
  return new WxNetworkError('NETWORK_ERROR', `POST ${url} failed`, err);
}

/** A non-200 secapi reply: the front end's certificate pages, or an HTTP failure whose outcome is unknown. */
export function secapiHttpError(reply: SecapiReply, url: string): Error {
  if (reply.status === 400 && /No required SSL certificate was sent/i.test(reply.body)) {
    return new WxCertificateRejectedError('not_sent', `HTTP 400 from ${url}`);
  }
  if (reply.status === 400 && /The SSL certificate error/i.test(reply.body)) {
    return new WxCertificateRejectedError('not_trusted', `HTTP 400 from ${url}`);
  }
  return new WxNetworkError('NETWORK_ERROR', `POST ${url} answered HTTP ${reply.status}`);
}
