import { describe, expect, it } from 'vitest';
import { WxXmlError } from '@/lib/wechatpay/errors';
import { isAuthenticated, isSuccessReply, notifyReply, parseNotify, type NotifyRejection } from '@/lib/wechatpay/notify';
import { signMessage } from '@/lib/wechatpay/sign';
import type { NotifyExpectation } from '@/lib/wechatpay/notify';
import type { SignType, WxPayNotify } from '@/lib/wechatpay/types';
import { buildXml, MAX_XML_BYTES } from '@/lib/wechatpay/xml';

const KEY = '192006250b4c09247ec02edce69f6a2d';
const EXPECT: NotifyExpectation = { appid: 'wx2421b1c4370ec43b', mchId: '10000100', key: KEY, signType: 'HMAC-SHA256' };

// Shaped like the HMAC notify in WxJava#1585: no sign_type element (spec §2.2, §11.2).
const PAID: Omit<WxPayNotify, 'sign'> = {
  appid: 'wx2421b1c4370ec43b',
  bank_type: 'OTHERS',
  cash_fee: '100',
  fee_type: 'CNY',
  is_subscribe: 'N',
  mch_id: '10000100',
  nonce_str: '1590477937689',
  openid: 'oUpF8uMEb4qRXf22hE3X68TekukE',
  out_trade_no: '000123',
  result_code: 'SUCCESS',
  return_code: 'SUCCESS',
  time_end: '20260101080000',
  total_fee: '100',
  trade_type: 'NATIVE',
  transaction_id: '4200000540202005267407409907',
};

function notifyXml(fields: Record<string, string | undefined>, type: SignType = 'HMAC-SHA256', key = KEY): string {
  return buildXml(signMessage(fields, key, type));
}

describe('parseNotify', () => {
  it('accepts an HMAC notify without sign_type and maps it', () => {
    const result = parseNotify(notifyXml(PAID), EXPECT);
    expect(result).toEqual({
      ok: true,
      notification: {
        appid: 'wx2421b1c4370ec43b',
        mchId: '10000100',
        outTradeNo: '000123',
        transactionId: '4200000540202005267407409907',
        totalFee: 100,
        resultCode: 'SUCCESS',
        openid: 'oUpF8uMEb4qRXf22hE3X68TekukE',
        paidAt: new Date('2026-01-01T00:00:00Z'),
        raw: expect.objectContaining({ ...PAID, sign: expect.stringMatching(/^[0-9A-F]{64}$/) }),
      },
    });
  });

  it('accepts a notify that carries sign_type', () => {
    expect(parseNotify(notifyXml({ ...PAID, sign_type: 'HMAC-SHA256' }), EXPECT).ok).toBe(true);
  });

  it('never lets the message choose its algorithm: sign_type=MD5 while configured for HMAC → wrong_sign_type, however it is signed', () => {
    expect(parseNotify(notifyXml({ ...PAID, sign_type: 'MD5' }, 'MD5'), EXPECT)).toMatchObject({ ok: false, reason: 'wrong_sign_type' });
    expect(parseNotify(notifyXml({ ...PAID, sign_type: 'MD5' }, 'HMAC-SHA256'), EXPECT)).toMatchObject({ ok: false, reason: 'wrong_sign_type' });
    expect(parseNotify(notifyXml({ ...PAID, sign_type: 'HMAC-SHA256' }), { ...EXPECT, signType: 'MD5' })).toMatchObject({ reason: 'wrong_sign_type' });
    expect(parseNotify(notifyXml({ ...PAID, sign_type: 'MD5' }, 'MD5'), { ...EXPECT, signType: 'MD5' }).ok).toBe(true);
  });

  it('verifies with the configured type when sign_type is absent: the other algorithm is a bad sign', () => {
    expect(parseNotify(notifyXml(PAID, 'MD5'), EXPECT)).toMatchObject({ ok: false, reason: 'bad_sign' });
    expect(parseNotify(notifyXml(PAID, 'MD5'), { ...EXPECT, signType: 'MD5' }).ok).toBe(true);
  });

  it('treats a sign_type that is not exactly the configured literal as another type', () => {
    expect(parseNotify(notifyXml({ ...PAID, sign_type: 'md5' }), EXPECT)).toMatchObject({ reason: 'wrong_sign_type' });
    expect(parseNotify(notifyXml({ ...PAID, sign_type: 'hmac-sha256' }), EXPECT)).toMatchObject({ reason: 'wrong_sign_type' });
  });

  it('says which rejections leave the message unauthenticated', () => {
    expect(['missing_sign', 'wrong_sign_type', 'bad_sign'].map((r) => isAuthenticated(r as NotifyRejection))).toEqual([false, false, false]);
    expect(['wrong_appid', 'wrong_mch_id', 'bad_fields'].map((r) => isAuthenticated(r as NotifyRejection))).toEqual([true, true, true]);
  });

  it('missing sign → missing_sign, keeping the fields', () => {
    expect(parseNotify(buildXml(PAID), EXPECT)).toEqual({ ok: false, reason: 'missing_sign', fields: PAID });
  });

  it('a forged amount → bad_sign', () => {
    const forged = notifyXml(PAID).replace('<total_fee><![CDATA[100]]></total_fee>', '<total_fee><![CDATA[1]]></total_fee>');
    expect(forged).toContain('<total_fee><![CDATA[1]]></total_fee>');
    expect(parseNotify(forged, EXPECT)).toMatchObject({ ok: false, reason: 'bad_sign' });
  });

  it('signed with another key → bad_sign', () => {
    expect(parseNotify(notifyXml(PAID, 'HMAC-SHA256', 'x'.repeat(32)), EXPECT)).toMatchObject({ reason: 'bad_sign' });
  });

  it('another appid → wrong_appid', () => {
    expect(parseNotify(notifyXml({ ...PAID, appid: 'wxother' }), EXPECT)).toMatchObject({ ok: false, reason: 'wrong_appid' });
  });

  it('another mch_id → wrong_mch_id', () => {
    expect(parseNotify(notifyXml({ ...PAID, mch_id: '10000999' }), EXPECT)).toMatchObject({ ok: false, reason: 'wrong_mch_id' });
  });

  it.each([
    ['return_code FAIL', { return_code: 'FAIL' }],
    ['an unknown result_code', { result_code: 'PAID' }],
    ['no out_trade_no', { out_trade_no: undefined }],
    ['no transaction_id on SUCCESS', { transaction_id: undefined }],
    ['no total_fee', { total_fee: undefined }],
    ['a decimal total_fee', { total_fee: '1.00' }],
    ['a negative total_fee', { total_fee: '-100' }],
    ['an impossible time_end', { time_end: '20260230080000' }],
  ])('%s → bad_fields', (_label, change) => {
    expect(parseNotify(notifyXml({ ...PAID, ...change }), EXPECT)).toMatchObject({ ok: false, reason: 'bad_fields' });
  });

  it('maps a result_code FAIL notify with no transaction_id', () => {
    const result = parseNotify(notifyXml({ ...PAID, result_code: 'FAIL', transaction_id: undefined, err_code: 'X' }), EXPECT);
    expect(result).toMatchObject({ ok: true, notification: { resultCode: 'FAIL', transactionId: '' } });
  });

  it('throws WxXmlError on an XXE payload', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY k SYSTEM "file:///app/.env">]><xml><attach>&k;</attach></xml>';
    expect(() => parseNotify(xxe, EXPECT)).toThrow(WxXmlError);
  });

  it('throws WxXmlError on a body that is not XML', () => {
    expect(() => parseNotify('{"return_code":"SUCCESS"}', EXPECT)).toThrow(WxXmlError);
  });
});

describe('notifyReply', () => {
  it('answers SUCCESS exactly as WeChat documents', () => {
    expect(notifyReply('SUCCESS')).toBe('<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg><![CDATA[OK]]></return_msg></xml>');
  });

  it('answers FAIL with the reason', () => {
    expect(notifyReply('FAIL', '签名失败')).toBe('<xml><return_code><![CDATA[FAIL]]></return_code><return_msg><![CDATA[签名失败]]></return_msg></xml>');
  });

  it('answers FAIL with return_msg FAIL when no reason is given', () => {
    expect(notifyReply('FAIL')).toBe('<xml><return_code><![CDATA[FAIL]]></return_code><return_msg><![CDATA[FAIL]]></return_msg></xml>');
  });
});

describe('isSuccessReply', () => {
  it.each([
    ['the documented reply', notifyReply('SUCCESS')],
    ['a reply without return_msg', '<xml><return_code><![CDATA[SUCCESS]]></return_code></xml>'],
    ['a bare value', '<xml><return_code>SUCCESS</return_code></xml>'],
    ['a declaration and newlines', '<?xml version="1.0" encoding="UTF-8"?>\n<xml>\n  <return_code>SUCCESS</return_code>\n</xml>\n'],
  ])('true for %s', (_label, body) => {
    expect(isSuccessReply(body)).toBe(true);
  });

  it.each([
    ['FAIL', notifyReply('FAIL', 'busy')],
    ['empty', ''],
    ['"success"', 'success'],
    ['"SUCCESS"', 'SUCCESS'],
    ['"支付成功"', '支付成功'],
    ['JSON', '{"return_code":"SUCCESS","return_msg":"OK"}'],
    ['HTML', '<html><body><xml><return_code>SUCCESS</return_code></xml></body></html>'],
    ['lower-case success', '<xml><return_code>success</return_code></xml>'],
    ['padded SUCCESS', '<xml><return_code> SUCCESS </return_code></xml>'],
    ['stray characters between tags', '<xml>ok<return_code>SUCCESS</return_code></xml>'],
    ['a nested return_code', '<xml><data><return_code>SUCCESS</return_code></data></xml>'],
    ['another root', '<return_code>SUCCESS</return_code>'],
    ['no return_code', '<xml><return_msg>OK</return_msg></xml>'],
    ['a repeated return_code', '<xml><return_code>FAIL</return_code><return_code>SUCCESS</return_code></xml>'],
    ['a DOCTYPE', '<!DOCTYPE xml><xml><return_code>SUCCESS</return_code></xml>'],
    ['an oversized body', `<xml><return_code>SUCCESS</return_code><pad>${'x'.repeat(MAX_XML_BYTES)}</pad></xml>`],
  ])('false for %s', (_label, body) => {
    expect(isSuccessReply(body)).toBe(false);
  });
});
