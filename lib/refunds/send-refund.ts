// Sends one refund to WeChat (secapi/pay/refund) and records the answer: used after creation, by
// the sweep for a `requested` refund, and by the operator's retry of a `failed` one, always with
// the refund's own out_refund_no, so WeChat refunds once however often it is sent. The answer is
// logged (source refund, accepted/refused) and moves the refund in one conditional statement, only
// from `requested`: a notify that already made it `success` is never undone.
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { refunds, type Refund } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { WxRefundError, type RefundResult } from '@/lib/wechatpay';
import { getRefundClient } from './refund-client';
import { logRefundMessage, type RefundMessage } from './refund-pay-log';
import { sendOutcome, type SendOutcome } from './refund-rules';
import type { RefundStatus } from './refund-status';

/** How long a sender owns a refund: one secapi call at its 10 s timeout, with room to spare. */
export const SEND_LEASE = sql`interval '60 seconds'`;

export interface RefundReply {
  outRefundNo: string;
  status: RefundStatus;
  refundFen: number;
  errCode: string | null;
  /** Why it is `requested` or `failed`, for the operator. */
  message?: string;
}

type Sendable = Pick<Refund, 'id' | 'outRefundNo' | 'orderNo' | 'transactionId' | 'totalFee' | 'refundFee' | 'reason'>;

export async function sendRefund(refund: Sendable): Promise<RefundReply> {
  let result: RefundResult | undefined;
  let error: unknown;
  try {
    result = await getRefundClient().refund({
      transactionId: refund.transactionId,
      outRefundNo: refund.outRefundNo,
      totalFee: refund.totalFee,
      refundFee: refund.refundFee,
      // At most 80 bytes, as refund_desc allows: the route checks the reason's length.
      refundDesc: refund.reason || undefined,
      notifyUrl: getEnv().WXPAY_REFUND_NOTIFY_URL,
    });
  } catch (err) {
    error = err;
  }
  const outcome = sendOutcome(result ? result : { error });
  await record(refund, outcome);

  const message: RefundMessage = {
    source: 'refund',
    orderNo: refund.orderNo,
    transactionId: refund.transactionId,
    refundFee: refund.refundFee,
    tradeState: outcome.status === 'processing' ? 'PROCESSING' : 'FAIL',
    raw: result ? result.raw : { out_refund_no: refund.outRefundNo, ...errorFields(error) },
  };
  if (outcome.status === 'processing') await logRefundMessage(message, 'accepted');
  // A timeout or a dropped connection brought no message to log: the refund stays requested.
  else if (outcome.status === 'failed' || outcome.replied) await logRefundMessage(message, 'refused', outcome.message);
  else log.warn({ outRefundNo: refund.outRefundNo, errCode: outcome.errCode }, 'refund: no answer from WeChat; the sweep sends it again');

  return {
    outRefundNo: refund.outRefundNo,
    status: outcome.status,
    refundFen: refund.refundFee,
    errCode: outcome.status === 'processing' ? null : outcome.errCode,
    message: outcome.status === 'processing' ? undefined : outcome.message,
  };
}

/** One conditional statement per outcome, from `requested` only; the lease ends with the call. */
async function record(refund: Sendable, outcome: SendOutcome): Promise<void> {
  const set =
    outcome.status === 'processing'
      ? { status: 'processing' as const, refundId: outcome.refundId, errCode: null }
      : { status: outcome.status, errCode: outcome.errCode.slice(0, 64) };
  await getDb()
    .update(refunds)
    .set({ ...set, updatedAt: sql`now()`, sweepLeaseUntil: null })
    .where(and(eq(refunds.id, refund.id), eq(refunds.status, 'requested')));
}

function errorFields(error: unknown): Record<string, string> {
  if (error instanceof WxRefundError) return { err_code: error.errCode, err_code_des: error.errCodeDes };
  return { error: error instanceof Error ? error.message : String(error) };
}
