// The one transition pending → paid, used by the notify route, the status route's orderquery and
// the sweep. A conditional UPDATE that only a pending order with the same amount can pass, and the
// pay log row saying what this message did, committed together. Two servers applying the same
// payment at the same instant: the second UPDATE waits for the first's row lock, then finds the
// order paid and records a duplicate. The partial unique index pay_logs_one_applied_per_order
// makes a second `applied` row impossible even if this code were wrong.
//
// One round trip in the common case (bench/README.md): the UPDATE and the `applied` INSERT are one
// statement (a data-modifying CTE, atomic like the transaction it replaces), which also returns the
// order as it stood before the statement. When the UPDATE did not pass, the message is judged from
// that row if the order was already final (paid and closed never change again), otherwise from a
// fresh read, and its pay log is inserted: the only write on that path, so it needs no transaction.
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { queryRows } from '@/db/query-rows';
import { orders, payLogs } from '@/db/schema';
import { notifyOrderStatus } from '@/lib/orders/status-events/notify-order-status';
import type { Verdict } from './verdicts';

export interface PaymentFact {
  orderNo: string;
  transactionId: string;
  totalFee: number;
  paidAt: Date;
  source: 'notify' | 'query';
  /** trade_state for the log: WeChat's for a query, SUCCESS for a successful notify. */
  tradeState: string;
  raw: Record<string, string>;
}

export interface PaymentOutcome {
  verdict: Extract<Verdict, 'applied' | 'duplicate' | 'rejected' | 'anomaly'>;
  detail?: string;
}

interface OrderState {
  status: string;
  totalFee: number;
  transactionId: string | null;
}

interface ApplyRow extends Record<string, unknown> {
  applied: number;
  status: string | null;
  total_fee: number | null;
  transaction_id: string | null;
}

export async function applyPayment(fact: PaymentFact): Promise<PaymentOutcome> {
  const [row] = await queryRows<ApplyRow>(sql`
    with moved as (
      update ${orders}
      set status = 'paid', transaction_id = ${fact.transactionId}, paid_at = ${fact.paidAt.toISOString()}::timestamptz
      where order_no = ${fact.orderNo} and status = 'pending' and total_fee = ${fact.totalFee}
      returning id, order_no
    ), notified as (
      ${notifyOrderStatus('moved')}
    ), logged as (
      insert into ${payLogs} (order_no, transaction_id, total_fee, trade_state, source, verdict, raw)
      select ${fact.orderNo}, ${fact.transactionId}, ${fact.totalFee}, ${fact.tradeState}, ${fact.source}, 'applied', ${JSON.stringify(fact.raw)}::jsonb
      from moved
      returning id
    )
    select (select count(*) from logged)::int as applied, (select count(*) from notified)::int as notified, o.status, o.total_fee, o.transaction_id
    from (select 1) as one left join ${orders} o on o.order_no = ${fact.orderNo}`);
  if (row.applied === 1) return { verdict: 'applied' };

  // The row above is the statement's snapshot. A final state is still true now; a pending one (a
  // transition racing with ours) or a missing one is read again, as the transaction used to.
  let order: OrderState | undefined =
    row.status === null ? undefined : { status: row.status, totalFee: row.total_fee!, transactionId: row.transaction_id };
  const db = getDb();
  if (!order || order.status === 'pending') {
    [order] = await db
      .select({ status: orders.status, totalFee: orders.totalFee, transactionId: orders.transactionId })
      .from(orders)
      .where(eq(orders.orderNo, fact.orderNo));
  }
  const outcome = judge(order, fact);
  await db.insert(payLogs).values({
    orderNo: fact.orderNo,
    transactionId: fact.transactionId,
    totalFee: fact.totalFee,
    tradeState: fact.tradeState,
    source: fact.source,
    verdict: outcome.verdict,
    detail: outcome.detail,
    raw: fact.raw,
  });
  return outcome;
}

// Why a payment could not be applied. Money that cannot be applied is never dropped: it is an
// anomaly for an operator to resolve (refund, or ship anyway).
function judge(order: OrderState | undefined, fact: PaymentFact): PaymentOutcome {
  if (!order) return { verdict: 'rejected', detail: 'no such order' };
  if (order.totalFee !== fact.totalFee) {
    return { verdict: 'anomaly', detail: `amount ${fact.totalFee} fen does not match the order's ${order.totalFee} fen` };
  }
  if (order.status === 'paid' && order.transactionId === fact.transactionId) return { verdict: 'duplicate' };
  if (order.status === 'paid') {
    return { verdict: 'anomaly', detail: `second payment: the order was already paid by transaction ${order.transactionId}` };
  }
  if (order.status === 'closed') return { verdict: 'anomaly', detail: 'payment for an order that was already closed' };
  // A pending order with the right amount always passes the UPDATE above.
  throw new Error(`applyPayment: order ${fact.orderNo} is ${order.status} yet was not updated`);
}
