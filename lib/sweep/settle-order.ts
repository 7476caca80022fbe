// Decides one expired pending order with WeChat, asking first: a payment WeChat has must win over
// our clock. Outcomes follow the spec's sweep table; anything uncertain leaves the order pending.
import { closePendingOrder } from '@/lib/orders/close-pending-order';
import type { PaymentOutcome } from '@/lib/payments/apply-payment';
import { queryPayment } from '@/lib/payments/query-payment';
import { getMerchantClient } from '@/lib/payments/merchant-client';
import { WechatPayError, WxBusinessError, type OrderQueryResult } from '@/lib/wechatpay';

export type Settlement = 'paid' | 'closed' | 'left' | 'failed';

export async function settleOrder(orderNo: string): Promise<Settlement> {
  try {
    const { result, outcome } = await queryPayment(orderNo);
    if (outcome) return settled(outcome);
    return await closeAccordingTo(orderNo, result);
  } catch (err) {
    // The order never reached WeChat (unifiedorder failed before it was created there).
    if (err instanceof WxBusinessError && err.errCode === 'ORDERNOTEXIST') {
      return closeHere(orderNo, 'sweep: WeChat has no such order (ORDERNOTEXIST)');
    }
    if (err instanceof WechatPayError) return 'failed';
    throw err;
  }
}

// A payment that could not be applied (an anomaly such as a wrong amount) leaves the order pending
// for an operator, marked so that no sweep claims it again (applyPayment): its outcome is final
// for the sweep, neither paid nor a failure to retry.
function settled(outcome: PaymentOutcome): Settlement {
  if (outcome.verdict === 'applied' || outcome.verdict === 'duplicate') return 'paid';
  return outcome.verdict === 'anomaly' ? 'left' : 'failed';
}

async function closeAccordingTo(orderNo: string, query: OrderQueryResult): Promise<Settlement> {
  switch (query.tradeState) {
    case 'CLOSED':
    case 'REVOKED':
      return closeHere(orderNo, `sweep: WeChat reports ${query.tradeState}`, query.raw);
    case 'NOTPAY':
    case 'PAYERROR':
      return closeAtWechat(orderNo);
    default:
      // USERPAYING, ACCEPT: the shopper is mid-payment; the next sweep looks again.
      return 'left';
  }
}

async function closeAtWechat(orderNo: string): Promise<Settlement> {
  try {
    await getMerchantClient().closeOrder(orderNo);
    return await closeHere(orderNo, 'sweep: closed at WeChat (closeorder accepted)');
  } catch (err) {
    if (!(err instanceof WxBusinessError)) throw err;
    switch (err.errCode) {
      case 'ORDERPAID': {
        // Paid between our query and our close: fetch the payment and apply it. Whatever goes
        // wrong here, the order stays pending: WeChat has just said it holds the money.
        const { outcome } = await queryPayment(orderNo).catch(() => ({ outcome: undefined }));
        return outcome ? settled(outcome) : 'failed';
      }
      case 'ORDERCLOSED':
        return closeHere(orderNo, 'sweep: WeChat reports ORDERCLOSED');
      case 'ORDERNOTEXIST':
        return closeHere(orderNo, 'sweep: WeChat has no such order (ORDERNOTEXIST)');
      default:
        // SYSTEMERROR (including "too young to close"), FREQUENCY_LIMITED…: try again next sweep.
        return 'failed';
    }
  }
}

// Another sweeper or a payment may have settled the order between WeChat's answer and ours: only
// the call that closed it counts it.
async function closeHere(orderNo: string, detail: string, raw?: Record<string, string>): Promise<Settlement> {
  return (await closePendingOrder(orderNo, detail, raw)) ? 'closed' : 'left';
}
