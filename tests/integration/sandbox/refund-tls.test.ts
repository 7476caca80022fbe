// The sandbox's secapi front end (product.md, "Refunds", Sandbox): it answers only a caller that
// presents the merchant certificate over TLS, as WeChat's does — checked with raw HTTPS requests
// and with lib/wechatpay's refund client, whose typed errors the shop reports.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildXml, createRefundClient, nonce, parseXml, sign, WxCertificateRejectedError } from '@/lib/wechatpay';
import { base, merchant } from './helpers';
import { certFiles, merchantCertificate, newOutRefundNo, paidOrder, refundClient, sandboxCa, secapiBaseUrl } from './refunds';

const OTHER_MCH_ID = '1900000999';

let dir: string;
/** A certificate for our mch_id, from a CA the sandbox never heard of. */
let otherCa: { certPem: string; keyPem: string; ca: string };
/** A certificate the sandbox CA issued to another merchant. */
let otherMerchant: { certPem: string; keyPem: string; ca: string };

function openssl(...args: string[]) {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'refund-tls-'));
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'stranger-key.pem',
    '-out',
    'stranger-cert.pem',
    '-days',
    '1',
    '-subj',
    `/CN=${merchant.mchId}`,
  );
  openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'other-key.pem', '-out', 'other.csr', '-subj', `/CN=${OTHER_MCH_ID}`);
  openssl('x509', '-req', '-in', 'other.csr', '-CA', certFiles.ca, '-CAkey', certFiles.caKey, '-set_serial', '0x5a17', '-days', '1', '-out', 'other-cert.pem');
  const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');
  otherCa = { certPem: read('stranger-cert.pem'), keyPem: read('stranger-key.pem'), ca: sandboxCa };
  otherMerchant = { certPem: read('other-cert.pem'), keyPem: read('other-key.pem'), ca: sandboxCa };
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Raw {
  status: number;
  contentType: string | undefined;
  text: string;
}

/** One POST over TLS, trusting the sandbox CA, presenting `tls`'s certificate if any. */
function postTls(body: string, tls: { cert?: string; key?: string } = {}, url = `${secapiBaseUrl}/secapi/pay/refund`): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', ca: sandboxCa, ...tls, agent: false, headers: { 'Content-Type': 'text/xml' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function signedRefundXml(overrides: Record<string, string> = {}, key: string = merchant.key): string {
  const fields = {
    appid: merchant.appid,
    mch_id: merchant.mchId,
    nonce_str: nonce(),
    sign_type: 'HMAC-SHA256',
    out_trade_no: 'T000000unknown',
    out_refund_no: newOutRefundNo(),
    total_fee: '100',
    refund_fee: '100',
    ...overrides,
  };
  return buildXml({ ...fields, sign: sign(fields, key, 'HMAC-SHA256') });
}

const own = { cert: merchantCertificate.certPem, key: merchantCertificate.keyPem };

describe('the secapi TLS listener', () => {
  it('answers a caller without a certificate with HTTP 400 "No required SSL certificate was sent"', async () => {
    const reply = await postTls(signedRefundXml());
    expect(reply.status).toBe(400);
    expect(reply.contentType).toMatch(/^text\/html/);
    expect(reply.text).toContain('No required SSL certificate was sent');
  });

  it('answers a certificate from another CA with HTTP 400 "The SSL certificate error", which the client reports as not_trusted', async () => {
    const reply = await postTls(signedRefundXml(), { cert: otherCa.certPem, key: otherCa.keyPem });
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('The SSL certificate error');
    const order = await paidOrder(100);
    const err = await refundClient(otherCa)
      .refund({ outTradeNo: order.outTradeNo, outRefundNo: newOutRefundNo(), totalFee: 100, refundFee: 100 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WxCertificateRejectedError);
    expect((err as WxCertificateRejectedError).rejection).toBe('not_trusted');
  });

  it("answers another merchant's certificate with return_code FAIL certificate not match", async () => {
    const reply = await postTls(signedRefundXml(), { cert: otherMerchant.certPem, key: otherMerchant.keyPem });
    expect(reply.status).toBe(200);
    expect(parseXml(reply.text)).toEqual({ return_code: 'FAIL', return_msg: 'certificate not match' });
    const order = await paidOrder(100);
    const input = { outTradeNo: order.outTradeNo, outRefundNo: newOutRefundNo(), totalFee: 100, refundFee: 100 };
    const err = await refundClient(otherMerchant)
      .refund(input)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WxCertificateRejectedError);
    expect((err as WxCertificateRejectedError).rejection).toBe('not_match');
    // Our own certificate, for a request in another mch_id's name: the same answer.
    const asOther = await refundClient(merchantCertificate, OTHER_MCH_ID)
      .refund(input)
      .catch((e: unknown) => e);
    expect((asOther as WxCertificateRejectedError).rejection).toBe('not_match');
    // Nothing was refunded by either: the right certificate still refunds the whole amount.
    await expect(refundClient().refund(input)).resolves.toMatchObject({ refundFee: 100 });
  });

  it('checks the request like every v2 endpoint once the certificate is right', async () => {
    const badSign = await postTls(signedRefundXml({}, 'WrongKeyWrongKeyWrongKeyWrongKey'), own);
    expect(parseXml(badSign.text)).toEqual({ return_code: 'FAIL', return_msg: '签名错误' });
    const notXml = await postTls('not xml', own);
    expect(parseXml(notXml.text)).toEqual({ return_code: 'FAIL', return_msg: 'XML格式错误' });
    const lacking = parseXml((await postTls(signedRefundXml({ refund_fee: '' }), own)).text);
    expect(lacking).toMatchObject({ return_code: 'SUCCESS', result_code: 'FAIL', err_code: 'LACK_PARAMS' });
    await expect(refundClient().refundQuery({ outRefundNo: newOutRefundNo() })).rejects.toMatchObject({ errCode: 'REFUNDNOTEXIST' });
  });

  it('serves localhost as well as 127.0.0.1, and accepts the generated .p12 (AES, passphrase = mch_id)', async () => {
    const localhost = secapiBaseUrl.replace('127.0.0.1', 'localhost');
    const reply = await postTls(signedRefundXml(), own, `${localhost}/secapi/pay/refund`);
    expect(parseXml(reply.text)).toMatchObject({ return_code: 'SUCCESS', err_code: 'ORDERNOTEXIST' });
    const order = await paidOrder(100);
    const p12Client = refundClient({ p12: readFileSync(certFiles.merchantP12), passphrase: merchant.mchId, ca: sandboxCa });
    await expect(p12Client.refund({ outTradeNo: order.outTradeNo, outRefundNo: newOutRefundNo(), totalFee: 100, refundFee: 100 })).resolves.toMatchObject({
      outTradeNo: order.outTradeNo,
    });
  });

  it('does not trust a server certificate nobody vouches for: without the sandbox CA the client refuses the server', async () => {
    const err = await refundClient({ certPem: merchantCertificate.certPem, keyPem: merchantCertificate.keyPem })
      .refund({ outTradeNo: 'T000000unknown', outRefundNo: newOutRefundNo(), totalFee: 100, refundFee: 100 })
      .catch((e: unknown) => e);
    expect((err as WxCertificateRejectedError).rejection).toBe('server_not_trusted');
  });
});

describe('/sandbox/secapi/pay/refund over plain HTTP', () => {
  it('answers like a missing certificate', async () => {
    const response = await fetch(`${base}/sandbox/secapi/pay/refund`, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: signedRefundXml() });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('No required SSL certificate was sent');
  });

  it('is what the client reports as not_sent when pointed there', async () => {
    const plain = createRefundClient({
      appid: merchant.appid,
      mchId: merchant.mchId,
      key: merchant.key,
      signType: 'HMAC-SHA256',
      baseUrl: `${base}/sandbox`,
      secapiBaseUrl: `${base}/sandbox`,
      certificate: merchantCertificate,
      // The plain-HTTP sandbox cannot be reached with node:https; fetch stands in as the transport.
      secapiTransport: async (url, body, signal) => {
        const response = await fetch(url, { method: 'POST', body, signal });
        return { status: response.status, body: await response.text() };
      },
    });
    const err = await plain.refund({ outTradeNo: 'T000000unknown', outRefundNo: newOutRefundNo(), totalFee: 100, refundFee: 100 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WxCertificateRejectedError);
    expect((err as WxCertificateRejectedError).rejection).toBe('not_sent');
  });
});
