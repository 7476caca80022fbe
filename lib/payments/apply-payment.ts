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
// fresh read, and its pay log is inserted: the only write on that path, so it needs no transaction
// (an anomaly for a pending order also marks the order, in the same statement: recordAnomaly).
// Money the transition must never book is recorded as an anomaly before or instead of it: another
// currency than CNY, and a transaction_id that already belongs to another order (the unique index
// refuses the UPDATE; that is an anomaly to record and acknowledge, not a 500 WeChat retries).
import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { firstRow } from '@/db/first-row';
import { queryRows } from '@/db/query-rows';
import { orders, payLogs } from '@/db/schema';
import { notifyOrderStatus } from '@/lib/orders/status-events/notify-order-status';
import { feeTypeOf, type TradeState } from '@/lib/wechatpay';
import type { PaySource, Verdict } from './pay-log-vocabulary';

export interface PaymentFact {
  orderNo: string;
  transactionId: string;
  totalFee: number;
  paidAt: Date;
  source: Extract<PaySource, 'notify' | 'query'>;
  /** trade_state for the log: WeChat's for a query, SUCCESS for a successful notify. */
  tradeState: TradeState;
  raw: Record<string, string>;
}

export interface PaymentOutcome {
  verdict: Extract<Verdict, 'applied' | 'duplicate' | 'rejected' | 'anomaly'>;
  detail?: string;
}

export interface OrderState {
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
  // Checked before the transition: an amount in another currency is not the order's fen.
  const feeType = feeTypeOf(fact.raw);
  if (feeType !== 'CNY') return recordAnomaly(fact, `fee_type ${feeType.slice(0, 16)}: the shop books CNY only`);
  try {
    return await applyToOrder(fact);
  } catch (err) {
    // orders.transaction_id is unique: WeChat's transaction is already booked to another order.
    if (!violates(err, 'orders_transaction_id_key')) throw err;
    const [owner] = await getDb().select({ orderNo: orders.orderNo }).from(orders).where(eq(orders.transactionId, fact.transactionId));
    return recordAnomaly(fact, `transaction ${fact.transactionId} already belongs to order ${owner?.orderNo ?? '(unknown)'}`);
  }
}

async function applyToOrder(fact: PaymentFact): Promise<PaymentOutcome> {
  const rows = await queryRows<ApplyRow>(sql`
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
  // One row always: the select reads from `(select 1)`, the order joined to it or not.
  const row = firstRow(rows, 'the apply statement');
  if (row.applied === 1) return { verdict: 'applied' };

  // The row above is the statement's snapshot. A final state is still true now; a pending one (a
  // transition racing with ours) or a missing one is read again, as the transaction used to.
  let order: OrderState | undefined = row.status === null ? undefined : { status: row.status, totalFee: row.total_fee!, transactionId: row.transaction_id };
  const db = getDb();
  if (!order || order.status === 'pending') {
    [order] = await db
      .select({ status: orders.status, totalFee: orders.totalFee, transactionId: orders.transactionId })
      .from(orders)
      .where(eq(orders.orderNo, fact.orderNo));
  }
  const outcome = judge(order, fact);
  if (outcome.verdict === 'anomaly') return recordAnomaly(fact, outcome.detail!);
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

/**
 * Money WeChat holds that cannot be applied: the anomaly row and, when the order is still pending,
 * the mark that takes it out of the sweep and the status route's queries (orders.unapplied_payment_at
 * in db/schema.ts says why), in one statement. Without the mark every sweep would ask WeChat again
 * and record the same anomaly again, forever; with it the anomaly is recorded once and waits for an
 * operator. A paid or closed order needs no mark: nothing queries it.
 */
async function recordAnomaly(fact: PaymentFact, detail: string): Promise<PaymentOutcome> {
  await queryRows(sql`
    with held as (
      update ${orders} set unapplied_payment_at = now()
      where order_no = ${fact.orderNo} and status = 'pending' and unapplied_payment_at is null
      returning id
    )
    insert into ${payLogs} (order_no, transaction_id, total_fee, trade_state, source, verdict, detail, raw)
    values (${fact.orderNo}, ${fact.transactionId}, ${fact.totalFee}, ${fact.tradeState}, ${fact.source}, 'anomaly', ${detail}, ${JSON.stringify(fact.raw)}::jsonb)`);
  return { verdict: 'anomaly', detail };
}

/** A unique violation of that index, from either driver (postgres.js: constraint_name; PGlite: constraint). */
function violates(err: unknown, index: string): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const { code, constraint_name, constraint } = e as { code?: string; constraint_name?: string; constraint?: string };
    if (code === '23505' && (constraint_name ?? constraint ?? e.message).includes(index)) return true;
  }
  return false;
}

// Why a payment could not be applied. Money that cannot be applied is never dropped: it is an
// anomaly for an operator to resolve (refund, or ship anyway).
export function judge(order: OrderState | undefined, fact: PaymentFact): PaymentOutcome {
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
