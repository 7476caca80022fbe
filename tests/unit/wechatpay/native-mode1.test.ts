import { describe, expect, it } from 'vitest';
import { WxXmlError } from '@/lib/wechatpay/errors';
import {
  buildBizPayUrl,
  buildNativeCallback,
  nativeCallbackRefusal,
  nativeCallbackReply,
  parseBizPayUrl,
  parseNativeCallback,
  parseNativeCallbackReply,
} from '@/lib/wechatpay/native-mode1';
import { signMessage } from '@/lib/wechatpay/sign';
import { buildXml, parseXml } from '@/lib/wechatpay/xml';

// The spec §12 example's fields with the spec §2.3 demo key. The doc's own sign (512F68…) is illustrative and does not
// verify with any published key, so the expected sign was computed outside our code:
//   printf %s 'appid=wx2421b1c4370ec43b&mch_id=10000100&nonce_str=f6808210402125e30663234f94c87a8c&product_id=1&time_stamp=1415949957&key=192006250b4c09247ec02edce69f6a2d' | md5sum
const MERCHANT = { appid: 'wx2421b1c4370ec43b', mchId: '10000100', key: '192006250b4c09247ec02edce69f6a2d' };
const SIGN = '62C618B41B3C5F9050AB94C0580DDA8E';
const DOC_URL =
  'weixin://wxpay/bizpayurl?appid=wx2421b1c4370ec43b&mch_id=10000100&nonce_str=f6808210402125e30663234f94c87a8c&product_id=1&time_stamp=1415949957&sign=512F68131DD251DA4A45DA79CC7EFE9D';
const ISSUED_AT = new Date(1415949957 * 1000);

describe('bizpayurl', () => {
  it('builds the URL of spec §12 with an MD5 sign over the five fields', () => {
    const url = buildBizPayUrl(MERCHANT, { productId: '1', issuedAt: ISSUED_AT, nonceStr: 'f6808210402125e30663234f94c87a8c' });
    expect(url).toBe(
      `weixin://wxpay/bizpayurl?sign=${SIGN}&appid=wx2421b1c4370ec43b&mch_id=10000100&product_id=1&time_stamp=1415949957&nonce_str=f6808210402125e30663234f94c87a8c`,
    );
    expect(parseBizPayUrl(url, MERCHANT)).toEqual({
      ok: true,
      url: { appid: MERCHANT.appid, mchId: MERCHANT.mchId, productId: '1', issuedAt: ISSUED_AT, nonceStr: 'f6808210402125e30663234f94c87a8c' },
    });
  });

  it('reads the documented URL (fields in another order) and verifies it with the recomputed sign', () => {
    expect(parseBizPayUrl(DOC_URL, MERCHANT)).toEqual({ ok: false, reason: 'bad_sign' });
    expect(parseBizPayUrl(DOC_URL.replace(/sign=\w+$/, `sign=${SIGN}`), MERCHANT)).toMatchObject({ ok: true, url: { productId: '1' } });
  });

  it('round-trips a product id that needs URL encoding', () => {
    const url = buildBizPayUrl(MERCHANT, { productId: 'mug&tea=1 大' });
    expect(url).not.toContain(' ');
    expect(parseBizPayUrl(url, MERCHANT)).toMatchObject({ ok: true, url: { productId: 'mug&tea=1 大' } });
  });

  it.each([
    ['another product_id', (u: string) => u.replace('product_id=1&', 'product_id=2&'), 'bad_sign'],
    ['a lower-case sign', (u: string) => u.replace(SIGN, SIGN.toLowerCase()), 'bad_sign'],
    ['no sign', (u: string) => u.replace(`sign=${SIGN}&`, ''), 'missing_sign'],
    ['an extra field', (u: string) => `${u}&total_fee=1`, 'malformed'],
    ['a repeated field', (u: string) => `${u}&product_id=2`, 'malformed'],
    ['another scheme', (u: string) => u.replace('weixin://', 'https://'), 'malformed'],
    ['a bad time_stamp', (u: string) => u.replace('time_stamp=1415949957', 'time_stamp=soon'), 'malformed'],
  ])('refuses %s', (_, tamper, reason) => {
    const url = buildBizPayUrl(MERCHANT, { productId: '1', issuedAt: ISSUED_AT, nonceStr: 'f6808210402125e30663234f94c87a8c' });
    expect(parseBizPayUrl(tamper(url), MERCHANT)).toEqual({ ok: false, reason });
  });

  it('refuses another merchant even when signed with our key', () => {
    const url = buildBizPayUrl({ ...MERCHANT, mchId: '1900000109' }, { productId: '1' });
    expect(parseBizPayUrl(url, MERCHANT)).toEqual({ ok: false, reason: 'wrong_mch_id' });
  });
});

describe('scan callback', () => {
  const scan = { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', productId: 'mug', isSubscribe: true, nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS' };

  it('verifies the callback (MD5) and reads it', () => {
    const xml = buildNativeCallback(MERCHANT, scan);
    expect(parseXml(xml).sign).toMatch(/^[0-9A-F]{32}$/);
    expect(parseNativeCallback(xml, MERCHANT)).toMatchObject({
      ok: true,
      callback: { appid: MERCHANT.appid, mchId: MERCHANT.mchId, openid: scan.openid, productId: 'mug', isSubscribe: true },
    });
  });

  it('refuses an HMAC-signed, forged, foreign or incomplete callback', () => {
    const fields = { appid: MERCHANT.appid, openid: scan.openid, mch_id: MERCHANT.mchId, nonce_str: 'n', product_id: 'mug' };
    const hmac = buildXml(signMessage(fields, MERCHANT.key, 'HMAC-SHA256'));
    expect(parseNativeCallback(hmac, MERCHANT)).toMatchObject({ ok: false, reason: 'bad_sign' });
    const forged = buildNativeCallback(MERCHANT, scan).replace('<![CDATA[mug]]>', '<![CDATA[tea]]>');
    expect(parseNativeCallback(forged, MERCHANT)).toMatchObject({ ok: false, reason: 'bad_sign' });
    const foreign = buildNativeCallback({ ...MERCHANT, appid: 'wx0000000000000000' }, scan);
    expect(parseNativeCallback(foreign, MERCHANT)).toMatchObject({ ok: false, reason: 'wrong_appid' });
    const noOpenid = buildXml(signMessage({ ...fields, openid: undefined }, MERCHANT.key, 'MD5'));
    expect(parseNativeCallback(noOpenid, MERCHANT)).toMatchObject({ ok: false, reason: 'malformed' });
    const unsigned = buildXml(fields);
    expect(parseNativeCallback(unsigned, MERCHANT)).toMatchObject({ ok: false, reason: 'missing_sign' });
    expect(() => parseNativeCallback(`<!DOCTYPE x>${unsigned}`, MERCHANT)).toThrow(WxXmlError);
  });

  it('signs our reply with MD5, and the sandbox side reads it back', () => {
    const ok = nativeCallbackReply(MERCHANT, { prepayId: 'wx201410272009395522657a690389285100' });
    expect(parseXml(ok)).toMatchObject({ return_code: 'SUCCESS', result_code: 'SUCCESS', prepay_id: 'wx201410272009395522657a690389285100' });
    expect(parseXml(ok).sign).toMatch(/^[0-9A-F]{32}$/);
    expect(parseNativeCallbackReply(ok, MERCHANT)).toEqual({ ok: true, answer: { prepayId: 'wx201410272009395522657a690389285100' } });

    const soldOut = nativeCallbackReply(MERCHANT, { errCodeDes: '商品已售罄' });
    expect(parseNativeCallbackReply(soldOut, MERCHANT)).toEqual({ ok: true, answer: { errCodeDes: '商品已售罄' } });
    expect(parseNativeCallbackReply(nativeCallbackRefusal('签名错误'), MERCHANT)).toEqual({ ok: false, reason: 'return_fail', returnMsg: '签名错误' });
    expect(parseNativeCallbackReply(ok.replace('wx2014', 'wx2015'), MERCHANT)).toMatchObject({ ok: false, reason: 'bad_sign' });
  });

  it('answers with the reply fields of §12, and refuses a reply tampered with, unsigned or from another merchant', () => {
    const ok = nativeCallbackReply(MERCHANT, { prepayId: 'wx201410272009395522657a690389285100' });
    expect(Object.keys(parseXml(ok)).sort()).toEqual(['appid', 'mch_id', 'nonce_str', 'prepay_id', 'result_code', 'return_code', 'return_msg', 'sign']);
    const failed = parseXml(nativeCallbackReply(MERCHANT, { errCodeDes: '商品已下架' }));
    expect(failed).toMatchObject({ return_code: 'SUCCESS', result_code: 'FAIL', err_code_des: '商品已下架' });
    expect(failed).not.toHaveProperty('prepay_id');

    const flipped = ok.replace('<result_code><![CDATA[SUCCESS]]>', '<result_code><![CDATA[FAIL]]>');
    expect(flipped).not.toBe(ok);
    expect(parseNativeCallbackReply(flipped, MERCHANT)).toMatchObject({ ok: false, reason: 'bad_sign' });
    const { sign: _, ...unsigned } = parseXml(ok);
    expect(parseNativeCallbackReply(buildXml(unsigned), MERCHANT)).toMatchObject({ ok: false, reason: 'missing_sign' });
    const foreign = nativeCallbackReply({ ...MERCHANT, mchId: '1900000109' }, { prepayId: 'wx1' });
    expect(parseNativeCallbackReply(foreign, MERCHANT)).toMatchObject({ ok: false, reason: 'wrong_mch_id' });
    expect(parseNativeCallbackReply(nativeCallbackReply(MERCHANT, { prepayId: 'wx1' }), { ...MERCHANT, key: 'a'.repeat(32) })).toMatchObject({
      ok: false,
      reason: 'bad_sign',
    });
  });

  it('refuses a callback whose openid was swapped or that names another mch_id', () => {
    const swapped = buildNativeCallback(MERCHANT, scan).replace(scan.openid, 'oAttacker000000000000000000');
    expect(parseNativeCallback(swapped, MERCHANT)).toMatchObject({ ok: false, reason: 'bad_sign' });
    const foreign = buildNativeCallback({ ...MERCHANT, mchId: '1900000109' }, scan);
    expect(parseNativeCallback(foreign, MERCHANT)).toMatchObject({ ok: false, reason: 'wrong_mch_id' });
    expect(parseNativeCallback(buildNativeCallback(MERCHANT, scan), { ...MERCHANT, key: 'a'.repeat(32) })).toMatchObject({ ok: false, reason: 'bad_sign' });
  });
});
