// The v2 envelope shared by every /sandbox/pay endpoint, over raw HTTP: what WeChat answers before
// any business logic runs, and the shape of every reply.
import { describe, expect, it } from 'vitest';
import { buildXml, nonce, sign } from '@/lib/wechatpay';
import { base, callV2, expectEnvelope, merchant, newOutTradeNo, orderFields, postXml } from './helpers';

function signedXml(fields: Record<string, string>, signType: 'MD5' | 'HMAC-SHA256' = 'MD5', key: string = merchant.key) {
  return buildXml({ ...fields, sign: sign(fields, key, signType) });
}

function queryFields(overrides: Record<string, string> = {}) {
  return { appid: merchant.appid, mch_id: merchant.mchId, nonce_str: nonce(), out_trade_no: newOutTradeNo(), ...overrides };
}

describe('sandbox v2 envelope', () => {
  it('answers GET with XML return_code FAIL 请使用post方法 and HTTP 200', async () => {
    const response = await fetch(`${base}/sandbox/pay/orderquery`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await response.text()).toBe('<xml><return_code><![CDATA[FAIL]]></return_code><return_msg><![CDATA[请使用post方法]]></return_msg></xml>');
  });

  it('refuses an empty body with post数据为空', async () => {
    const reply = await postXml('unifiedorder', '');
    expectEnvelope(reply, 'MD5');
    expect(reply.fields).toEqual({ return_code: 'FAIL', return_msg: 'post数据为空' });
  });

  it.each([
    ['a DOCTYPE', '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><appid>&x;</appid></xml>'],
    ['plain text', 'return_code=SUCCESS'],
    ['JSON', '{"appid":"wx"}'],
    ['nested elements', '<xml><appid><inner>1</inner></appid></xml>'],
    ['an unclosed element', '<xml><appid>wx</xml>'],
    ['more than 64 KB', `<xml><body>${'x'.repeat(70 * 1024)}</body></xml>`],
  ])('refuses %s with XML格式错误', async (_what, body) => {
    const reply = await postXml('unifiedorder', body);
    expectEnvelope(reply, 'MD5');
    expect(reply.fields).toEqual({ return_code: 'FAIL', return_msg: 'XML格式错误' });
  });

  it.each(['md5', 'HMAC-SHA1', 'SHA256', 'hmac-sha256'])('refuses sign_type %s with 签名类型不支持', async (signType) => {
    const fields = queryFields({ sign_type: signType });
    const reply = await postXml('orderquery', signedXml(fields));
    expectEnvelope(reply, 'MD5');
    expect(reply.fields).toEqual({ return_code: 'FAIL', return_msg: '签名类型不支持' });
  });

  it('refuses a request without mch_id', async () => {
    const { mch_id: _omitted, ...fields } = queryFields();
    const reply = await postXml('orderquery', signedXml(fields));
    expectEnvelope(reply, 'MD5');
    expect(reply.fields).toEqual({ return_code: 'FAIL', return_msg: '缺少参数mch_id' });
  });

  it('refuses an unknown mch_id unsigned (it has no key to sign with)', async () => {
    const reply = await postXml('orderquery', signedXml(queryFields({ mch_id: '1234567890' })));
    expectEnvelope(reply, 'MD5');
    expect(reply.fields).toEqual({ return_code: 'FAIL', return_msg: 'mch_id参数格式错误' });
  });

  it('refuses a wrong signature with return_code FAIL 签名错误, unsigned', async () => {
    const reply = await postXml('orderquery', signedXml(queryFields(), 'MD5', 'WrongKeyWrongKeyWrongKeyWrongKey'));
    expectEnvelope(reply, 'MD5');
    expect(reply.fields).toEqual({ return_code: 'FAIL', return_msg: '签名错误' });
  });

  it('refuses a missing signature', async () => {
    const reply = await postXml('orderquery', buildXml(queryFields()));
    expect(reply.fields).toEqual({ return_code: 'FAIL', return_msg: '签名错误' });
  });

  it('verifies with the declared sign_type: an MD5 sign under sign_type HMAC-SHA256 is wrong', async () => {
    const fields = queryFields({ sign_type: 'HMAC-SHA256' });
    const reply = await postXml('orderquery', signedXml(fields, 'MD5'));
    expect(reply.fields).toEqual({ return_code: 'FAIL', return_msg: '签名错误' });
  });

  it('answers a signed request for another appid with APPID_MCHID_NOT_MATCH, signed', async () => {
    const reply = await callV2('orderquery', { appid: 'wx0000000000000bad', out_trade_no: newOutTradeNo() });
    expect(reply).toMatchObject({ return_code: 'SUCCESS', result_code: 'FAIL', err_code: 'APPID_MCHID_NOT_MATCH', appid: 'wx0000000000000bad' });
  });

  it('answers a request without appid with APPID_NOT_EXIST', async () => {
    const reply = await callV2('orderquery', { appid: undefined, out_trade_no: newOutTradeNo() });
    expect(reply).toMatchObject({ result_code: 'FAIL', err_code: 'APPID_NOT_EXIST' });
  });

  it('answers a request without nonce_str with LACK_PARAMS', async () => {
    const reply = await callV2('orderquery', { nonce_str: undefined, out_trade_no: newOutTradeNo() });
    expect(reply).toMatchObject({ result_code: 'FAIL', err_code: 'LACK_PARAMS', err_code_des: '缺少参数nonce_str' });
  });

  it('refuses 4-byte UTF-8 characters (emoji) with NOT_UTF8', async () => {
    const reply = await callV2('unifiedorder', orderFields({ body: 'Tea 🍵' }), { signType: 'HMAC-SHA256' });
    expect(reply).toMatchObject({ result_code: 'FAIL', err_code: 'NOT_UTF8' });
  });

  it('accepts an XML declaration, newlines, and values with and without CDATA', async () => {
    const fields = { ...queryFields(), sign_type: 'HMAC-SHA256' };
    const signature = sign(fields, merchant.key, 'HMAC-SHA256');
    const body = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<xml>',
      `  <appid><![CDATA[${fields.appid}]]></appid>`,
      `  <mch_id>${fields.mch_id}</mch_id>`,
      `  <nonce_str>${fields.nonce_str}</nonce_str>`,
      `  <out_trade_no><![CDATA[${fields.out_trade_no}]]></out_trade_no>`,
      `  <sign_type>HMAC-SHA256</sign_type>`,
      `  <sign><![CDATA[${signature}]]></sign>`,
      '</xml>',
      '',
    ].join('\r\n');
    const reply = await postXml('orderquery', body);
    expectEnvelope(reply, 'HMAC-SHA256');
    expect(reply.fields).toMatchObject({ return_code: 'SUCCESS', result_code: 'FAIL', err_code: 'ORDERNOTEXIST' });
  });

  it('signs SUCCESS replies with the request sign type, MD5 when sign_type is absent', async () => {
    const reply = await callV2('orderquery', { out_trade_no: newOutTradeNo() }, { omitSignType: true });
    expect(reply.return_code).toBe('SUCCESS');
    expect(reply.sign).toMatch(/^[0-9A-F]{32}$/);
    const hmac = await callV2('orderquery', { out_trade_no: newOutTradeNo() }, { signType: 'HMAC-SHA256' });
    expect(hmac.sign).toMatch(/^[0-9A-F]{64}$/);
  });
});
