// The operator's "retry" of a `failed` refund (NOTENOUGH once the balance is topped up, a
// certificate fixed…): the same out_refund_no goes to WeChat again. It is judged again, under the
// order's lock, against what is left now (a failed refund stopped counting, so another refund may
// have taken its room), then moved back to `requested` in the same transaction and sent.
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { orders, refunds } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { getRefundClient } from './refund-client';
import { checkRoom, transactionAmount } from './refund-room';
import { SEND_LEASE, sendRefund, type RefundReply } from './send-refund';

export async function retryRefund(outRefundNo: string): Promise<RefundReply> {
  getRefundClient();
  const refund = await getDb().transaction(async (tx) => {
    const [found] = await tx.select().from(refunds).where(eq(refunds.outRefundNo, outRefundNo));
    if (!found) throw new AppError('not_found', `No refund ${outRefundNo}`);
    const [order] = await tx
      .select({ id: orders.id, orderNo: orders.orderNo, status: orders.status, totalFee: orders.totalFee, transactionId: orders.transactionId })
      .from(orders)
      .where(eq(orders.orderNo, found.orderNo))
      .for('update');
    const payment = await transactionAmount(tx, order!, found.transactionId);
    await checkRoom(tx, order!, payment, { refundFee: found.refundFee, restockItems: found.restockItems, exceptId: found.id });
    const [moved] = await tx
      .update(refunds)
      .set({ status: 'requested', updatedAt: sql`now()`, sweepLeaseUntil: sql`now() + ${SEND_LEASE}` })
      .where(and(eq(refunds.id, found.id), eq(refunds.status, 'failed')))
      .returning();
    if (!moved) throw new AppError('conflict', `Refund ${outRefundNo} is ${found.status}: only a failed refund is retried`, { status: found.status });
    return moved;
  });
  return sendRefund(refund);
}
