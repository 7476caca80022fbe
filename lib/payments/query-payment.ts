// Ask WeChat where an order stands and, if it was paid, apply the payment through the same
// transition as a notify (pay log source `query`). Used by the status route and the sweep.
import { getMerchantClient } from './merchant-client';
import { applyPayment, type PaymentOutcome } from './apply-payment';
import type { OrderQueryResult } from '@/lib/wechatpay';

export async function queryPayment(orderNo: string): Promise<{ result: OrderQueryResult; outcome?: PaymentOutcome }> {
  const result = await getMerchantClient().orderQuery(orderNo);
  if (result.tradeState !== 'SUCCESS') return { result };
  const outcome = await applyPayment({
    orderNo,
    transactionId: result.transactionId ?? '',
    totalFee: result.totalFee ?? 0,
    paidAt: result.paidAt ?? new Date(),
    source: 'query',
    tradeState: result.tradeState,
    raw: result.raw,
  });
  return { result, outcome };
}
