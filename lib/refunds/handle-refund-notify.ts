// A refund notify (wechatpay.md §9), from raw bytes to the verdict, with the payment notify's
// discipline (lib/payments/handle-notify.ts): one pay-log row per message; `unverified` (capped per
// minute) for one we cannot authenticate, i.e. whose req_info does not decrypt with our key;
// `rejected` for one that decrypts but names no refund of ours or another amount; SUCCESS (the
// caller's `acknowledge`) only once the outcome is committed.
import 'server-only';
import { getEnv } from '@/lib/env';
import { logUnverified } from '@/lib/payments/log-unverified';
import type { NotifyOutcome } from '@/lib/payments/handle-notify';
import { parseRefundNotify, WxXmlError, type WxFields } from '@/lib/wechatpay';
import { applyRefundResult } from './apply-refund-result';
import { logRefundMessage } from './refund-pay-log';

export async function handleRefundNotify(body: string, opts: { tooLarge?: boolean } = {}): Promise<NotifyOutcome> {
  if (opts.tooLarge) return unverified({ unparsed: body }, 'body larger than 64 KB');
  const env = getEnv();
  let result;
  try {
    result = parseRefundNotify(body, { appid: env.WXPAY_APPID, mchId: env.WXPAY_MCH_ID, key: env.WXPAY_KEY });
  } catch (err) {
    // Not XML, or XML we refuse (a DOCTYPE): nothing to decrypt; an excerpt is kept.
    if (err instanceof WxXmlError) return unverified({ unparsed: body }, err.message);
    throw err;
  }
  if (!result.ok) {
    if (result.reason === 'not_decryptable' || result.reason === 'not_success') return unverified(result.fields, result.reason);
    // It decrypted with our key, so WeChat sent it, but it is not ours to apply (another merchant, malformed fields).
    const { req_info: _, ...fields } = result.fields;
    await logRefundMessage(
      { source: 'refund_notify', orderNo: null, transactionId: null, refundFee: null, tradeState: 'FAIL', raw: fields },
      'rejected',
      result.reason,
    );
    return { acknowledge: false, verdict: 'rejected', message: result.reason };
  }

  const n = result.notification;
  const outcome = await applyRefundResult({
    source: 'refund_notify',
    outRefundNo: n.outRefundNo,
    refundId: n.refundId,
    refundFee: n.refundFee,
    transactionId: n.transactionId,
    refundStatus: n.refundStatus,
    successTime: n.successTime,
    raw: n.raw,
  });
  const acknowledge = outcome.verdict !== 'rejected';
  return { acknowledge, verdict: outcome.verdict, message: acknowledge ? 'OK' : (outcome.detail ?? 'rejected') };
}

async function unverified(fields: WxFields, reason: string): Promise<NotifyOutcome> {
  await logUnverified('refund_notify', fields, reason, 'FAIL');
  return { acknowledge: false, verdict: 'unverified', message: reason };
}
