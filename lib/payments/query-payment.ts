// Ask WeChat where an order stands and, if it was paid, apply the payment through the same
// transition as a notify (pay log source `query`). Used by the status route and the sweep.
import 'server-only';
import { getDb } from '@/db';
import { payLogs } from '@/db/schema';
import { getMerchantClient } from './merchant-client';
import { applyPayment, type PaymentOutcome } from './apply-payment';
import type { OrderQueryResult } from '@/lib/wechatpay';

export const REFUNDED_OUTSIDE = 'refunded outside the shop: WeChat reports this payment refunded (trade_state REFUND)';

export async function queryPayment(orderNo: string): Promise<{ result: OrderQueryResult; outcome?: PaymentOutcome }> {
  const result = await getMerchantClient().orderQuery(orderNo);
  // REFUND: paid, then refunded at WeChat without us (the merchant platform). The payment happened,
  // so it is applied like SUCCESS; the refund is money the shop did not send back: an anomaly.
  if (result.tradeState !== 'SUCCESS' && result.tradeState !== 'REFUND') return { result };
  const outcome = await applyPayment({
    orderNo,
    transactionId: result.transactionId ?? '',
    totalFee: result.totalFee ?? 0,
    paidAt: result.paidAt ?? new Date(),
    source: 'query',
    tradeState: result.tradeState,
    raw: result.raw,
  });
  // Only the call that applied the payment records the refund, so a racing query or a later one
  // (none: the order is no longer pending) never records it twice.
  if (result.tradeState === 'REFUND' && outcome.verdict === 'applied') {
    await getDb()
      .insert(payLogs)
      .values({
        orderNo,
        transactionId: result.transactionId ?? null,
        totalFee: result.totalFee ?? null,
        tradeState: 'REFUND',
        source: 'query',
        verdict: 'anomaly',
        detail: REFUNDED_OUTSIDE,
        raw: result.raw,
      });
  }
  return { result, outcome };
}
