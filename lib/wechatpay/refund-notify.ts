import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { parseFen } from './amount';
import { formatWxDateTime, parseWxDateTime } from './datetime';
import { isRefundStatus } from './trade-state';
import type { WxFields } from './types';
import { buildXml, parseXml } from './xml';

// Wire types (spec §9). The outer message is not signed: only our key can produce a req_info that decrypts.

export interface WxRefundNotify {
  return_code: string;
  return_msg?: string;
  appid: string;
  mch_id: string;
  nonce_str: string;
  req_info: string;
}

/** The decrypted `<root>` of req_info. */
export interface WxRefundNotifyInfo {
  transaction_id: string;
  out_trade_no: string;
  refund_id: string;
  out_refund_no: string;
  total_fee: string;
  settlement_total_fee?: string;
  refund_fee: string;
  settlement_refund_fee: string;
  refund_status: string;
  success_time?: string;
  refund_recv_accout: string;
  refund_account: string;
  refund_request_source: string;
}

// Domain type.

export type RefundNotifyStatus = 'SUCCESS' | 'CHANGE' | 'REFUNDCLOSE';

export interface RefundNotification {
  appid: string;
  mchId: string;
  outRefundNo: string;
  refundId: string;
  transactionId: string;
  outTradeNo: string;
  totalFee: number;
  settlementTotalFee?: number;
  refundFee: number;
  settlementRefundFee: number;
  refundStatus: RefundNotifyStatus;
  /** From `yyyy-MM-dd HH:mm:ss` Beijing time; WeChat sends it for SUCCESS. */
  successTime?: Date;
  /** WeChat's spelling. */
  refundRecvAccout: string;
  refundAccount: string;
  refundRequestSource: string;
  /** The decrypted fields, for the pay log (no key in them). */
  raw: WxFields;
}

export interface RefundNotifyExpectation {
  appid: string;
  mchId: string;
  key: string;
}

export type RefundNotifyRejection = 'not_success' | 'not_decryptable' | 'wrong_appid' | 'wrong_mch_id' | 'malformed';

export type RefundNotifyResult = { ok: true; notification: RefundNotification } | { ok: false; reason: RefundNotifyRejection; fields: WxFields };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ROOT = /^\s*<root>([\s\S]*)<\/root>\s*$/;
const NOTIFY_STATUSES: readonly string[] = ['SUCCESS', 'CHANGE', 'REFUNDCLOSE'] satisfies RefundNotifyStatus[];

/** AES-256 key of spec §9: the lower-case hex MD5 of the API v2 key, used as its 32 ASCII bytes. */
function aesKey(key: string): Buffer {
  return Buffer.from(createHash('md5').update(key, 'utf8').digest('hex').toLowerCase(), 'ascii');
}

/** Base64(AES-256-ECB, PKCS#7) of `<root>` with the fields; how the sandbox and the tests build req_info. */
export function encryptRefundInfo(fields: Record<string, string | number | undefined>, key: string): string {
  const xml = buildXml(fields)
    .replace(/^<xml>/, '<root>')
    .replace(/<\/xml>$/, '</root>');
  const cipher = createCipheriv('aes-256-ecb', aesKey(key), null);
  return Buffer.concat([cipher.update(xml, 'utf8'), cipher.final()]).toString('base64');
}

/** The plaintext of req_info, or undefined when it is not Base64 of whole blocks that decrypt with valid padding. */
export function decryptRefundInfo(reqInfo: string, key: string): string | undefined {
  const compact = reqInfo.replace(/\s+/g, '');
  if (!BASE64.test(compact)) return undefined;
  const data = Buffer.from(compact, 'base64');
  if (data.length === 0 || data.length % 16 !== 0) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-ecb', aesKey(key), null);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    // A wrong key almost always leaves invalid PKCS#7 padding; the rare one that does not fails the XML parse below.
    return undefined;
  }
}

/**
 * Authenticates and reads a refund notify (spec §9). XML problems of the outer message throw WxXmlError, as parseNotify;
 * everything else is a result. The amounts are not compared with any refund: that is the caller's job.
 */
export function parseRefundNotify(rawXml: string, expect: RefundNotifyExpectation): RefundNotifyResult {
  const fields = parseXml(rawXml);
  const reject = (reason: RefundNotifyRejection): RefundNotifyResult => ({ ok: false, reason, fields });

  if (fields.return_code !== 'SUCCESS') return reject('not_success');
  const plaintext = fields.req_info ? decryptRefundInfo(fields.req_info, expect.key) : undefined;
  if (plaintext === undefined) return reject('not_decryptable');
  const info = parseRefundInfo(plaintext);
  if (info === undefined) return reject('not_decryptable');
  // Checked after decryption: before it, appid and mch_id are just unauthenticated text.
  if (fields.appid !== expect.appid) return reject('wrong_appid');
  if (fields.mch_id !== expect.mchId) return reject('wrong_mch_id');

  const notification = toRefundNotification(info, expect);
  return notification ? { ok: true, notification } : { ok: false, reason: 'malformed', fields: { ...fields, ...info } };
}

/** The `<root>` document as fields, through the same hardened parser as every other message (no DTD, flat). */
function parseRefundInfo(plaintext: string): WxFields | undefined {
  const match = ROOT.exec(plaintext);
  if (!match) return undefined;
  try {
    return parseXml(`<xml>${match[1]}</xml>`);
  } catch {
    return undefined;
  }
}

/** Wire → domain: refund_* and *_fee (fen), refund_status, success_time (`yyyy-MM-dd HH:mm:ss`, Beijing). */
/** `merchant`: the appid and mch_id the outer fields were just checked to carry. */
function toRefundNotification(info: WxFields, merchant: { appid: string; mchId: string }): RefundNotification | undefined {
  const totalFee = parseFen(info.total_fee);
  const refundFee = parseFen(info.refund_fee);
  const settlementRefundFee = parseFen(info.settlement_refund_fee);
  const settlementTotalFee = info.settlement_total_fee ? parseFen(info.settlement_total_fee) : undefined;
  const refundStatus = info.refund_status;
  if (totalFee === undefined || refundFee === undefined || settlementRefundFee === undefined) return undefined;
  if (info.settlement_total_fee && settlementTotalFee === undefined) return undefined;
  if (!isRefundStatus(refundStatus) || !NOTIFY_STATUSES.includes(refundStatus)) return undefined;
  if (!info.out_refund_no || !info.refund_id || !info.transaction_id || !info.out_trade_no) return undefined;

  let successTime: Date | undefined;
  if (info.success_time) {
    try {
      successTime = parseWxDateTime(info.success_time);
    } catch {
      return undefined;
    }
  }

  return {
    appid: merchant.appid,
    mchId: merchant.mchId,
    outRefundNo: info.out_refund_no,
    refundId: info.refund_id,
    transactionId: info.transaction_id,
    outTradeNo: info.out_trade_no,
    totalFee,
    settlementTotalFee,
    refundFee,
    settlementRefundFee,
    refundStatus: refundStatus as RefundNotifyStatus,
    successTime,
    refundRecvAccout: info.refund_recv_accout ?? '',
    refundAccount: info.refund_account ?? '',
    refundRequestSource: info.refund_request_source ?? '',
    raw: info,
  };
}

/** The whole notify as WeChat posts it, for the sandbox and the tests. */
export function buildRefundNotify(
  envelope: { appid: string; mchId: string; nonceStr: string },
  info: Omit<RefundNotification, 'appid' | 'mchId' | 'raw'>,
  key: string,
): string {
  const reqInfo = encryptRefundInfo(
    {
      out_refund_no: info.outRefundNo,
      out_trade_no: info.outTradeNo,
      refund_account: info.refundAccount,
      refund_fee: info.refundFee,
      refund_id: info.refundId,
      refund_recv_accout: info.refundRecvAccout,
      refund_request_source: info.refundRequestSource,
      refund_status: info.refundStatus,
      settlement_refund_fee: info.settlementRefundFee,
      settlement_total_fee: info.settlementTotalFee,
      success_time: info.successTime && formatWxDateTime(info.successTime),
      total_fee: info.totalFee,
      transaction_id: info.transactionId,
    },
    key,
  );
  return buildXml({
    return_code: 'SUCCESS',
    appid: envelope.appid,
    mch_id: envelope.mchId,
    nonce_str: envelope.nonceStr,
    req_info: reqInfo,
  });
}
