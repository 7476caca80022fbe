// A refund's final state, from whichever message arrives first: the refund notify, the sweep's
// refundquery, the console's refresh. SUCCESS is one statement (a data-modifying CTE, atomic as a
// transaction): the refund moves processing|requested → success, the order's refunded_fen and state
// follow (only for the order's applied payment: a refund of an anomaly's payment changes no order),
// the refund's restock_items go back to stock, pg_notify tells the order's event streams, and the
// `applied` pay-log row is written. Two messages at once: the second UPDATE waits for the first's
// row lock, finds the refund no longer open and changes nothing (a `duplicate`); the partial unique
// index pay_logs_one_applied_per_refund makes a second `applied` row impossible even so.
import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { firstRow } from '@/db/first-row';
import { queryRows } from '@/db/query-rows';
import { orders, payLogs, products, refunds } from '@/db/schema';
import { notifyOrderStatus } from '@/lib/orders/status-events/notify-order-status';
import type { Verdict } from '@/lib/payments/pay-log-vocabulary';
import type { RefundStatus as WxRefundStatus } from '@/lib/wechatpay';
import { logRefundMessage, type RefundMessage } from './refund-pay-log';

export interface RefundFact extends Omit<RefundMessage, 'tradeState' | 'refundFee' | 'orderNo' | 'transactionId'> {
  outRefundNo: string;
  refundId: string;
  refundFee: number;
  /** As WeChat names it; checked against the refund when given. */
  transactionId?: string;
  refundStatus: WxRefundStatus;
  successTime?: Date;
}

export interface RefundOutcome {
  verdict: Extract<Verdict, 'applied' | 'duplicate' | 'rejected'>;
  detail?: string;
}

const FINAL: Partial<Record<WxRefundStatus, 'closed' | 'abnormal'>> = { REFUNDCLOSE: 'closed', CHANGE: 'abnormal' };

export async function applyRefundResult(fact: RefundFact): Promise<RefundOutcome> {
  if (fact.refundStatus === 'SUCCESS' && (await applySuccess(fact))) return { verdict: 'applied' };
  const ending = FINAL[fact.refundStatus];
  if (ending && (await applyEnding(fact, ending))) return { verdict: 'applied' };

  // Nothing moved: judge the message against the refund as it stands.
  const [refund] = await getDb().select().from(refunds).where(eq(refunds.outRefundNo, fact.outRefundNo));
  const message: RefundMessage = {
    source: fact.source,
    orderNo: refund?.orderNo ?? null,
    transactionId: refund?.transactionId ?? fact.transactionId ?? null,
    refundFee: fact.refundFee,
    tradeState: fact.refundStatus,
    raw: fact.raw,
  };
  const problem = !refund
    ? `no refund ${fact.outRefundNo} of ours`
    : refund.refundFee !== fact.refundFee
      ? `amount ${fact.refundFee} fen does not match the refund's ${refund.refundFee} fen`
      : fact.transactionId !== undefined && fact.transactionId !== refund.transactionId
        ? `transaction ${fact.transactionId} is not the refund's ${refund.transactionId}`
        : undefined;
  if (problem) {
    await logRefundMessage(message, 'rejected', problem);
    return { verdict: 'rejected', detail: problem };
  }
  // PROCESSING of a refund whose request timed out: WeChat has it after all.
  if (fact.refundStatus === 'PROCESSING' && refund!.status === 'requested') {
    await getDb()
      .update(refunds)
      .set({ status: 'processing', refundId: fact.refundId, updatedAt: sql`now()` })
      .where(sql`${refunds.id} = ${refund!.id} and ${refunds.status} = 'requested'`);
  }
  const detail = `refund is ${refund!.status}`;
  await logRefundMessage(message, 'duplicate', detail);
  return { verdict: 'duplicate', detail };
}

const OPEN = sql`status in ('requested', 'processing')`;

/** True when this call moved the refund to success (and did everything that goes with it). */
async function applySuccess(fact: RefundFact): Promise<boolean> {
  const succeededAt = (fact.successTime ?? new Date()).toISOString();
  const sameTransaction = fact.transactionId === undefined ? sql`true` : sql`transaction_id = ${fact.transactionId}`;
  const rows = await queryRows<{ applied: number }>(sql`
    with moved as (
      update ${refunds}
      set status = 'success', refund_id = ${fact.refundId}, succeeded_at = ${succeededAt}::timestamptz, err_code = null, updated_at = now()
      where out_refund_no = ${fact.outRefundNo} and ${OPEN} and refund_fee = ${fact.refundFee} and ${sameTransaction}
      returning order_no, transaction_id, refund_fee, restock_items
    ), booked as (
      update ${orders} o
      set refunded_fen = o.refunded_fen + m.refund_fee,
        status = case when o.refunded_fen + m.refund_fee >= o.total_fee then 'refunded' else 'partially_refunded' end
      from moved m
      where o.order_no = m.order_no and o.transaction_id = m.transaction_id
      returning o.order_no
    ), notified as (
      ${notifyOrderStatus('booked')}
    ), restocked as (
      update ${products} p
      set stock = p.stock + x.quantity
      from moved m cross join lateral jsonb_to_recordset(m.restock_items) as x("productId" int, quantity int), booked b
      where p.id = x."productId" and b.order_no = m.order_no
      returning p.id
    ), logged as (
      insert into ${payLogs} (order_no, transaction_id, total_fee, trade_state, source, verdict, raw)
      select m.order_no, m.transaction_id, m.refund_fee, 'SUCCESS', ${fact.source}, 'applied', ${JSON.stringify(fact.raw)}::jsonb
      from moved m
      returning id
    )
    select (select count(*) from logged)::int as applied, (select count(*) from notified)::int as notified, (select count(*) from restocked)::int as restocked`);
  return firstRow(rows, 'the refund success statement').applied === 1;
}

/** REFUNDCLOSE → closed, CHANGE → abnormal: the refund and its `applied` row, one statement. */
async function applyEnding(fact: RefundFact, status: 'closed' | 'abnormal'): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(sql`
    with moved as (
      update ${refunds}
      set status = ${status}, refund_id = ${fact.refundId}, updated_at = now()
      where out_refund_no = ${fact.outRefundNo} and ${OPEN} and refund_fee = ${fact.refundFee}
      returning order_no, transaction_id, refund_fee
    )
    insert into ${payLogs} (order_no, transaction_id, total_fee, trade_state, source, verdict, raw)
    select m.order_no, m.transaction_id, m.refund_fee, ${fact.refundStatus}, ${fact.source}, 'applied', ${JSON.stringify(fact.raw)}::jsonb
    from moved m
    returning id`);
  return rows.length === 1;
}
