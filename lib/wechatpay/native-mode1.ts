import { nonce, sign, signMessage, verify } from './sign';
import type { WxFields } from './types';
import { buildXml, parseXml } from './xml';

// Native 模式一 (spec §12): a permanent product QR, WeChat's scan callback, and our signed reply. WeChat signs all
// three with MD5 whatever sign type the merchant uses elsewhere (product.md "Native mode 1").

const BIZPAYURL = 'weixin://wxpay/bizpayurl?';
const URL_FIELDS = ['appid', 'mch_id', 'product_id', 'time_stamp', 'nonce_str'] as const;

export interface MerchantIdentity {
  appid: string;
  mchId: string;
  key: string;
}

// Wire types.

export interface WxBizPayUrlFields {
  appid: string;
  mch_id: string;
  product_id: string;
  time_stamp: string;
  nonce_str: string;
  sign: string;
}

export interface WxNativeCallback {
  appid: string;
  openid: string;
  mch_id: string;
  is_subscribe?: string;
  nonce_str: string;
  product_id: string;
  sign: string;
}

export interface WxNativeCallbackReply {
  return_code: string;
  return_msg?: string;
  appid?: string;
  mch_id?: string;
  nonce_str?: string;
  prepay_id?: string;
  result_code?: string;
  err_code_des?: string;
  sign?: string;
}

// Domain types.

export interface BizPayUrlInput {
  /** ≤ 32 chars: our product id (or order number). */
  productId: string;
  /** Default now. */
  issuedAt?: Date;
  /** Default a fresh 32-char nonce. */
  nonceStr?: string;
}

export interface BizPayUrl {
  appid: string;
  mchId: string;
  productId: string;
  issuedAt: Date;
  nonceStr: string;
}

export interface NativeCallback {
  appid: string;
  mchId: string;
  openid: string;
  productId: string;
  isSubscribe?: boolean;
  nonceStr: string;
  raw: WxFields;
}

export type NativeRejection = 'malformed' | 'missing_sign' | 'bad_sign' | 'wrong_appid' | 'wrong_mch_id';

export type BizPayUrlResult = { ok: true; url: BizPayUrl } | { ok: false; reason: NativeRejection };
export type NativeCallbackResult = { ok: true; callback: NativeCallback } | { ok: false; reason: NativeRejection; fields: WxFields };

/** What we answer a verified scan with: a prepay_id, or a refusal whose err_code_des the customer sees. */
export type NativeCallbackAnswer = { prepayId: string } | { errCodeDes: string };

export type NativeCallbackReplyResult = { ok: true; answer: NativeCallbackAnswer } | { ok: false; reason: NativeRejection | 'return_fail'; returnMsg?: string };

/** The permanent QR content: `weixin://wxpay/bizpayurl?sign=…&appid=…&mch_id=…&product_id=…&time_stamp=…&nonce_str=…`. */
export function buildBizPayUrl(merchant: MerchantIdentity, input: BizPayUrlInput): string {
  if (input.productId === '' || input.productId.length > 32) {
    throw new TypeError(`productId must be 1–32 characters, got ${JSON.stringify(input.productId)}`);
  }
  const fields = {
    appid: merchant.appid,
    mch_id: merchant.mchId,
    product_id: input.productId,
    time_stamp: String(Math.floor((input.issuedAt ?? new Date()).getTime() / 1000)),
    nonce_str: input.nonceStr ?? nonce(),
  };
  const pairs: [string, string][] = [['sign', sign(fields, merchant.key, 'MD5')], ...URL_FIELDS.map((name): [string, string] => [name, fields[name]])];
  const query = pairs.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
  return BIZPAYURL + query;
}

/** Reads and verifies a bizpayurl (the sandbox's scan page does this, as the WeChat app would). */
export function parseBizPayUrl(url: string, expect: MerchantIdentity): BizPayUrlResult {
  if (!url.startsWith(BIZPAYURL)) return { ok: false, reason: 'malformed' };
  const parsed: WxFields = {};
  for (const pair of url.slice(BIZPAYURL.length).split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return { ok: false, reason: 'malformed' };
    const name = pair.slice(0, eq);
    if (Object.hasOwn(parsed, name)) return { ok: false, reason: 'malformed' };
    try {
      parsed[name] = decodeURIComponent(pair.slice(eq + 1));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
  }
  // Only the five documented fields are signed, so anything else would ride along unauthenticated.
  const names = Object.keys(parsed).filter((name) => name !== 'sign');
  if (names.length !== URL_FIELDS.length || !URL_FIELDS.every((name) => parsed[name])) return { ok: false, reason: 'malformed' };
  const fields = parsed as WxFields & Record<(typeof URL_FIELDS)[number], string>;
  if (!/^\d{1,10}$/.test(fields.time_stamp)) return { ok: false, reason: 'malformed' };
  if (!fields.sign) return { ok: false, reason: 'missing_sign' };
  if (!verify(fields, expect.key, 'MD5')) return { ok: false, reason: 'bad_sign' };
  if (fields.appid !== expect.appid) return { ok: false, reason: 'wrong_appid' };
  if (fields.mch_id !== expect.mchId) return { ok: false, reason: 'wrong_mch_id' };
  return {
    ok: true,
    url: {
      appid: fields.appid,
      mchId: fields.mch_id,
      productId: fields.product_id,
      issuedAt: new Date(Number(fields.time_stamp) * 1000),
      nonceStr: fields.nonce_str,
    },
  };
}

/** Verifies WeChat's scan callback (always MD5). XML problems throw WxXmlError, as parseNotify. */
export function parseNativeCallback(rawXml: string, expect: MerchantIdentity): NativeCallbackResult {
  const fields = parseXml(rawXml);
  const reject = (reason: NativeRejection): NativeCallbackResult => ({ ok: false, reason, fields });
  if (!fields.sign) return reject('missing_sign');
  if (!verify(fields, expect.key, 'MD5')) return reject('bad_sign');
  if (fields.appid !== expect.appid) return reject('wrong_appid');
  if (fields.mch_id !== expect.mchId) return reject('wrong_mch_id');
  if (!fields.openid || !fields.product_id || !fields.nonce_str) return reject('malformed');
  const isSubscribe = fields.is_subscribe === 'Y' ? true : fields.is_subscribe === 'N' ? false : undefined;
  return {
    ok: true,
    callback: {
      appid: fields.appid,
      mchId: fields.mch_id,
      openid: fields.openid,
      productId: fields.product_id,
      isSubscribe,
      nonceStr: fields.nonce_str,
      raw: fields,
    },
  };
}

/** The callback WeChat posts after a scan, signed: for the sandbox and the tests. */
export function buildNativeCallback(merchant: MerchantIdentity, scan: { openid: string; productId: string; isSubscribe?: boolean; nonceStr?: string }): string {
  return buildXml(
    signMessage(
      {
        appid: merchant.appid,
        openid: scan.openid,
        mch_id: merchant.mchId,
        is_subscribe: scan.isSubscribe === undefined ? undefined : scan.isSubscribe ? 'Y' : 'N',
        nonce_str: scan.nonceStr ?? nonce(),
        product_id: scan.productId,
      },
      merchant.key,
      'MD5',
    ),
  );
}

/** Our answer to a verified scan: return_code SUCCESS, MD5-signed, result_code SUCCESS with prepay_id or FAIL. */
export function nativeCallbackReply(merchant: MerchantIdentity, answer: NativeCallbackAnswer): string {
  const outcome = 'prepayId' in answer ? { result_code: 'SUCCESS', prepay_id: answer.prepayId } : { result_code: 'FAIL', err_code_des: answer.errCodeDes };
  return buildXml(
    signMessage(
      { return_code: 'SUCCESS', return_msg: 'OK', appid: merchant.appid, mch_id: merchant.mchId, nonce_str: nonce(), ...outcome },
      merchant.key,
      'MD5',
    ),
  );
}

/** Our answer to a callback we could not verify: unsigned return_code FAIL, nothing created. */
export function nativeCallbackRefusal(returnMsg: string): string {
  return buildXml({ return_code: 'FAIL', return_msg: returnMsg });
}

/** Reads a merchant's reply to the scan callback, as WeChat (the sandbox) does. XML problems throw WxXmlError. */
export function parseNativeCallbackReply(rawXml: string, expect: MerchantIdentity): NativeCallbackReplyResult {
  const fields = parseXml(rawXml);
  if (fields.return_code !== 'SUCCESS') return { ok: false, reason: 'return_fail', returnMsg: fields.return_msg };
  if (!fields.sign) return { ok: false, reason: 'missing_sign' };
  if (!verify(fields, expect.key, 'MD5')) return { ok: false, reason: 'bad_sign' };
  if (fields.appid !== expect.appid) return { ok: false, reason: 'wrong_appid' };
  if (fields.mch_id !== expect.mchId) return { ok: false, reason: 'wrong_mch_id' };
  if (fields.result_code === 'SUCCESS' && fields.prepay_id) return { ok: true, answer: { prepayId: fields.prepay_id } };
  if (fields.result_code === 'FAIL') return { ok: true, answer: { errCodeDes: fields.err_code_des ?? '' } };
  return { ok: false, reason: 'malformed' };
}
