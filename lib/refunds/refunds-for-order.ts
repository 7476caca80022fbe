// An order's refunds for its console page: each refund (the timeline shows its messages, which are
// pay logs of the order), what is left to refund of the order's own payment, and how many units of
// each line may still go back to stock.
import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { refunds } from '@/db/schema';
import { refundColumns } from './list-refunds';
import { leftToRefund, restockable, type RestockItem } from './refund-rules';

export async function refundsForOrder(order: { orderNo: string; totalFee: number; transactionId: string | null; items: RestockItem[] }) {
  const rows = await getDb()
    .select({ ...refundColumns, refundId: refunds.refundId, updatedAt: refunds.updatedAt })
    .from(refunds)
    .where(eq(refunds.orderNo, order.orderNo))
    .orderBy(asc(refunds.id));
  const own = rows
    .filter((r) => r.transactionId === order.transactionId)
    .map((r) => ({ status: r.status, refundFee: r.refundFen, restockItems: r.restockItems }));
  return {
    refunds: rows,
    leftFen: order.transactionId ? leftToRefund(order.totalFee, own) : 0,
    restockable: restockable(order.items, own),
  };
}
