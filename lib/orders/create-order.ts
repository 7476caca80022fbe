// Checkout: price from the database, reserve stock, record the order, then ask WeChat for a QR.
// The transaction holds no network call; WeChat is called after it commits.
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import 'server-only';
import { getDb } from '@/db';
import { firstRow } from '@/db/first-row';
import { orderItems, orders, products, users } from '@/db/schema';
import { RATE_LIMITS, takeRateLimits } from '@/lib/abuse/rate-limit';
import { getEnv } from '@/lib/env';
import { AppError, RateLimitedError } from '@/lib/errors';
import { stripFourByteChars, WechatPayError } from '@/lib/wechatpay';
import { closePendingOrder } from './close-pending-order';
import { newOrderNo } from './order-no';
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
    // Serialises one shopper's checkouts so the pending-units cap holds under concurrency.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).for('update');
    const held = firstRow(
      await tx
        .select({ units: sql<number>`coalesce(sum(${orderItems.quantity}), 0)::int`, firstExpiry: sql<Date | string | null>`min(${orders.expiresAt})` })
        .from(orders)
        .innerJoin(orderItems, eq(orderItems.orderId, orders.id))
        .where(and(eq(orders.userId, input.userId), eq(orders.status, 'pending'))),
      'the pending units',
    );
    const reserved: { productId: number; name: string; priceFen: number; quantity: number }[] = [];
    for (const line of lines) {
      const [product] = await tx
        .update(products)
        .set({ stock: sql`${products.stock} - ${line.quantity}` })
        .where(
          and(
            eq(products.id, line.productId),
            gte(products.stock, line.quantity),
            lte(sql`${line.quantity}::int`, products.maxPerOrder),
            sql`${products.archivedAt} is null`,
          ),
        )
        .returning({ name: products.nameZh, priceFen: products.priceFen });
      if (!product) throw await unavailable(tx, line);
      reserved.push({ productId: line.productId, name: product.name, priceFen: product.priceFen, quantity: line.quantity });
    }

    // Judged after the lines (queried before them, so no product row stays locked for it): out of
    // stock (409) and a line's own cap win over this one.
    const units = lines.reduce((sum, l) => sum + l.quantity, 0);
    if (held.units + units > env.MAX_PENDING_UNITS) {
      // Units come free when the oldest unpaid order is paid or expires.
      const wait = held.firstExpiry ? (new Date(held.firstExpiry).getTime() - Date.now()) / 1000 : env.ORDER_TTL_SECONDS;
      throw new RateLimitedError(
        `At most ${env.MAX_PENDING_UNITS} items may wait for payment at once; you hold ${held.units}. Pay or let unpaid orders expire first`,
        wait,
        { maxPendingUnits: env.MAX_PENDING_UNITS, pendingUnits: held.units },
        { key: 'pendingUnits', values: { max: env.MAX_PENDING_UNITS, held: held.units } },
      );
    }

    const totalFee = reserved.reduce((sum, l) => sum + l.priceFen * l.quantity, 0);
    // total_fee is a 32-bit integer at WeChat and here.
    if (totalFee > 2_147_483_647) throw new AppError('bad_request', 'The order total is too large for one payment');
    const created = firstRow(
      await tx
        .insert(orders)
        .values({
          orderNo: newOrderNo(now),
          userId: input.userId,
          totalFee,
          description: describe(reserved),
          paymentEnv: env.WXPAY_MODE,
          shippingName: input.shipping?.name,
          shippingPhone: input.shipping?.phone,
          shippingAddress: input.shipping?.address,
          createdAt: now,
          expiresAt,
        })
        .returning({ id: orders.id, orderNo: orders.orderNo, description: orders.description }),
      'insert into orders returning',
    );
    await tx.insert(orderItems).values(reserved.map((l) => ({ ...l, orderId: created.id })));
    if (input.shipping) {
      await tx
        .update(users)
        .set({ shippingName: input.shipping.name, shippingPhone: input.shipping.phone, shippingAddress: input.shipping.address })
        .where(eq(users.id, input.userId));
    }
    return { ...created, totalFee, productId: firstRow(reserved, 'a reserved line').productId };
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

// Out of stock wins over the per-order cap: buying fewer would not help then either.
async function unavailable(
  tx: Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0],
  { productId, quantity }: { productId: number; quantity: number },
) {
  const [product] = await tx
    .select({ nameZh: products.nameZh, nameEn: products.nameEn, stock: products.stock, maxPerOrder: products.maxPerOrder, archivedAt: products.archivedAt })
    .from(products)
    .where(eq(products.id, productId));
  if (!product) return new AppError('bad_request', `Unknown product ${productId}`, { productId });
  // The shopper reads the name in their language (the route layer picks it).
  const name = { zh: product.nameZh, en: product.nameEn || product.nameZh };
  if (product.archivedAt || product.stock < quantity) {
    return new AppError('conflict', `${product.nameZh} is out of stock`, { productId, product: name }, { key: 'outOfStock', values: { product: name } });
  }
  // Retrying the same line never helps; Retry-After (the contract's for every 429) is one order lifetime.
  return new RateLimitedError(
    `At most ${product.maxPerOrder} of ${product.nameZh} per order`,
    getEnv().ORDER_TTL_SECONDS,
    { productId, product: name, maxPerOrder: product.maxPerOrder },
    { key: 'maxPerOrder', values: { max: product.maxPerOrder, product: name } },
  );
}

// WeChat v2 accepts only 1–3-byte UTF-8 characters (spec §1), so emoji in a product name are left
// out of what the shopper sees in WeChat rather than failing the checkout.
function describe(lines: { name: string; quantity: number }[]): string {
  return stripFourByteChars(lines.map((l) => (l.quantity > 1 ? `${l.name} ×${l.quantity}` : l.name)).join(', '));
}
