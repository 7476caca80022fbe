import { createCipheriv, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WxXmlError } from '@/lib/wechatpay/errors';
import { buildRefundNotify, decryptRefundInfo, encryptRefundInfo, parseRefundNotify, type RefundNotifyExpectation } from '@/lib/wechatpay/refund-notify';
import { buildXml, parseXml } from '@/lib/wechatpay/xml';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const KEY = '192006250b4c09247ec02edce69f6a2d';
const EXPECT: RefundNotifyExpectation = { appid: 'wx2421b1c4370ec43b', mchId: '1900000109', key: KEY };

function notify(reqInfo: string, envelope: Record<string, string> = {}): string {
  return buildXml({
    return_code: 'SUCCESS',
    appid: EXPECT.appid,
    mch_id: EXPECT.mchId,
    nonce_str: 'TeqClE3i0mvn3DrK',
    req_info: reqInfo,
    ...envelope,
  });
}

/** AES-256-ECB with the spec §9 key, over any plaintext, bypassing encryptRefundInfo's XML building. */
function encryptRaw(plaintext: Buffer, key = KEY, padding = true): string {
  const aesKey = Buffer.from(createHash('md5').update(key).digest('hex'), 'ascii');
  const cipher = createCipheriv('aes-256-ecb', aesKey, null).setAutoPadding(padding);
  return Buffer.concat([cipher.update(plaintext), cipher.final()]).toString('base64');
}

describe('parseRefundNotify', () => {
  it('decrypts the fixture made with openssl enc (fixtures/make-refund-notify.sh)', () => {
    const result = parseRefundNotify(notify(fixture('refund-notify.req_info')), EXPECT);
    expect(result).toEqual({
      ok: true,
      notification: {
        appid: EXPECT.appid,
        mchId: EXPECT.mchId,
        outRefundNo: 'R20261201000001',
        refundId: '50000404922026120102468056157',
        transactionId: '4200000015201711256947025404',
        outTradeNo: 'ORDER0001',
        totalFee: 600,
        settlementTotalFee: 600,
        refundFee: 250,
        settlementRefundFee: 250,
        refundStatus: 'SUCCESS',
        // 00:05:06 in Beijing is the previous day in UTC.
        successTime: new Date('2026-11-30T16:05:06Z'),
        refundRecvAccout: '支付用户零钱',
        refundAccount: 'REFUND_SOURCE_UNSETTLED_FUNDS',
        refundRequestSource: 'API',
        raw: expect.objectContaining({ out_refund_no: 'R20261201000001', refund_fee: '250' }),
      },
    });
    expect(decryptRefundInfo(fixture('refund-notify.req_info'), KEY)).toBe(fixture('refund-notify.root.xml'));
  });

  it('encrypts exactly as openssl enc does (ECB is deterministic)', () => {
    const fields = parseXml(fixture('refund-notify.root.xml').replace('<root>', '<xml>').replace('</root>', '</xml>'));
    expect(encryptRefundInfo(fields, KEY)).toBe(fixture('refund-notify.req_info'));
  });

  // Vector of silenceper/wechat pay/notify/refund_test.go (from https://studygolang.com/articles/11811): a real
  // notify's req_info with its demo key; the plaintext has newlines between the elements.
  it('decrypts the published silenceper/wechat vector', () => {
    const key = 'ziR0QKsTUfMOuochC9RfCdmfHECorQAP';
    const result = parseRefundNotify(notify(fixture('silenceper-refund.req_info').trim()), { ...EXPECT, key });
    expect(result.ok && result.notification).toMatchObject({
      outRefundNo: '50fd012ed1b311e7af7800163e32c503',
      outTradeNo: '4893e76d8c8b434cb64e9cd536338e33',
      refundId: '50000404922017112502468056157',
      transactionId: '4200000015201711256947025404',
      totalFee: 6,
      refundFee: 6,
      settlementRefundFee: 6,
      refundStatus: 'SUCCESS',
      successTime: new Date('2017-11-25T07:36:17Z'),
      refundAccount: 'REFUND_SOURCE_RECHARGE_FUNDS',
      refundRecvAccout: '支付用户零钱',
      refundRequestSource: 'API',
    });
  });

  it('round-trips what buildRefundNotify produces (the sandbox side)', () => {
    const info = {
      outRefundNo: 'R9',
      refundId: '5009',
      transactionId: 'T9',
      outTradeNo: 'O9',
      totalFee: 100,
      settlementTotalFee: 100,
      refundFee: 100,
      settlementRefundFee: 100,
      refundStatus: 'REFUNDCLOSE' as const,
      successTime: undefined,
      refundRecvAccout: '',
      refundAccount: 'REFUND_SOURCE_UNSETTLED_FUNDS',
      refundRequestSource: 'API',
    };
    const xml = buildRefundNotify({ appid: EXPECT.appid, mchId: EXPECT.mchId, nonceStr: 'n' }, info, KEY);
    expect(xml).not.toContain('<sign>');
    const result = parseRefundNotify(xml, EXPECT);
    expect(result.ok && result.notification).toMatchObject(info);
  });

  it('refuses req_info made with another key', () => {
    const reqInfo = encryptRefundInfo({ out_refund_no: 'R1' }, 'another-key-another-key-another-k');
    expect(parseRefundNotify(notify(reqInfo), EXPECT)).toMatchObject({ ok: false, reason: 'not_decryptable' });
  });

  it('refuses truncated, non-Base64, missing and badly padded req_info', () => {
    const good = fixture('refund-notify.req_info');
    for (const reqInfo of [good.slice(0, -8), good.slice(0, 64), '!!!not base64!!!', '']) {
      expect(parseRefundNotify(notify(reqInfo), EXPECT)).toMatchObject({ ok: false, reason: 'not_decryptable' });
    }
    // A whole block whose last byte is not valid PKCS#7 padding.
    const badPadding = encryptRaw(Buffer.from('<root></root>\u0000\u0000\u0007'), KEY, false);
    expect(parseRefundNotify(notify(badPadding), EXPECT)).toMatchObject({ ok: false, reason: 'not_decryptable' });
  });

  it('refuses an inner document with a DOCTYPE, another root or nested elements', () => {
    const inner = [
      '<!DOCTYPE root [<!ENTITY x SYSTEM "file:///etc/passwd">]><root><out_refund_no>&x;</out_refund_no></root>',
      '<root><!DOCTYPE x><out_refund_no>R1</out_refund_no></root>',
      '<xml><out_refund_no>R1</out_refund_no></xml>',
      '<root><out_refund_no><a>R1</a></out_refund_no></root>',
    ];
    for (const plaintext of inner) {
      const result = parseRefundNotify(notify(encryptRaw(Buffer.from(plaintext))), EXPECT);
      expect(result).toMatchObject({ ok: false, reason: 'not_decryptable' });
    }
  });

  it('checks appid and mch_id once it decrypts', () => {
    const reqInfo = fixture('refund-notify.req_info');
    expect(parseRefundNotify(notify(reqInfo, { appid: 'wx0000000000000000' }), EXPECT)).toMatchObject({ ok: false, reason: 'wrong_appid' });
    expect(parseRefundNotify(notify(reqInfo, { mch_id: '1' }), EXPECT)).toMatchObject({ ok: false, reason: 'wrong_mch_id' });
  });

  it('refuses decryptable but malformed fields', () => {
    const base = {
      out_refund_no: 'R1',
      out_trade_no: 'O1',
      refund_id: '5001',
      transaction_id: 'T1',
      total_fee: 100,
      refund_fee: 100,
      settlement_refund_fee: 100,
      refund_status: 'SUCCESS',
      success_time: '2026-12-01 10:00:00',
      refund_recv_accout: 'x',
      refund_account: 'REFUND_SOURCE_UNSETTLED_FUNDS',
      refund_request_source: 'API',
    };
    expect(parseRefundNotify(notify(encryptRefundInfo(base, KEY)), EXPECT).ok).toBe(true);
    for (const change of [{ refund_fee: '1.00' }, { refund_status: 'PROCESSING' }, { success_time: '20261201100000' }, { refund_id: undefined }]) {
      const result = parseRefundNotify(notify(encryptRefundInfo({ ...base, ...change }, KEY)), EXPECT);
      expect(result).toMatchObject({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses return_code FAIL and throws WxXmlError on an outer DOCTYPE, as parseNotify', () => {
    expect(parseRefundNotify(notify('', { return_code: 'FAIL' }), EXPECT)).toMatchObject({ ok: false, reason: 'not_success' });
    expect(() => parseRefundNotify(`<!DOCTYPE xml>${notify('x')}`, EXPECT)).toThrow(WxXmlError);
  });
});
