// Orders for operators, newest first, keyset-paginated by id (stable while new orders arrive).
// Indexed for every filter: orders (status, created_at), (user_id, created_at), (created_at).
import 'server-only';
import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db';
import { orderItems, orders, users } from '@/db/schema';
import type { OrderFilter } from './filters';
import { belowCursor, keysetPage } from './keyset-page';

/**
 * An order as every console view shows it, with its shopper (orders left join users): a Native mode 1
 * guest has no account, only an openid, of which operators see the last 4 characters.
 */
export const adminOrderColumns = {
  id: orders.id,
  orderNo: orders.orderNo,
  username: users.username,
  guestOpenidTail: sql<string | null>`right(${orders.openid}, 4)`,
  status: orders.status,
  fulfilment: orders.fulfilment,
  totalFee: orders.totalFee,
  refundedFen: orders.refundedFen,
  transactionId: orders.transactionId,
  paymentEnv: orders.paymentEnv,
  createdAt: orders.createdAt,
  expiresAt: orders.expiresAt,
  paidAt: orders.paidAt,
  closedAt: orders.closedAt,
};

/** An order line as the console shows it: the copy taken when the order was placed. */
export const adminOrderLineColumns = { productId: orderItems.productId, name: orderItems.name, priceFen: orderItems.priceFen, quantity: orderItems.quantity };

export async function listOrders(filter: OrderFilter) {
  const where: (SQL | undefined)[] = [belowCursor(orders.id, filter.cursor)];
  if (filter.status) where.push(eq(orders.status, filter.status));
  if (filter.user) where.push(eq(users.username, filter.user));
  if (filter.from) where.push(gte(orders.createdAt, filter.from));
  if (filter.to) where.push(lt(orders.createdAt, filter.to));
  const db = getDb();
  const { items: page, nextCursor } = await keysetPage(filter.limit, (limit) =>
    db
      .select({ ...adminOrderColumns, shippingName: orders.shippingName })
      .from(orders)
      .leftJoin(users, eq(users.id, orders.userId))
      .where(and(...where))
      .orderBy(desc(orders.id))
      .limit(limit),
  );
  const lines = page.length
    ? await db
        .select({ orderId: orderItems.orderId, ...adminOrderLineColumns })
        .from(orderItems)
        .where(
          inArray(
            orderItems.orderId,
            page.map((o) => o.id),
          ),
        )
    : [];
  return {
    items: page.map(({ id, ...order }) => ({
      ...order,
      items: lines.filter((l) => l.orderId === id).map(({ orderId: _, ...l }) => l),
    })),
    nextCursor,
  };
}

export type AdminOrderRow = Awaited<ReturnType<typeof listOrders>>['items'][number];
