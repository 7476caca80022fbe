// A refund the sandbox accepted finishes REFUND_SETTLE_MS later: one conditional UPDATE moves every
// due PROCESSING refund to its outcome, and the refund notify (wechatpay.md §9) is written in the
// same transaction, so a finished refund always has its notify and two instances settling at once
// settle each refund once. Run by the notify worker's timer and before refundquery answers.
import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import { firstRow } from '@/db/first-row';
import { getDb } from '@/db';
import { sandboxNotifications, sandboxOrders, sandboxRefunds, type SandboxOrder, type SandboxRefund } from '@/db/schema';
import { buildRefundNotify, nonce, type RefundNotifyStatus } from '@/lib/wechatpay';
import { deliveryPlan, faultsFor } from './faults';
import { merchantFor } from './merchant';

/** How the simulated refunds reach the payer (the fields WeChat reports for a refund to the balance). */
export const REFUND_ROUTE = {
  refundChannel: 'ORIGINAL',
  refundAccount: 'REFUND_SOURCE_UNSETTLED_FUNDS',
  refundRecvAccout: '支付用户零钱',
  refundRequestSource: 'API',
} as const;

/** Settles the refunds that are due; returns how many notifications it wrote. */
export async function settleDueRefunds(): Promise<number> {
  const r = sandboxRefunds;
  return getDb().transaction(async (tx) => {
    const settled = await tx
      .update(r)
      .set({ status: sql`${r.outcome}`, successAt: sql`case when ${r.outcome} = 'SUCCESS' then now() end` })
      .where(and(eq(r.status, 'PROCESSING'), isNotNull(r.outcome), lte(r.settleAt, sql`now()`)))
      .returning();
    for (const refund of settled) {
      const order = firstRow(await tx.select().from(sandboxOrders).where(eq(sandboxOrders.id, refund.orderId)), 'the refunded order');
      const faults = await faultsFor(order.outTradeNo, tx);
      await tx.insert(sandboxNotifications).values({
        orderId: order.id,
        refundId: refund.id,
        payload: refundNotifyPayload(refund, order),
        notifyUrl: refund.notifyUrl,
        ...deliveryPlan(faults.refundNotify, faults),
      });
    }
    return settled.length;
  });
}

// Built once, when the refund finishes: every retry sends the same bytes, as for payment notifies.
function refundNotifyPayload(refund: SandboxRefund, order: SandboxOrder): string {
  const merchant = merchantFor(order.mchId);
  if (!merchant) throw new Error(`sandbox refund ${refund.outRefundNo} belongs to mch_id ${order.mchId}, which is no longer configured`);
  if (!order.transactionId) throw new Error(`sandbox refund ${refund.outRefundNo} is for an unpaid order`);
  return buildRefundNotify(
    { appid: order.appid, mchId: order.mchId, nonceStr: nonce(32) },
    {
      outRefundNo: refund.outRefundNo,
      refundId: refund.refundId,
      transactionId: order.transactionId,
      outTradeNo: order.outTradeNo,
      totalFee: refund.totalFee,
      refundFee: refund.refundFee,
      settlementRefundFee: refund.refundFee,
      refundStatus: refund.status as RefundNotifyStatus,
      successTime: refund.successAt ?? undefined,
      refundRecvAccout: REFUND_ROUTE.refundRecvAccout,
      refundAccount: REFUND_ROUTE.refundAccount,
      refundRequestSource: REFUND_ROUTE.refundRequestSource,
    },
    merchant.key,
  );
}
