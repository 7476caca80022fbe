// Decides one expired pending order with WeChat, asking first: a payment WeChat has must win over
// our clock. Outcomes follow the spec's sweep table; anything uncertain leaves the order pending.
import { closePendingOrder } from '@/lib/orders/close-pending-order';
import type { PaymentOutcome } from '@/lib/payments/apply-payment';
import { queryPayment } from '@/lib/payments/query-payment';
import { getMerchantClient } from '@/lib/payments/merchant-client';
import { WechatPayError, WxBusinessError, type OrderQueryResult, type TradeState } from '@/lib/wechatpay';

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
export function settled(outcome: PaymentOutcome): Settlement {
  if (outcome.verdict === 'applied' || outcome.verdict === 'duplicate') return 'paid';
  return outcome.verdict === 'anomaly' ? 'left' : 'failed';
}

// What the sweep does next about an expired order: the pure part of the spec's sweep table.
type CloseHere = { action: 'close-here'; detail: string };
export type StepAfterQuery = CloseHere | { action: 'close-at-wechat' } | { action: 'leave' };
export type StepAfterCloseOrder = CloseHere | { action: 'query-again' } | { action: 'retry' };

/** The step after orderquery answered with a trade_state that brought no payment to apply. */
export function stepAfterQuery(tradeState: TradeState): StepAfterQuery {
  switch (tradeState) {
    case 'CLOSED':
    case 'REVOKED':
      return { action: 'close-here', detail: `sweep: WeChat reports ${tradeState}` };
    case 'NOTPAY':
    case 'PAYERROR':
      return { action: 'close-at-wechat' };
    default:
      // USERPAYING, ACCEPT: the shopper is mid-payment; the next sweep looks again.
      return { action: 'leave' };
  }
}

/** The step after closeorder: accepted (no error code) or refused with WeChat's err_code. */
export function stepAfterCloseOrder(errCode?: string): StepAfterCloseOrder {
  switch (errCode) {
    case undefined:
      return { action: 'close-here', detail: 'sweep: closed at WeChat (closeorder accepted)' };
    case 'ORDERPAID':
      // Paid between our query and our close: fetch the payment and apply it.
      return { action: 'query-again' };
    case 'ORDERCLOSED':
      return { action: 'close-here', detail: 'sweep: WeChat reports ORDERCLOSED' };
    case 'ORDERNOTEXIST':
      return { action: 'close-here', detail: 'sweep: WeChat has no such order (ORDERNOTEXIST)' };
    default:
      // SYSTEMERROR (including "too young to close"), FREQUENCY_LIMITED…: try again next sweep.
      return { action: 'retry' };
  }
}

async function closeAccordingTo(orderNo: string, query: OrderQueryResult): Promise<Settlement> {
  const step = stepAfterQuery(query.tradeState);
  if (step.action === 'close-here') return closeHere(orderNo, step.detail, query.raw);
  if (step.action === 'close-at-wechat') return closeAtWechat(orderNo);
  return 'left';
}

async function closeAtWechat(orderNo: string): Promise<Settlement> {
  let step: StepAfterCloseOrder;
  try {
    await getMerchantClient().closeOrder(orderNo);
    step = stepAfterCloseOrder();
  } catch (err) {
    if (!(err instanceof WxBusinessError)) throw err;
    step = stepAfterCloseOrder(err.errCode);
  }
  switch (step.action) {
    case 'close-here':
      return closeHere(orderNo, step.detail);
    case 'query-again': {
      // Whatever goes wrong here, the order stays pending: WeChat has just said it holds the money.
      const { outcome } = await queryPayment(orderNo).catch(() => ({ outcome: undefined }));
      return outcome ? settled(outcome) : 'failed';
    }
    case 'retry':
      return 'failed';
  }
}

// Another sweeper or a payment may have settled the order between WeChat's answer and ours: only
// the call that closed it counts it.
async function closeHere(orderNo: string, detail: string, raw?: Record<string, string>): Promise<Settlement> {
  return (await closePendingOrder(orderNo, detail, raw)) ? 'closed' : 'left';
}
