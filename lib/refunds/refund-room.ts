// Whether a refund fits what is left of its transaction and of the order's items, judged inside a
// transaction that holds the order's row lock (create-refund, retry-refund), so two refunds of one
// order are judged one after the other and never both take the last fen.
import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '@/db';
import { orderItems, orders, payLogs, refunds } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { leftToRefund, restockable, restockProblem, type RestockItem } from './refund-rules';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface LockedOrder {
  id: number;
  orderNo: string;
  status: string;
  totalFee: number;
  transactionId: string | null;
}

/**
 * The amount of `transactionId` as a payment of this order: the order's applied transaction, or an
 * anomaly's (a second payment, money for a closed order) that the pay log recorded for it. 409 when
 * the order was never paid by it.
 */
export async function transactionAmount(
  tx: Tx,
  order: LockedOrder,
  transactionId: string | undefined,
): Promise<{ transactionId: string; totalFee: number; applied: boolean }> {
  const txn = transactionId ?? order.transactionId;
  if (!txn) throw new AppError('conflict', `Order ${order.orderNo} was never paid: nothing to refund`);
  if (txn === order.transactionId) return { transactionId: txn, totalFee: order.totalFee, applied: true };
  const [anomaly] = await tx
    .select({ totalFee: payLogs.totalFee })
    .from(payLogs)
    .where(and(eq(payLogs.orderNo, order.orderNo), eq(payLogs.transactionId, txn), eq(payLogs.verdict, 'anomaly')))
    .limit(1);
  if (!anomaly?.totalFee) throw new AppError('conflict', `Order ${order.orderNo} has no payment ${txn}: nothing to refund`);
  // "Transaction of another order": that money is the other order's, refunded from there.
  const [owner] = await tx.select({ orderNo: orders.orderNo }).from(orders).where(eq(orders.transactionId, txn));
  if (owner) throw new AppError('conflict', `Payment ${txn} is order ${owner.orderNo}'s: refund it from that order`);
  return { transactionId: txn, totalFee: anomaly.totalFee, applied: false };
}

/** 409 when the refund would take more than is left; 400 when it restocks more than may go back. */
export async function checkRoom(
  tx: Tx,
  order: LockedOrder,
  payment: { transactionId: string; totalFee: number; applied: boolean },
  refund: { refundFee: number; restockItems: RestockItem[]; exceptId?: number },
): Promise<void> {
  const earlier = await tx
    .select({ status: refunds.status, refundFee: refunds.refundFee, transactionId: refunds.transactionId, restockItems: refunds.restockItems })
    .from(refunds)
    .where(and(eq(refunds.orderNo, order.orderNo), refund.exceptId === undefined ? undefined : ne(refunds.id, refund.exceptId)));
  const left = leftToRefund(
    payment.totalFee,
    earlier.filter((r) => r.transactionId === payment.transactionId),
  );
  if (refund.refundFee > left) {
    throw new AppError('conflict', left <= 0 ? 'Nothing left to refund of this payment' : `Only ${left} fen left to refund of this payment`, {
      leftFen: Math.max(0, left),
    });
  }
  if (refund.restockItems.length === 0) return;
  if (!payment.applied) throw new AppError('bad_request', "restockItems: a refund of an anomaly's payment returns nothing to stock");
  const bought = await tx.select({ productId: orderItems.productId, quantity: orderItems.quantity }).from(orderItems).where(eq(orderItems.orderId, order.id));
  const problem = restockProblem(refund.restockItems, restockable(bought, earlier));
  if (problem) throw new AppError('bad_request', `restockItems: ${problem}`);
}
