import { describe, expect, it } from 'vitest';
import { createWechatPayClient } from '@/lib/wechatpay/client';
import { WechatPayError, WxBusinessError, WxNetworkError, WxProtocolError, WxSignatureError, WxXmlError } from '@/lib/wechatpay/errors';
import { signMessage, verify } from '@/lib/wechatpay/sign';
import type { SignType, UnifiedOrderInput, WechatPayConfig, WxFields } from '@/lib/wechatpay/types';
import { buildXml, parseXml } from '@/lib/wechatpay/xml';

const KEY = '192006250b4c09247ec02edce69f6a2d';
const BASE = 'https://wx.test/sandbox';

const ORDER: UnifiedOrderInput = {
  outTradeNo: '000123',
  totalFee: 1,
  body: 'Demo store-Mug',
  productId: 'mug',
  notifyUrl: 'https://shop.test/api/wxpay/notify',
  clientIp: '203.0.113.7',
  expiresAt: new Date('2026-01-01T00:00:00Z'),
};

interface Sent {
  url: string;
  init: RequestInit;
  xml: string;
  fields: WxFields;
}

/** A fake WeChat: records each request and answers with what `respond` returns. */
function fakeWechat(respond: (request: WxFields, init: RequestInit) => Response | Promise<Response>, config: Partial<WechatPayConfig> = {}) {
  const sent: Sent[] = [];
  const fetch: typeof globalThis.fetch = async (input, init = {}) => {
    const xml = String(init.body);
    const fields = parseXml(xml);
    sent.push({ url: String(input), init, xml, fields });
    return respond(fields, init);
  };
  const client = createWechatPayClient({
    appid: 'wx2421b1c4370ec43b',
    mchId: '10000100',
    key: KEY,
    signType: 'HMAC-SHA256',
    baseUrl: `${BASE}/`,
    fetch,
    ...config,
  });
  return { client, sent };
}

/** A signed reply, SUCCESS/SUCCESS unless `fields` says otherwise, as WeChat would send it. */
function signedReply(fields: Record<string, string | number>, signer: { key: string; type: SignType } = { key: KEY, type: 'HMAC-SHA256' }): Response {
  const reply = {
    return_code: 'SUCCESS',
    return_msg: 'OK',
    appid: 'wx2421b1c4370ec43b',
    mch_id: '10000100',
    nonce_str: 'IITRi8Iabbblz1Jc',
    result_code: 'SUCCESS',
    ...fields,
  };
  return new Response(buildXml(signMessage(reply, signer.key, signer.type)));
}

const NATIVE_REPLY = { trade_type: 'NATIVE', prepay_id: 'wx201410272009395522657a690389285100', code_url: 'weixin://wxpay/bizpayurl?pr=Mvasgua' };

describe('unifiedOrder', () => {
  it('posts a signed NATIVE request and maps the reply', async () => {
    const { client, sent } = fakeWechat(() => signedReply(NATIVE_REPLY));

    await expect(client.unifiedOrder({ ...ORDER, attach: 'cart-9' })).resolves.toEqual({
      prepayId: 'wx201410272009395522657a690389285100',
      codeUrl: 'weixin://wxpay/bizpayurl?pr=Mvasgua',
    });

    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request.url).toBe(`${BASE}/pay/unifiedorder`);
    expect(request.init.method).toBe('POST');
    expect(request.init.headers).toEqual({ 'Content-Type': 'text/xml; charset=utf-8' });
    expect(request.fields).toMatchObject({
      appid: 'wx2421b1c4370ec43b',
      mch_id: '10000100',
      sign_type: 'HMAC-SHA256',
      body: 'Demo store-Mug',
      attach: 'cart-9',
      out_trade_no: '000123',
      total_fee: '1',
      spbill_create_ip: '203.0.113.7',
      time_expire: '20260101080000',
      notify_url: 'https://shop.test/api/wxpay/notify',
      trade_type: 'NATIVE',
      product_id: 'mug',
    });
    expect(request.fields.nonce_str).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(request.xml).toContain('<total_fee>1</total_fee>');
    expect(verify(request.fields, KEY, 'HMAC-SHA256')).toBe(true);
  });

  it('signs with MD5 and says so when configured for MD5', async () => {
    const { client, sent } = fakeWechat(() => signedReply(NATIVE_REPLY, { key: KEY, type: 'MD5' }), { signType: 'MD5' });
    await client.unifiedOrder(ORDER);
    expect(sent[0].fields.sign_type).toBe('MD5');
    expect(sent[0].fields.sign).toHaveLength(32);
    expect(verify(sent[0].fields, KEY, 'MD5')).toBe(true);
  });

  it('leaves attach out when not given and uses a fresh nonce per request', async () => {
    const { client, sent } = fakeWechat(() => signedReply(NATIVE_REPLY));
    await client.unifiedOrder(ORDER);
    await client.unifiedOrder(ORDER);
    expect(sent[0].fields).not.toHaveProperty('attach');
    expect(sent[0].fields.nonce_str).not.toBe(sent[1].fields.nonce_str);
  });

  it('cuts body to 127 UTF-8 bytes', async () => {
    const { client, sent } = fakeWechat(() => signedReply(NATIVE_REPLY));
    await client.unifiedOrder({ ...ORDER, body: '咖啡'.repeat(40) });
    expect(sent[0].fields.body).toBe('咖啡'.repeat(21));
  });

  it.each([0, -1, 1.5, Number.NaN, 2 ** 53])('refuses totalFee %s before sending anything', async (totalFee) => {
    const { client, sent } = fakeWechat(() => signedReply(NATIVE_REPLY));
    await expect(client.unifiedOrder({ ...ORDER, totalFee })).rejects.toThrow(TypeError);
    expect(sent).toHaveLength(0);
  });

  it('treats a success reply without code_url as a bad response', async () => {
    const { client } = fakeWechat(() => signedReply({ trade_type: 'NATIVE', prepay_id: 'wx1' }));
    await expect(client.unifiedOrder(ORDER)).rejects.toMatchObject({ name: 'WechatPayError', code: 'BAD_RESPONSE' });
  });
});

describe('reply handling', () => {
  it('return_code FAIL (unsigned) → WxProtocolError with return_msg', async () => {
    const { client } = fakeWechat(() => new Response(buildXml({ return_code: 'FAIL', return_msg: '签名错误' })));
    const error = await client.unifiedOrder(ORDER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WxProtocolError);
    expect(error).toMatchObject({ name: 'WxProtocolError', code: 'RETURN_FAIL', returnMsg: '签名错误' });
  });

  it('a reply signed with another key → WxSignatureError keeping the fields', async () => {
    const { client } = fakeWechat(() => signedReply(NATIVE_REPLY, { key: 'x'.repeat(32), type: 'HMAC-SHA256' }));
    const error = await client.unifiedOrder(ORDER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WxSignatureError);
    expect(error).toMatchObject({ code: 'SIGN_ERROR', fields: { code_url: NATIVE_REPLY.code_url } });
  });

  it('a tampered field in a signed reply → WxSignatureError', async () => {
    const { client } = fakeWechat(async () => {
      const xml = await signedReply(NATIVE_REPLY).text();
      return new Response(xml.replace('pr=Mvasgua', 'pr=Evil123'));
    });
    await expect(client.unifiedOrder(ORDER)).rejects.toBeInstanceOf(WxSignatureError);
  });

  it('an unsigned SUCCESS reply → WxSignatureError', async () => {
    const { client } = fakeWechat(
      () => new Response(buildXml({ return_code: 'SUCCESS', appid: 'wx2421b1c4370ec43b', mch_id: '10000100', result_code: 'SUCCESS', ...NATIVE_REPLY })),
    );
    await expect(client.unifiedOrder(ORDER)).rejects.toBeInstanceOf(WxSignatureError);
  });

  it('an MD5-signed reply to an HMAC request → WxSignatureError', async () => {
    const { client } = fakeWechat(() => signedReply(NATIVE_REPLY, { key: KEY, type: 'MD5' }));
    await expect(client.unifiedOrder(ORDER)).rejects.toBeInstanceOf(WxSignatureError);
  });

  it('checks the signature before result_code: a forged ORDERPAID is a signature error', async () => {
    const { client } = fakeWechat(
      () => new Response(buildXml({ return_code: 'SUCCESS', result_code: 'FAIL', err_code: 'ORDERPAID', err_code_des: '订单已支付', sign: 'F'.repeat(64) })),
    );
    await expect(client.closeOrder('000123')).rejects.toBeInstanceOf(WxSignatureError);
  });

  it('a signed reply for another merchant → WechatPayError MISMATCH', async () => {
    const { client } = fakeWechat(() => signedReply({ ...NATIVE_REPLY, mch_id: '10000999' }));
    const error = await client.unifiedOrder(ORDER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatPayError);
    expect(error).toMatchObject({ code: 'MISMATCH' });
  });

  it('a reply that is not XML → WxXmlError', async () => {
    const { client } = fakeWechat(() => new Response('<html><body>502 Bad Gateway</body></html>'));
    await expect(client.unifiedOrder(ORDER)).rejects.toBeInstanceOf(WxXmlError);
  });

  it('HTTP 500 → WxNetworkError NETWORK_ERROR', async () => {
    const { client } = fakeWechat(() => new Response('oops', { status: 500 }));
    const error = await client.orderQuery('000123').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WxNetworkError);
    expect(error).toMatchObject({ code: 'NETWORK_ERROR' });
    expect((error as Error).message).toContain('500');
  });

  it('a rejected fetch → WxNetworkError NETWORK_ERROR naming the URL, never the key', async () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const { client } = fakeWechat(() => Promise.reject(refused));
    const error = await client.orderQuery('000123').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WxNetworkError);
    expect(error).toMatchObject({ name: 'WxNetworkError', code: 'NETWORK_ERROR', cause: refused });
    expect((error as Error).message).toContain(`${BASE}/pay/orderquery`);
    expect((error as Error).message).not.toContain(KEY);
  });

  it('no answer within timeoutMs → WxNetworkError TIMEOUT', async () => {
    const never = (_request: WxFields, init: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const { client } = fakeWechat(never, { timeoutMs: 20 });
    const error = await client.closeOrder('000123').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WxNetworkError);
    expect(error).toMatchObject({ code: 'TIMEOUT' });
  });
});

describe('orderQuery', () => {
  it('maps a paid order', async () => {
    const { client, sent } = fakeWechat(() =>
      signedReply({
        trade_state: 'SUCCESS',
        trade_state_desc: '支付成功',
        out_trade_no: '000123',
        transaction_id: '4200000540202005267407409907',
        total_fee: 100,
        time_end: '20260101080000',
        openid: 'oUpF8uMEb4qRXf22hE3X68TekukE',
      }),
    );
    const result = await client.orderQuery('000123');

    expect(sent[0].url).toBe(`${BASE}/pay/orderquery`);
    expect(sent[0].fields.out_trade_no).toBe('000123');
    expect(result).toMatchObject({
      outTradeNo: '000123',
      tradeState: 'SUCCESS',
      tradeStateDesc: '支付成功',
      transactionId: '4200000540202005267407409907',
      totalFee: 100,
      paidAt: new Date('2026-01-01T00:00:00Z'),
    });
    expect(result.raw.openid).toBe('oUpF8uMEb4qRXf22hE3X68TekukE');
  });

  it('maps an unpaid order, reading empty elements as absent', async () => {
    const { client } = fakeWechat(() =>
      signedReply({ trade_state: 'NOTPAY', trade_state_desc: '订单未支付', out_trade_no: '000123', total_fee: 1, device_info: '', time_end: '' }),
    );
    const result = await client.orderQuery('000123');
    expect(result).toMatchObject({ tradeState: 'NOTPAY', totalFee: 1 });
    expect(result.paidAt).toBeUndefined();
    expect(result.transactionId).toBeUndefined();
  });

  it.each([
    ['an unknown trade_state', { trade_state: 'PAID' }],
    ['a decimal total_fee', { total_fee: '1.00' }],
    ['an impossible time_end', { time_end: '20261301080000' }],
  ])('treats %s as a bad response', async (_label, override) => {
    const { client } = fakeWechat(() => signedReply({ trade_state: 'SUCCESS', out_trade_no: '000123', total_fee: 1, time_end: '20260101080000', ...override }));
    await expect(client.orderQuery('000123')).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });

  it('refuses an answer about another order', async () => {
    const { client } = fakeWechat(() => signedReply({ trade_state: 'SUCCESS', out_trade_no: '000124' }));
    await expect(client.orderQuery('000123')).rejects.toMatchObject({ code: 'MISMATCH' });
  });

  it('ORDERNOTEXIST → WxBusinessError', async () => {
    const { client } = fakeWechat(() => signedReply({ result_code: 'FAIL', err_code: 'ORDERNOTEXIST', err_code_des: '此交易订单号不存在' }));
    await expect(client.orderQuery('000123')).rejects.toMatchObject({ name: 'WxBusinessError', errCode: 'ORDERNOTEXIST' });
  });
});

describe('closeOrder', () => {
  it('resolves on success', async () => {
    const { client, sent } = fakeWechat(() => signedReply({ result_msg: 'OK' }));
    await expect(client.closeOrder('000123')).resolves.toBeUndefined();
    expect(sent[0].url).toBe(`${BASE}/pay/closeorder`);
    expect(sent[0].fields).toMatchObject({ out_trade_no: '000123', sign_type: 'HMAC-SHA256' });
  });

  it.each(['ORDERPAID', 'ORDERCLOSED', 'SYSTEMERROR', 'ORDERNOTEXIST'])('%s → WxBusinessError with that errCode', async (errCode) => {
    const { client } = fakeWechat(() => signedReply({ result_code: 'FAIL', err_code: errCode, err_code_des: 'desc' }));
    const error = await client.closeOrder('000123').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WxBusinessError);
    expect(error).toMatchObject({ name: 'WxBusinessError', errCode, code: errCode, errCodeDes: 'desc' });
  });
});
