// Asking WeChat for an order's QR (unifiedorder), retried within a time budget. A repeat with the
// same out_trade_no and the same business fields is a re-entry (重入, wechatpay.md §4.6): WeChat
// answers it with the order it already has, so an attempt whose reply was lost (a timeout, a
// network error) or that WeChat asked us to repeat (SYSTEMERROR, 「请用相同参数重新调用」) is
// simply sent again. Every field comes from the stored order, so a later re-entry from the pay
// page sends exactly what checkout sent (spbill_create_ip and nonce_str are not compared).
import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db';
import { orders } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { getMerchantClient } from '@/lib/payments/merchant-client';
import { WxBusinessError, WxNetworkError, type UnifiedOrderInput, type UnifiedOrderResult } from '@/lib/wechatpay';

export interface QrOrder {
  orderNo: string;
  totalFee: number;
  description: string;
  expiresAt: Date;
  /** product_id: the order's lowest product id. */
  productId: number;
  /** A Native mode 1 guest's openid, sent with every attempt (re-entry repeats every field). */
  openid?: string | null;
}

const RETRY_PAUSE_MS = 250;

export function unifiedOrderInput(order: QrOrder, clientIp: string): UnifiedOrderInput {
  return {
    outTradeNo: order.orderNo,
    totalFee: order.totalFee,
    body: order.description,
    productId: String(order.productId),
    notifyUrl: getEnv().WXPAY_NOTIFY_URL,
    clientIp,
    expiresAt: order.expiresAt,
    openid: order.openid ?? undefined,
  };
}

/**
 * The QR, or null when WeChat could not be heard from within budgetMs (each attempt has the
 * client's own timeout; a new one starts only inside the budget). A definite refusal rejects
 * (WxBusinessError other than SYSTEMERROR, and every other WechatPayError).
 */
export async function requestCodeUrl(input: UnifiedOrderInput, budgetMs: number): Promise<UnifiedOrderResult | null> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    const sent = Date.now();
    try {
      return await getMerchantClient().unifiedOrder(input);
    } catch (err) {
      if (!worthRepeating(err)) throw err;
      const waited = Date.now() - sent;
      const more = Date.now() + RETRY_PAUSE_MS - started < budgetMs;
      log.warn(
        { err, orderNo: input.outTradeNo, attempt, waitedMs: waited },
        more ? 'unifiedorder: no answer, asking again' : 'unifiedorder: no answer, QR not ready yet',
      );
      if (!more) return null;
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    }
  }
}

/** Stores the QR once; a second writer (checkout and a pay page racing) finds it already there. */
export async function saveCodeUrl(orderNo: string, { codeUrl, prepayId }: UnifiedOrderResult): Promise<void> {
  await getDb()
    .update(orders)
    .set({ codeUrl, prepayId: prepayId ?? null })
    .where(and(eq(orders.orderNo, orderNo), isNull(orders.codeUrl)));
}

function worthRepeating(err: unknown): boolean {
  return err instanceof WxNetworkError || (err instanceof WxBusinessError && err.errCode === 'SYSTEMERROR');
}
