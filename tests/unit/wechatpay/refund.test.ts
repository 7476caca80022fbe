import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MerchantCertificate } from '@/lib/wechatpay/certificate';
import { WechatPayError, WxNetworkError, WxProtocolError, WxSignatureError } from '@/lib/wechatpay/errors';
import {
  createRefundClient,
  REFUND_ERROR_CODES,
  refundQueryFields,
  toRefundQueryResult,
  WxRefundError,
  type RefundClientConfig,
  type RefundInput,
} from '@/lib/wechatpay/refund';
import { WxCertificateRejectedError } from '@/lib/wechatpay/secapi';
import { signMessage, verify } from '@/lib/wechatpay/sign';
import type { WxFields } from '@/lib/wechatpay/types';
import { buildXml, parseXml } from '@/lib/wechatpay/xml';
import { makeTestCertificates, type TestCertificates } from './test-certs';

const KEY = '192006250b4c09247ec02edce69f6a2d';
const APPID = 'wx2421b1c4370ec43b';
const MCH_ID = '1900000109';

const REFUND: RefundInput = {
  transactionId: '4200000015201711256947025404',
  outRefundNo: 'R20261201000001',
  totalFee: 600,
  refundFee: 250,
  refundDesc: '退货',
  notifyUrl: 'https://shop.test/api/wxpay/refund-notify',
};

function signedReply(fields: Record<string, string | number>, key = KEY): string {
  const reply = {
    return_code: 'SUCCESS',
    return_msg: 'OK',
    appid: APPID,
    mch_id: MCH_ID,
    nonce_str: 'IITRi8Iabbblz1Jc',
    result_code: 'SUCCESS',
    ...fields,
  };
  return buildXml(signMessage(reply, key, 'HMAC-SHA256'));
}

function acceptedReply(request: WxFields): string {
  return signedReply({
    transaction_id: request.transaction_id ?? '4200000015201711256947025404',
    out_trade_no: request.out_trade_no ?? 'ORDER0001',
    out_refund_no: request.out_refund_no,
    refund_id: '50000404922017112502468056157',
    refund_fee: request.refund_fee,
    settlement_refund_fee: request.refund_fee,
    total_fee: request.total_fee,
    cash_fee: request.total_fee,
    cash_refund_fee: request.refund_fee,
  });
}

interface Received {
  path: string;
  fields: WxFields;
}

/** WeChat's secapi front end as product.md describes it: client certificate checks first, then the XML API. */
let certs: TestCertificates;
let server: Server;
let secapiBaseUrl: string;
let respond: (request: WxFields) => string | undefined;
const received: Received[] = [];

beforeAll(async () => {
  certs = makeTestCertificates();
  server = createServer({ key: certs.serverKeyPem, cert: certs.serverCertPem, ca: certs.caPem, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    const socket = req.socket as TLSSocket;
    const peer = socket.getPeerCertificate();
    const html = (text: string) => {
      res.writeHead(400, { 'Content-Type': 'text/html' });
      res.end(`<html><head><title>400 ${text}</title></head><body><center><h1>400 Bad Request</h1></center><center>${text}</center></body></html>`);
    };
    if (!peer || !peer.subject) return html('No required SSL certificate was sent');
    if (!socket.authorized) return html('The SSL certificate error');
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const fields = parseXml(body);
      received.push({ path: req.url ?? '', fields });
      if (peer.subject.CN !== fields.mch_id) {
        res.end(buildXml({ return_code: 'FAIL', return_msg: 'certificate not match' }));
        return;
      }
      const reply = respond(fields);
      // undefined: never answer, as a stalled upstream would.
      if (reply !== undefined) res.end(reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  secapiBaseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox/`;
}, 60_000);

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function client(certificate: Partial<MerchantCertificate> | MerchantCertificate = {}, config: Partial<RefundClientConfig> = {}) {
  const base = { certPem: certs.clientCertPem, keyPem: certs.clientKeyPem, ca: certs.caPem };
  return createRefundClient({
    appid: APPID,
    mchId: MCH_ID,
    key: KEY,
    signType: 'HMAC-SHA256',
    baseUrl: 'https://wx.test/sandbox',
    secapiBaseUrl,
    certificate: { ...base, ...certificate } as MerchantCertificate,
    timeoutMs: 2000,
    ...config,
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
}

describe('refund over mutual TLS', () => {
  it('posts a signed request to /secapi/pay/refund and maps the accepted reply', async () => {
    respond = acceptedReply;
    received.length = 0;
    const result = await client().refund(REFUND);
    expect(result).toMatchObject({
      refundId: '50000404922017112502468056157',
      outRefundNo: REFUND.outRefundNo,
      outTradeNo: 'ORDER0001',
      transactionId: REFUND.transactionId,
      totalFee: 600,
      refundFee: 250,
      settlementRefundFee: 250,
      cashRefundFee: 250,
    });
    const [{ path, fields }] = received;
    expect(path).toBe('/sandbox/secapi/pay/refund');
    expect(fields).toMatchObject({
      appid: APPID,
      mch_id: MCH_ID,
      sign_type: 'HMAC-SHA256',
      transaction_id: REFUND.transactionId,
      out_refund_no: REFUND.outRefundNo,
      total_fee: '600',
      refund_fee: '250',
      refund_desc: '退货',
      notify_url: REFUND.notifyUrl,
    });
    expect(fields.out_trade_no).toBeUndefined();
    expect(verify(fields, KEY, 'HMAC-SHA256')).toBe(true);
  });

  it('works with the .p12 form of the certificate', async () => {
    respond = acceptedReply;
    const result = await client({ p12: certs.clientP12, passphrase: certs.p12Passphrase, ca: certs.caPem } as MerchantCertificate).refund({
      outTradeNo: 'ORDER0001',
      outRefundNo: 'R2',
      totalFee: 1,
      refundFee: 1,
    });
    expect(result.refundFee).toBe(1);
  });

  it('names the certificate problem when none is presented', async () => {
    const fake = client(
      {},
      {
        secapiTransport: async () => ({ status: 400, body: '<html><center>No required SSL certificate was sent</center></html>' }),
      },
    );
    const err = await rejection(fake.refund(REFUND));
    expect(err).toBeInstanceOf(WxCertificateRejectedError);
    expect(err).toBeInstanceOf(WxProtocolError);
    expect(err).toMatchObject({ code: 'CERTIFICATE_REJECTED', rejection: 'not_sent' });
    expect((err as Error).message).toContain('No required SSL certificate was sent');
  });

  it('names the certificate problem when the front end does not trust it', async () => {
    const err = await rejection(client({ certPem: certs.strangerCertPem, keyPem: certs.strangerKeyPem }).refund(REFUND));
    expect(err).toBeInstanceOf(WxCertificateRejectedError);
    expect(err).toMatchObject({ rejection: 'not_trusted' });
    expect((err as Error).message).toContain('The SSL certificate error');
  });

  it('names the certificate problem for another merchant certificate (return_code FAIL certificate not match)', async () => {
    const err = await rejection(client({ certPem: certs.otherMerchantCertPem, keyPem: certs.otherMerchantKeyPem }).refund(REFUND));
    expect(err).toBeInstanceOf(WxCertificateRejectedError);
    expect(err).toMatchObject({ rejection: 'not_match', returnMsg: 'certificate not match' });
  });

  it('says so when the server certificate is not trusted', async () => {
    const err = await rejection(client({ ca: undefined }).refund(REFUND));
    expect(err).toBeInstanceOf(WxCertificateRejectedError);
    expect(err).toMatchObject({ rejection: 'server_not_trusted' });
  });

  // WeChat's front end asks for a certificate but answers over HTTP (above); a server that drops the connection
  // instead is indistinguishable from a network failure, so it stays one (the same out_refund_no is sent again).
  it('treats a server dropping the handshake as a network error', async () => {
    const strict = createServer(
      { key: certs.serverKeyPem, cert: certs.serverCertPem, ca: certs.caPem, requestCert: true, rejectUnauthorized: true },
      (_req, res) => res.end(),
    );
    await new Promise<void>((resolve) => strict.listen(0, '127.0.0.1', resolve));
    try {
      const url = `https://127.0.0.1:${(strict.address() as AddressInfo).port}`;
      const err = await rejection(client({ certPem: certs.strangerCertPem, keyPem: certs.strangerKeyPem }, { secapiBaseUrl: url }).refund(REFUND));
      expect(err).toBeInstanceOf(WxNetworkError);
      expect(err).toMatchObject({ code: 'NETWORK_ERROR' });
    } finally {
      strict.closeAllConnections();
      await new Promise((resolve) => strict.close(resolve));
    }
  });

  it('turns a stalled reply into a TIMEOUT WxNetworkError', async () => {
    respond = () => undefined;
    const err = await rejection(client({}, { timeoutMs: 300 }).refund(REFUND));
    expect(err).toBeInstanceOf(WxNetworkError);
    expect(err).toMatchObject({ code: 'TIMEOUT' });
  });

  it('treats another HTTP status as an unknown outcome', async () => {
    const fake = client({}, { secapiTransport: async () => ({ status: 502, body: 'Bad Gateway' }) });
    await expect(fake.refund(REFUND)).rejects.toMatchObject({ name: 'WxNetworkError', code: 'NETWORK_ERROR' });
  });

  it('checks the reply signature before result_code', async () => {
    respond = () => signedReply({ result_code: 'FAIL', err_code: 'NOTENOUGH', err_code_des: '基本账户余额不足' }, 'another-key');
    await expect(client().refund(REFUND)).rejects.toBeInstanceOf(WxSignatureError);
  });

  it('refuses an accepted reply for another out_refund_no or amount', async () => {
    respond = (request) => acceptedReply({ ...request, refund_fee: '251' });
    await expect(client().refund(REFUND)).rejects.toMatchObject({ code: 'MISMATCH' });
  });

  it('refuses bad input before sending anything', async () => {
    const c = client();
    await expect(c.refund({ ...REFUND, refundFee: 601 })).rejects.toBeInstanceOf(TypeError);
    await expect(c.refund({ ...REFUND, refundFee: 2.5 })).rejects.toBeInstanceOf(TypeError);
    await expect(c.refund({ ...REFUND, outRefundNo: 'has space' })).rejects.toBeInstanceOf(TypeError);
    await expect(c.refund({ outRefundNo: 'R1', totalFee: 1, refundFee: 1 } as RefundInput)).rejects.toBeInstanceOf(TypeError);
  });

  it.each([
    ['SYSTEMERROR', 'same_out_refund_no', true],
    ['BIZERR_NEED_RETRY', 'same_out_refund_no', true],
    ['FREQUENCY_LIMITED', 'same_out_refund_no', true],
    ['NOTENOUGH', 'after_operator', false],
    ['INVALID_REQ_TOO_MUCH', 'after_operator', false],
    ['INVALID_REQUEST', 'never', false],
    ['ORDERNOTEXIST', 'never', false],
    ['TRADE_OVERDUE', 'never', false],
    ['USER_ACCOUNT_ABNORMAL', 'never', false],
    ['SOMETHING_NEW', 'never', false],
  ])('maps err_code %s to retry %s', async (errCode, retry, retryable) => {
    respond = () => signedReply({ result_code: 'FAIL', err_code: errCode, err_code_des: 'x' });
    const err = await rejection(client().refund(REFUND));
    expect(err).toBeInstanceOf(WxRefundError);
    expect(err).toMatchObject({ errCode, code: errCode, retry, retryable });
  });

  it('knows every err_code of spec §7 and §8', () => {
    const refund = [
      'SYSTEMERROR',
      'BIZERR_NEED_RETRY',
      'TRADE_OVERDUE',
      'ERROR',
      'USER_ACCOUNT_ABNORMAL',
      'INVALID_REQ_TOO_MUCH',
      'NOTENOUGH',
      'INVALID_TRANSACTIONID',
      'PARAM_ERROR',
      'APPID_NOT_EXIST',
      'MCHID_NOT_EXIST',
      'ORDERNOTEXIST',
      'REQUIRE_POST_METHOD',
      'SIGNERROR',
      'XML_FORMAT_ERROR',
      'FREQUENCY_LIMITED',
    ];
    const refundQuery = [
      'SYSTEMERROR',
      'REFUNDNOTEXIST',
      'INVALID_TRANSACTIONID',
      'PARAM_ERROR',
      'APPID_NOT_EXIST',
      'MCHID_NOT_EXIST',
      'REQUIRE_POST_METHOD',
      'SIGNERROR',
      'XML_FORMAT_ERROR',
    ];
    for (const code of [...refund, ...refundQuery, 'INVALID_REQUEST']) expect(REFUND_ERROR_CODES).toHaveProperty(code);
  });
});

describe('refundQuery', () => {
  function fakeQuery(pages: (request: WxFields) => Record<string, string | number>) {
    const sent: { url: string; fields: WxFields }[] = [];
    const fetch: typeof globalThis.fetch = async (input, init = {}) => {
      const fields = parseXml(String(init.body));
      sent.push({ url: String(input), fields });
      return new Response(signedReply(pages(fields)));
    };
    return { c: client({}, { fetch }), sent };
  }

  const refundFields = (n: number, i: number, status = 'SUCCESS') => ({
    [`out_refund_no_${n}`]: `R${i}`,
    [`refund_id_${n}`]: `5000${i}`,
    [`refund_channel_${n}`]: 'ORIGINAL',
    [`refund_fee_${n}`]: 100 + i,
    [`settlement_refund_fee_${n}`]: 100 + i,
    [`refund_status_${n}`]: status,
    [`refund_account_${n}`]: 'REFUND_SOURCE_UNSETTLED_FUNDS',
    [`refund_recv_accout_${n}`]: '支付用户的零钱',
    ...(status === 'SUCCESS' ? { [`refund_success_time_${n}`]: '2026-12-01 10:00:0' + (i % 10) } : {}),
  });

  it('reads the indexed fields into an array', async () => {
    const { c, sent } = fakeQuery(() => ({
      out_trade_no: 'ORDER0001',
      transaction_id: '4200000015201711256947025404',
      total_fee: 600,
      cash_fee: 600,
      refund_count: 2,
      total_refund_count: 2,
      ...refundFields(0, 1),
      ...refundFields(1, 2, 'PROCESSING'),
    }));
    const result = await c.refundQuery({ outRefundNo: 'R1' });
    expect(sent[0].url).toBe('https://wx.test/sandbox/pay/refundquery');
    expect(sent[0].fields).toMatchObject({ out_refund_no: 'R1' });
    expect(sent[0].fields.offset).toBeUndefined();
    expect(result).toMatchObject({ outTradeNo: 'ORDER0001', totalFee: 600, totalRefundCount: 2 });
    expect(result.refunds).toEqual([
      {
        outRefundNo: 'R1',
        refundId: '50001',
        refundFee: 101,
        settlementRefundFee: 101,
        couponRefundFee: undefined,
        refundStatus: 'SUCCESS',
        refundChannel: 'ORIGINAL',
        refundAccount: 'REFUND_SOURCE_UNSETTLED_FUNDS',
        refundRecvAccout: '支付用户的零钱',
        successTime: new Date('2026-12-01T02:00:01Z'),
      },
      expect.objectContaining({ outRefundNo: 'R2', refundStatus: 'PROCESSING', successTime: undefined }),
    ]);
  });

  it('writes the indexed fields back (the sandbox side)', async () => {
    const { c } = fakeQuery(() => ({
      out_trade_no: 'ORDER0001',
      transaction_id: 'T1',
      total_fee: 600,
      refund_count: 2,
      total_refund_count: 2,
      ...refundFields(0, 1),
      ...refundFields(1, 2, 'CHANGE'),
    }));
    const { raw, ...result } = await c.refundQuery({ outTradeNo: 'ORDER0001' });
    const written = refundQueryFields(result);
    expect(
      Object.fromEntries(
        Object.entries(written)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, String(v)]),
      ),
    ).toEqual(
      Object.fromEntries(
        Object.entries(raw).filter(([k]) => !['return_code', 'return_msg', 'appid', 'mch_id', 'nonce_str', 'result_code', 'sign'].includes(k)),
      ),
    );
    const reread = toRefundQueryResult(Object.fromEntries(Object.entries(written).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]))));
    expect({ ...reread, raw: undefined }).toEqual({ ...result, raw: undefined });
  });

  it('pages with offset until total_refund_count is reached', async () => {
    const total = 23;
    const { c, sent } = fakeQuery((request) => {
      const offset = Number(request.offset ?? 0);
      const count = Math.min(10, total - offset);
      const fields: Record<string, string | number> = {
        out_trade_no: 'ORDER0001',
        transaction_id: '4200000015201711256947025404',
        total_fee: 100_000,
        refund_count: count,
        total_refund_count: total,
      };
      for (let n = 0; n < count; n++) Object.assign(fields, refundFields(n, offset + n));
      return fields;
    });
    const result = await c.refundQueryAll({ outTradeNo: 'ORDER0001' });
    expect(sent.map((s) => s.fields.offset)).toEqual([undefined, '10', '20']);
    expect(result.refunds.map((r) => r.outRefundNo)).toEqual(Array.from({ length: total }, (_, i) => `R${i}`));
  });

  it('maps REFUNDNOTEXIST to a refused WxRefundError and rejects an unknown status', async () => {
    const missing = fakeQuery(() => ({ result_code: 'FAIL', err_code: 'REFUNDNOTEXIST', err_code_des: 'not exist' }));
    await expect(missing.c.refundQuery({ refundId: '1' })).rejects.toMatchObject({ name: 'WxRefundError', retry: 'never' });
    const odd = fakeQuery(() => ({ out_trade_no: 'O', transaction_id: 'T', total_fee: 1, refund_count: 1, ...refundFields(0, 1, 'FAIL') }));
    await expect(odd.c.refundQuery({ transactionId: 'T' })).rejects.toBeInstanceOf(WechatPayError);
  });
});
