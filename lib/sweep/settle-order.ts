// Decides one expired pending order with WeChat, asking first: a payment WeChat has must win over
// our clock. Outcomes follow the spec's sweep table; anything uncertain leaves the order pending.
import { closeOrder } from '@/lib/orders/close-order';
import { queryPayment } from '@/lib/payments/query-payment';
import { getWechatPay } from '@/lib/payments/wechatpay';
import { WechatPayError, WxBusinessError, type OrderQueryResult } from '@/lib/wechatpay';

export type Settlement = 'paid' | 'closed' | 'left' | 'failed';

export async function settleOrder(orderNo: string): Promise<Settlement> {
  try {
    const { result, outcome } = await queryPayment(orderNo);
    if (outcome) return 'paid';
    return await closeAccordingTo(orderNo, result);
  } catch (err) {
    // The order never reached WeChat (unifiedorder failed before it was created there).
    if (err instanceof WxBusinessError && err.errCode === 'ORDERNOTEXIST') {
      await closeOrder(orderNo, 'sweep: WeChat has no such order (ORDERNOTEXIST)');
      return 'closed';
    }
    if (err instanceof WechatPayError) return 'failed';
    throw err;
  }
}

async function closeAccordingTo(orderNo: string, query: OrderQueryResult): Promise<Settlement> {
  switch (query.tradeState) {
    case 'CLOSED':
    case 'REVOKED':
      await closeOrder(orderNo, `sweep: WeChat reports ${query.tradeState}`, query.raw);
      return 'closed';
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
    await getWechatPay().closeOrder(orderNo);
    await closeOrder(orderNo, 'sweep: closed at WeChat (closeorder accepted)');
    return 'closed';
  } catch (err) {
    if (!(err instanceof WxBusinessError)) throw err;
    switch (err.errCode) {
      case 'ORDERPAID': {
        // Paid between our query and our close: fetch the payment and apply it.
        const { outcome } = await queryPayment(orderNo);
        return outcome ? 'paid' : 'failed';
      }
      case 'ORDERCLOSED':
        await closeOrder(orderNo, 'sweep: WeChat reports ORDERCLOSED');
        return 'closed';
      case 'ORDERNOTEXIST':
        await closeOrder(orderNo, 'sweep: WeChat has no such order (ORDERNOTEXIST)');
        return 'closed';
      default:
        // SYSTEMERROR (including "too young to close"), FREQUENCY_LIMITED…: try again next sweep.
        return 'failed';
    }
  }
}
