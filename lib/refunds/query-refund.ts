// Asks WeChat where one refund stands (refundquery by out_refund_no) and applies what it says
// through the same statement as a notify (pay-log source refund_query). Used by the console's
// "refresh" and by the sweep for refunds that stayed `processing`.
import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { refunds } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { formatWxDateTime, WechatPayError, WxRefundError } from '@/lib/wechatpay';
import { applyRefundResult, type RefundOutcome } from './apply-refund-result';
import { getRefundClient } from './refund-client';

/** undefined when WeChat has no such refund (REFUNDNOTEXIST: a request that never reached it). */
export async function queryRefund(outRefundNo: string): Promise<RefundOutcome | undefined> {
  let result;
  try {
    result = await getRefundClient().refundQuery({ outRefundNo });
  } catch (err) {
    if (err instanceof WxRefundError && err.errCode === 'REFUNDNOTEXIST') return undefined;
    throw err;
  }
  const record = result.refunds.find((r) => r.outRefundNo === outRefundNo);
  if (!record) return undefined;
  return applyRefundResult({
    source: 'refund_query',
    outRefundNo,
    refundId: record.refundId,
    refundFee: record.refundFee,
    transactionId: result.transactionId,
    refundStatus: record.refundStatus,
    successTime: record.successTime,
    // This refund's fields, named as in a notify, so every refund row carries out_refund_no.
    raw: {
      out_trade_no: result.outTradeNo,
      transaction_id: result.transactionId,
      out_refund_no: record.outRefundNo,
      refund_id: record.refundId,
      refund_fee: String(record.refundFee),
      refund_status: record.refundStatus,
      ...(record.successTime ? { success_time: formatWxDateTime(record.successTime) } : {}),
    },
  });
}

/** The console's "refresh": the refund as it stands after asking WeChat; 502 when WeChat could not answer. */
export async function refreshRefund(outRefundNo: string) {
  const [refund] = await getDb().select({ id: refunds.id }).from(refunds).where(eq(refunds.outRefundNo, outRefundNo));
  if (!refund) throw new AppError('not_found', `No refund ${outRefundNo}`);
  try {
    await queryRefund(outRefundNo);
  } catch (err) {
    if (err instanceof WechatPayError) throw new AppError('wechat_error', `refundquery failed: ${err.message}`, { errCode: err.code });
    throw err;
  }
  const [now] = await getDb().select().from(refunds).where(eq(refunds.outRefundNo, outRefundNo));
  return { outRefundNo, status: now!.status, refundFen: now!.refundFee, errCode: now!.errCode };
}
