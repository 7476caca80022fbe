// The pay-log row of one refund message (spec "Refunds": every refund message leaves one): our
// request's reply (source refund), a refund notify (refund_notify) or a refundquery answer
// (refund_query). order_no and transaction_id are the refund's, total_fee is the refund's amount,
// and raw carries out_refund_no, so an operator finds every message of one refund.
import 'server-only';
import { getDb } from '@/db';
import { payLogs } from '@/db/schema';
import type { PaySource, Verdict } from '@/lib/payments/pay-log-vocabulary';
import type { RefundTradeState } from './refund-status';

export interface RefundMessage {
  source: Extract<PaySource, 'refund' | 'refund_notify' | 'refund_query'>;
  orderNo: string | null;
  transactionId: string | null;
  refundFee: number | null;
  tradeState: RefundTradeState;
  raw: Record<string, string>;
}

export async function logRefundMessage(message: RefundMessage, verdict: Verdict, detail?: string): Promise<void> {
  await getDb().insert(payLogs).values({
    orderNo: message.orderNo,
    transactionId: message.transactionId,
    totalFee: message.refundFee,
    tradeState: message.tradeState,
    source: message.source,
    verdict,
    detail,
    raw: message.raw,
  });
}
