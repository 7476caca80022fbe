// The pure decisions of a refund: what is left to refund, how many units may go back to stock, and
// what WeChat's answer to our request makes of the refund. No database, no network: unit-tested.
import { WechatPayError, WxCertificateRejectedError, WxProtocolError, WxRefundError } from '@/lib/wechatpay';
import type { AnomalyKind } from '@/lib/admin/anomalies';
import type { OrderStatus } from '@/lib/orders/order-status';
import { COUNTED_REFUND_STATUSES, type RefundStatus } from './refund-status';

export interface RestockItem {
  productId: number;
  quantity: number;
}

/** Fen still refundable of a transaction of `totalFee`, given the refunds already made of it. */
export function leftToRefund(totalFee: number, refunds: readonly { status: RefundStatus; refundFee: number }[]): number {
  const counted = refunds.filter((r) => (COUNTED_REFUND_STATUSES as readonly string[]).includes(r.status));
  return totalFee - counted.reduce((sum, r) => sum + r.refundFee, 0);
}

/** One entry per product, quantities summed, zeros dropped: the form sends every line, most of them 0. */
export function mergeRestock(items: readonly RestockItem[]): RestockItem[] {
  const byProduct = new Map<number, number>();
  for (const { productId, quantity } of items) byProduct.set(productId, (byProduct.get(productId) ?? 0) + quantity);
  return [...byProduct].filter(([, quantity]) => quantity > 0).map(([productId, quantity]) => ({ productId, quantity }));
}

/**
 * Units of each product that may still go back to stock: what the order bought minus what its
 * counted refunds already restock (a failed or closed refund gave nothing back).
 */
export function restockable(
  bought: readonly RestockItem[],
  refunds: readonly { status: RefundStatus; restockItems: readonly RestockItem[] }[],
): Map<number, number> {
  const left = new Map<number, number>();
  for (const { productId, quantity } of bought) left.set(productId, (left.get(productId) ?? 0) + quantity);
  for (const refund of refunds) {
    if (!(COUNTED_REFUND_STATUSES as readonly string[]).includes(refund.status)) continue;
    for (const { productId, quantity } of refund.restockItems) left.set(productId, (left.get(productId) ?? 0) - quantity);
  }
  return left;
}

/** The first line asking for more than may go back, as a message; undefined when all fit. */
export function restockProblem(wanted: readonly RestockItem[], left: ReadonlyMap<number, number>): string | undefined {
  for (const { productId, quantity } of wanted) {
    const max = Math.max(0, left.get(productId) ?? 0);
    if (quantity > max) return `product ${productId}: ${quantity} to restock, at most ${max} (bought minus already restocked)`;
  }
  return undefined;
}

/**
 * What WeChat's answer (or its absence) to `secapi/pay/refund` makes of a refund:
 * accepted → processing; an error that the same out_refund_no may retry (a timeout, a network
 * failure, SYSTEMERROR, BIZERR_NEED_RETRY, FREQUENCY_LIMITED, an unreadable reply) → stays
 * requested, the sweep sends it again; a refusal (NOTENOUGH, INVALID_REQUEST…, or a certificate
 * WeChat does not accept) → failed, for the operator to retry after fixing the cause.
 */
export type SendOutcome =
  | { status: 'processing'; refundId: string }
  | { status: 'requested'; errCode: string; message: string; replied: boolean }
  | { status: 'failed'; errCode: string; message: string };

export function sendOutcome(result: { refundId: string } | { error: unknown }): SendOutcome {
  if (!('error' in result)) return { status: 'processing', refundId: result.refundId };
  const err = result.error;
  if (err instanceof WxRefundError) {
    const message = `${err.errCode}: ${err.errCodeDes}`;
    return err.retryable ? { status: 'requested', errCode: err.errCode, message, replied: true } : { status: 'failed', errCode: err.errCode, message };
  }
  // A certificate WeChat does not accept (a WxProtocolError too), or return_code FAIL: nothing was processed.
  if (err instanceof WxCertificateRejectedError) return { status: 'failed', errCode: err.code, message: err.message };
  if (err instanceof WxProtocolError) return { status: 'failed', errCode: err.code, message: err.message };
  // A timeout, a dropped connection, a reply we could not read: WeChat may or may not have it.
  if (err instanceof WechatPayError) return { status: 'requested', errCode: err.code, message: err.message, replied: false };
  throw err;
}

/**
 * Whether "Refund this payment" applies: a second payment, money for a closed order, or a payment
 * only WeChat's bill knows of, for an order this shop has and that is not pending (a pending one is
 * paid by the sweep's orderquery instead; an unknown order has nothing here to refund it from).
 */
export function refundableAnomaly(kind: AnomalyKind, orderStatus: OrderStatus | null): boolean {
  if (kind === 'second_payment' || kind === 'paid_after_close') return true;
  return kind === 'unbooked_payment' && orderStatus !== null && orderStatus !== 'pending';
}
