// Orders for operators, newest first, keyset-paginated by id (stable while new orders arrive).
// Indexed for every filter: orders (status, created_at), (user_id, created_at), (created_at).
import { and, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import { getDb } from '@/db';
import { orderItems, orders, users } from '@/db/schema';
import type { OrderFilter } from './filters';

export async function listOrders(filter: OrderFilter) {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(orders.status, filter.status));
  if (filter.user) where.push(eq(users.username, filter.user));
  if (filter.from) where.push(gte(orders.createdAt, filter.from));
  if (filter.to) where.push(lt(orders.createdAt, filter.to));
  if (filter.cursor) where.push(lt(orders.id, filter.cursor));
  const db = getDb();
  const rows = await db
    .select({
      id: orders.id,
      orderNo: orders.orderNo,
      username: users.username,
      status: orders.status,
      fulfilment: orders.fulfilment,
      totalFee: orders.totalFee,
      transactionId: orders.transactionId,
      shippingName: orders.shippingName,
      createdAt: orders.createdAt,
      expiresAt: orders.expiresAt,
      paidAt: orders.paidAt,
      closedAt: orders.closedAt,
    })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.userId))
    .where(and(...where))
    .orderBy(desc(orders.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const lines = page.length
    ? await db
        .select({ orderId: orderItems.orderId, productId: orderItems.productId, name: orderItems.name, priceFen: orderItems.priceFen, quantity: orderItems.quantity })
        .from(orderItems)
        .where(inArray(orderItems.orderId, page.map((o) => o.id)))
    : [];
  return {
    items: page.map(({ id, ...order }) => ({
      ...order,
      items: lines.filter((l) => l.orderId === id).map(({ orderId: _, ...l }) => l),
    })),
    nextCursor: rows.length > filter.limit ? String(page[page.length - 1].id) : null,
  };
}

export type AdminOrderRow = Awaited<ReturnType<typeof listOrders>>['items'][number];
