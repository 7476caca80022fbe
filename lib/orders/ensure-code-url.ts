// The pay page's step for a pending order whose QR was not ready at checkout (WeChat did not answer
// in time): ask once more with the very same parameters (a re-entry, see request-code-url.ts).
// A refusal closes the order and returns its stock; no answer leaves it for the next visit, and
// the sweep closes it at expiry like any unpaid order.
import { WechatPayError } from '@/lib/wechatpay';
import { closePendingOrder } from './close-pending-order';
import type { OrderView } from './my-orders';
import { requestCodeUrl, saveCodeUrl, unifiedOrderInput } from './request-code-url';

export async function ensureCodeUrl(order: OrderView, clientIp: string): Promise<OrderView> {
  if (order.status !== 'pending' || order.codeUrl || order.expiresAt.getTime() <= Date.now()) return order;
  const productId = Math.min(...order.items.map((line) => line.productId));
  try {
    // One attempt: the page is waiting, and it asks again on its next refresh.
    const qr = await requestCodeUrl(unifiedOrderInput({ ...order, productId }, clientIp), 0);
    if (!qr) return order;
    await saveCodeUrl(order.orderNo, qr);
    return { ...order, codeUrl: qr.codeUrl };
  } catch (err) {
    if (!(err instanceof WechatPayError)) throw err;
    // Paid means someone holds a QR after all: the sweep's orderquery applies that payment.
    if (err.code === 'ORDERPAID') return order;
    await closePendingOrder(order.orderNo, `unifiedorder failed: ${err.code}`);
    return { ...order, status: 'closed' };
  }
}
