// Checkout: price from the database, reserve stock, record the order, then ask WeChat for a QR.
// The transaction holds no network call; WeChat is called after it commits.
import { eq } from 'drizzle-orm';
import 'server-only';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { RATE_LIMITS, takeRateLimits } from '@/lib/abuse/rate-limit';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { WechatPayError } from '@/lib/wechatpay';
import { closePendingOrder } from './close-pending-order';
import { lockBuyer, reserveOrder } from './reserve-order';
import { requestCodeUrl, saveCodeUrl, unifiedOrderInput } from './request-code-url';

/**
 * How long checkout keeps asking WeChat for the QR (attempts that time out or fail in transit are
 * repeated). Past it the order stays reserved without one and the pay page asks again.
 */
export const QR_BUDGET_MS = 12_000;

export interface CheckoutInput {
  userId: number;
  items: { productId: number; quantity: number }[];
  shipping?: { name: string; phone: string; address: string };
  /** Sent as spbill_create_ip. */
  clientIp: string;
}

export interface CreatedOrder {
  orderNo: string;
  totalFee: number;
  /** null when WeChat did not answer in time: the pay page (/orders/{orderNo}) asks for it again. */
  codeUrl: string | null;
  expiresAt: Date;
  status: 'pending';
}

export async function createOrder(input: CheckoutInput): Promise<CreatedOrder> {
  const env = getEnv();
  const lines = mergeLines(input.items);
  // Whole seconds: time_expire has second precision, and local expiry must equal WeChat's.
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const expiresAt = new Date(now.getTime() + env.ORDER_TTL_SECONDS * 1000);
  await takeRateLimits([{ limit: RATE_LIMITS.checkoutsPerAccount, subject: String(input.userId) }]);

  const order = await getDb().transaction(async (tx) => {
    const buyer = { userId: input.userId };
    await lockBuyer(tx, buyer);
    const reserved = await reserveOrder(tx, { buyer, lines, shipping: input.shipping, createdAt: now, expiresAt });
    if (input.shipping) {
      await tx
        .update(users)
        .set({ shippingName: input.shipping.name, shippingPhone: input.shipping.phone, shippingAddress: input.shipping.address })
        .where(eq(users.id, input.userId));
    }
    return reserved;
  });

  try {
    const qr = await requestCodeUrl(unifiedOrderInput({ ...order, expiresAt }, input.clientIp), QR_BUDGET_MS);
    // No answer in time is not a refusal: the stock stays reserved for this shopper, who won it.
    if (qr) await saveCodeUrl(order.orderNo, qr);
    return { orderNo: order.orderNo, totalFee: order.totalFee, codeUrl: qr?.codeUrl ?? null, expiresAt, status: 'pending' };
  } catch (err) {
    // WeChat refused (or the QR could not be stored), so no QR ever reached the shopper and nobody
    // can pay this order: closing it locally and returning the stock at once is safe.
    const code = err instanceof WechatPayError ? err.code : 'INTERNAL';
    await closePendingOrder(order.orderNo, `unifiedorder failed: ${code}`);
    if (err instanceof WechatPayError) {
      throw new AppError('wechat_error', `WeChat Pay could not create the payment (${code})`, { errCode: code }, { key: 'wechat', values: { code } });
    }
    throw err;
  }
}

// The same product twice in one cart is one reservation; product-id order avoids deadlocks
// between concurrent checkouts that share products.
export function mergeLines(items: CheckoutInput['items']) {
  const byId = new Map<number, number>();
  for (const { productId, quantity } of items) byId.set(productId, (byId.get(productId) ?? 0) + quantity);
  const lines = [...byId].map(([productId, quantity]) => ({ productId, quantity })).sort((a, b) => a.productId - b.productId);
  const tooMany = lines.find((l) => l.quantity > 99);
  if (tooMany) throw new AppError('bad_request', `At most 99 of one product per order`, { productId: tooMany.productId });
  return lines;
}
