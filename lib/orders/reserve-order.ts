// The reservation both ways of selling share (checkout, lib/orders/create-order.ts, and the product
// QR, lib/orders/sell-by-product-qr.ts): serialise the buyer, check their pending-units cap, take
// each line's stock with one conditional UPDATE, and record the order with its lines. Runs inside
// the caller's transaction; WeChat is called only after it commits.
import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import 'server-only';
import type { getDb } from '@/db';
import { firstRow } from '@/db/first-row';
import { orderItems, orders, products, users } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { AppError, RateLimitedError } from '@/lib/errors';
import { stripFourByteChars } from '@/lib/wechatpay';
import { newOrderNo } from './order-no';

export type Tx = Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0];

/** A signed-in shopper, or a WeChat user buying from a product QR (Native mode 1) without an account. */
export type Buyer = { userId: number } | { openid: string };

export interface ReserveInput {
  buyer: Buyer;
  /** Merged and sorted by product id (mergeLines). */
  lines: { productId: number; quantity: number }[];
  shipping?: { name: string; phone: string; address: string };
  createdAt: Date;
  expiresAt: Date;
}

export interface ReservedOrder {
  id: number;
  orderNo: string;
  description: string;
  totalFee: number;
  /** product_id for unifiedorder: the order's lowest product id. */
  productId: number;
}

/**
 * Serialises one buyer's orders so the pending-units cap holds under concurrency: a shopper's users
 * row, or, for a guest (who has no row), a transaction-scoped advisory lock on the openid.
 */
export async function lockBuyer(tx: Tx, buyer: Buyer): Promise<void> {
  if ('userId' in buyer) await tx.select({ id: users.id }).from(users).where(eq(users.id, buyer.userId)).for('update');
  else await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`openid:${buyer.openid}`}, 0))`);
}

/** Call after lockBuyer, in the same transaction. Throws AppError conflict / bad_request, RateLimitedError. */
export async function reserveOrder(tx: Tx, input: ReserveInput): Promise<ReservedOrder> {
  const env = getEnv();
  const held = firstRow(
    await tx
      .select({ units: sql<number>`coalesce(sum(${orderItems.quantity}), 0)::int`, firstExpiry: sql<Date | string | null>`min(${orders.expiresAt})` })
      .from(orders)
      .innerJoin(orderItems, eq(orderItems.orderId, orders.id))
      .where(and(buyerIs(input.buyer), eq(orders.status, 'pending'))),
    'the pending units',
  );
  const reserved: { productId: number; name: string; priceFen: number; quantity: number }[] = [];
  for (const line of input.lines) {
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
  const units = input.lines.reduce((sum, l) => sum + l.quantity, 0);
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
        orderNo: newOrderNo(input.createdAt),
        ...('userId' in input.buyer ? { userId: input.buyer.userId } : { openid: input.buyer.openid }),
        totalFee,
        description: describe(reserved),
        paymentEnv: env.WXPAY_MODE,
        shippingName: input.shipping?.name,
        shippingPhone: input.shipping?.phone,
        shippingAddress: input.shipping?.address,
        createdAt: input.createdAt,
        expiresAt: input.expiresAt,
      })
      .returning({ id: orders.id, orderNo: orders.orderNo, description: orders.description }),
    'insert into orders returning',
  );
  await tx.insert(orderItems).values(reserved.map((l) => ({ ...l, orderId: created.id })));
  return { ...created, totalFee, productId: firstRow(reserved, 'a reserved line').productId };
}

export function buyerIs(buyer: Buyer): SQL {
  return 'userId' in buyer ? eq(orders.userId, buyer.userId) : eq(orders.openid, buyer.openid);
}

// Out of stock wins over the per-order cap: buying fewer would not help then either.
async function unavailable(tx: Tx, { productId, quantity }: { productId: number; quantity: number }) {
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
