// pending → closed, locally. Callers have made sure WeChat will not take money for it (closed
// there, never created there, or refused there). One transaction guarded by status = 'pending':
// however many sweepers race, exactly one closes the order and returns its stock.
import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { queryRows } from '@/db/query-rows';
import { orderItems, orders, payLogs, products } from '@/db/schema';
import { notifyOrderStatus } from './status-events/notify-order-status';

export async function closePendingOrder(orderNo: string, detail: string, raw?: Record<string, string>): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    // The guarded UPDATE, its pay log and the order's lines in one statement (one round trip on the
    // sweep's path): no row back means another closer or a payment got there first.
    const rows = await queryRows<{ product_id: number | null; quantity: number | null }>(
      sql`
        with closed as (
          update ${orders} set status = 'closed', closed_at = ${new Date().toISOString()}::timestamptz
          where order_no = ${orderNo} and status = 'pending'
          returning id, total_fee, order_no
        ), notified as (
          ${notifyOrderStatus('closed')}
        ), logged as (
          insert into ${payLogs} (order_no, total_fee, trade_state, source, verdict, detail, raw)
          select ${orderNo}, total_fee, 'CLOSED', 'close', 'closed', ${detail}, ${raw ? JSON.stringify(raw) : null}::jsonb from closed
        )
        select i.product_id, i.quantity from closed cross join notified left join ${orderItems} i on i.order_id = closed.id
        order by i.product_id`,
      tx,
    );
    if (rows.length === 0) return false;

    // Product id order, the same as reservation, so concurrent checkouts and closes never deadlock.
    for (const { product_id: productId, quantity } of rows) {
      // The LEFT JOIN keeps the closed row even for an order without lines: closed, nothing to return.
      if (productId === null || quantity === null) continue;
      await tx
        .update(products)
        .set({ stock: sql`${products.stock} + ${quantity}` })
        .where(eq(products.id, productId));
    }
    return true;
  });
}
