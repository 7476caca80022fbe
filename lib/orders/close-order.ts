// pending → closed, locally. Callers have made sure WeChat will not take money for it (closed
// there, never created there, or refused there). One transaction guarded by status = 'pending':
// however many sweepers race, exactly one closes the order and returns its stock.
import { and, asc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { orderItems, orders, payLogs, products } from '@/db/schema';

export async function closeOrder(orderNo: string, detail: string, raw?: Record<string, string>): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const [closed] = await tx
      .update(orders)
      .set({ status: 'closed', closedAt: new Date() })
      .where(and(eq(orders.orderNo, orderNo), eq(orders.status, 'pending')))
      .returning({ id: orders.id, totalFee: orders.totalFee });
    if (!closed) return false;

    // Product id order, the same as reservation, so concurrent checkouts and closes never deadlock.
    const items = await tx
      .select({ productId: orderItems.productId, quantity: orderItems.quantity })
      .from(orderItems)
      .where(eq(orderItems.orderId, closed.id))
      .orderBy(asc(orderItems.productId));
    for (const item of items) {
      await tx
        .update(products)
        .set({ stock: sql`${products.stock} + ${item.quantity}` })
        .where(eq(products.id, item.productId));
    }
    await tx.insert(payLogs).values({
      orderNo,
      totalFee: closed.totalFee,
      tradeState: 'CLOSED',
      source: 'close',
      verdict: 'closed',
      detail,
      raw: raw ?? null,
    });
    return true;
  });
}
