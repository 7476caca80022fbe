// The anomalies page's one click, "Refund this payment": money WeChat took that the shop could not
// apply (a second payment, a payment for a closed order, one only WeChat's bill shows) goes back in full, and the anomaly is
// resolved with a note naming the refund. The idempotency key is the anomaly's, so a second click
// (or two operators at once) is the same refund.
import 'server-only';
import { eq, getTableColumns } from 'drizzle-orm';
import { getDb } from '@/db';
import { orders, payLogs } from '@/db/schema';
import { anomalyKind, resolveAnomaly } from '@/lib/admin/anomalies';
import { AppError } from '@/lib/errors';
import { createRefund } from './create-refund';
import { refundableAnomaly } from './refund-rules';

export async function refundAnomaly(payLogId: number, operatorId: number) {
  const [anomaly] = await getDb()
    .select({ ...getTableColumns(payLogs), orderStatus: orders.status })
    .from(payLogs)
    .leftJoin(orders, eq(orders.orderNo, payLogs.orderNo))
    .where(eq(payLogs.id, payLogId));
  if (
    !anomaly ||
    !anomaly.orderNo ||
    !anomaly.transactionId ||
    !anomaly.totalFee ||
    !refundableAnomaly(anomalyKind(anomaly.verdict, anomaly.detail), anomaly.orderStatus)
  ) {
    throw new AppError('not_found', `Pay log ${payLogId} is not a second payment or money for a closed order`);
  }
  const refund = await createRefund({
    orderNo: anomaly.orderNo,
    transactionId: anomaly.transactionId,
    refundFen: anomaly.totalFee,
    reason: 'Refund of a payment the shop could not apply',
    idempotencyKey: `anomaly-${payLogId}`,
    requestedBy: operatorId,
  });
  if (refund.status !== 'failed') {
    await resolveAnomaly(payLogId, operatorId, `Refunded this payment in full: refund ${refund.outRefundNo} (${refund.status})`).catch((err: unknown) => {
      // Resolved already (by the first click): the refund is the same one.
      if (!(err instanceof AppError && err.code === 'conflict')) throw err;
    });
  }
  return refund;
}
