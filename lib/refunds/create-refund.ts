// An operator's refund: one transaction that locks the order, answers a known idempotencyKey with
// the refund it made, checks that the refund fits (./refund-room.ts) and inserts it as `requested`;
// WeChat is called after commit (./send-refund.ts), so no transaction waits on the network and a
// crash in between leaves a `requested` refund that the sweep sends.
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { firstRow } from '@/db/first-row';
import { orders, refunds, type Refund } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { newOutRefundNo } from './out-refund-no';
import { getRefundClient } from './refund-client';
import { mergeRestock, type RestockItem } from './refund-rules';
import { checkRoom, transactionAmount } from './refund-room';
import { SEND_LEASE, sendRefund, type RefundReply } from './send-refund';

export interface CreateRefundInput {
  orderNo: string;
  refundFen: number;
  reason: string;
  idempotencyKey: string;
  restockItems?: RestockItem[];
  transactionId?: string;
  requestedBy: number;
}

/** `repeated`: the idempotencyKey was known, nothing new was created or sent. */
export async function createRefund(input: CreateRefundInput): Promise<RefundReply & { repeated: boolean }> {
  // Before anything is stored: a shop without a certificate refuses at once (503).
  getRefundClient();
  const restockItems = mergeRestock(input.restockItems ?? []);
  const { refund, repeated } = await getDb().transaction(async (tx) => {
    const [order] = await tx
      .select({ id: orders.id, orderNo: orders.orderNo, status: orders.status, totalFee: orders.totalFee, transactionId: orders.transactionId })
      .from(orders)
      .where(eq(orders.orderNo, input.orderNo))
      .for('update');
    if (!order) throw new AppError('not_found', `No order ${input.orderNo}`);
    // Read after the lock: a concurrent click with the same key committed its refund before we got here.
    const [known] = await tx
      .select()
      .from(refunds)
      .where(and(eq(refunds.orderNo, input.orderNo), eq(refunds.idempotencyKey, input.idempotencyKey)));
    if (known) return { refund: known, repeated: true };

    const payment = await transactionAmount(tx, order, input.transactionId);
    await checkRoom(tx, order, payment, { refundFee: input.refundFen, restockItems });
    const created = await tx
      .insert(refunds)
      .values({
        outRefundNo: newOutRefundNo(),
        idempotencyKey: input.idempotencyKey,
        orderNo: order.orderNo,
        transactionId: payment.transactionId,
        totalFee: payment.totalFee,
        refundFee: input.refundFen,
        reason: input.reason,
        restockItems,
        requestedBy: input.requestedBy,
        // Ours while we send it below; the sweep takes over only if this process dies first.
        sweepLeaseUntil: sql`now() + ${SEND_LEASE}`,
      })
      .returning();
    return { refund: firstRow(created, 'the new refund'), repeated: false };
  });
  if (repeated) return { ...replyOf(refund), repeated };
  return { ...(await sendRefund(refund)), repeated };
}

function replyOf(refund: Pick<Refund, 'outRefundNo' | 'status' | 'refundFee' | 'errCode'>): RefundReply {
  return { outRefundNo: refund.outRefundNo, status: refund.status, refundFen: refund.refundFee, errCode: refund.errCode };
}
