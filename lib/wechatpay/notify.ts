import { parseFen } from './amount';
import { verify } from './sign';
import { parseWxTime } from './time';
import type { PaymentNotification, SignType, WxFields } from './types';
import { buildXml, parseXml } from './xml';

export interface NotifyExpectation {
  appid: string;
  mchId: string;
  key: string;
  /** The type orders were placed with: the only one a notify is verified with. */
  signType: SignType;
}

export type NotifyRejection = 'missing_sign' | 'wrong_sign_type' | 'bad_sign' | 'wrong_appid' | 'wrong_mch_id' | 'bad_fields';

/** Rejections that mean the message could not be authenticated; the others come from a message that is signed with our key. */
const UNAUTHENTICATED: readonly NotifyRejection[] = ['missing_sign', 'wrong_sign_type', 'bad_sign'];

export function isAuthenticated(reason: NotifyRejection): boolean {
  return !UNAUTHENTICATED.includes(reason);
}

export type NotifyResult = { ok: true; notification: PaymentNotification } | { ok: false; reason: NotifyRejection; fields: WxFields };

/**
 * Verifies a v2 payment notify (spec §11). XML problems throw WxXmlError; everything else is a result.
 * ok:true can still carry resultCode 'FAIL', and the amount is not compared with any order: both are the caller's job.
 */
export function parseNotify(rawXml: string, expect: NotifyExpectation): NotifyResult {
  const fields = parseXml(rawXml);
  const reject = (reason: NotifyRejection): NotifyResult => ({ ok: false, reason, fields });

  if (!fields.sign) return reject('missing_sign');
  // Only the configured type: a message must not choose its own algorithm (a downgrade to MD5).
  // WeChat often omits sign_type on HMAC notifies; the rare genuine notify signed with the other
  // type (spec §2.2) is refused here and found by orderquery, whose reply is signed with ours.
  if (fields.sign_type && fields.sign_type !== expect.signType) return reject('wrong_sign_type');
  if (!verify(fields, expect.key, expect.signType)) return reject('bad_sign');
  if (fields.appid !== expect.appid) return reject('wrong_appid');
  if (fields.mch_id !== expect.mchId) return reject('wrong_mch_id');

  const notification = toPaymentNotification(fields, expect);
  return notification ? { ok: true, notification } : reject('bad_fields');
}

/** `merchant`: the appid and mch_id the fields were just checked to carry. */
function toPaymentNotification(fields: WxFields, merchant: { appid: string; mchId: string }): PaymentNotification | undefined {
  const resultCode = fields.result_code;
  if (fields.return_code !== 'SUCCESS' || (resultCode !== 'SUCCESS' && resultCode !== 'FAIL')) return undefined;
  const totalFee = parseFen(fields.total_fee);
  const transactionId = fields.transaction_id ?? '';
  if (!fields.out_trade_no || totalFee === undefined || (resultCode === 'SUCCESS' && !transactionId)) return undefined;

  let paidAt: Date | undefined;
  if (fields.time_end) {
    try {
      paidAt = parseWxTime(fields.time_end);
    } catch {
      return undefined;
    }
  }

  return {
    appid: merchant.appid,
    mchId: merchant.mchId,
    outTradeNo: fields.out_trade_no,
    transactionId,
    totalFee,
    resultCode,
    openid: fields.openid || undefined,
    paidAt,
    raw: fields,
  };
}

/** The synchronous answer to a notify (spec §11.4); anything but SUCCESS makes WeChat redeliver. */
export function notifyReply(code: 'SUCCESS' | 'FAIL', msg?: string): string {
  return buildXml({ return_code: code, return_msg: msg ?? (code === 'SUCCESS' ? 'OK' : 'FAIL') });
}

/** Whether a merchant's reply to a notify counts as received (spec §11.4). Never throws. */
export function isSuccessReply(body: string): boolean {
  try {
    return parseXml(body).return_code === 'SUCCESS';
  } catch {
    return false;
  }
}
