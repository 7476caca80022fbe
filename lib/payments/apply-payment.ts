// The one transition pending → paid, used by the notify route, the status route's orderquery and
// the sweep. One transaction: a conditional UPDATE that only a pending order with the same amount
// can pass, and the pay log row saying what this message did. Two servers applying the same
// payment at the same instant: the second UPDATE waits for the first's row lock, then finds the
// order paid and records a duplicate. The partial unique index pay_logs_one_applied_per_order
// makes a second `applied` row impossible even if this code were wrong.
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { orders, payLogs } from '@/db/schema';
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

export async function applyPayment(fact: PaymentFact): Promise<PaymentOutcome> {
  return getDb().transaction(async (tx) => {
    const moved = await tx
      .update(orders)
      .set({ status: 'paid', transactionId: fact.transactionId, paidAt: fact.paidAt })
      .where(and(eq(orders.orderNo, fact.orderNo), eq(orders.status, 'pending'), eq(orders.totalFee, fact.totalFee)))
      .returning({ id: orders.id });

    let outcome: PaymentOutcome = { verdict: 'applied' };
    if (moved.length === 0) {
      const [order] = await tx
        .select({ status: orders.status, totalFee: orders.totalFee, transactionId: orders.transactionId })
        .from(orders)
        .where(eq(orders.orderNo, fact.orderNo));
      outcome = judge(order, fact);
    }

    await tx.insert(payLogs).values({
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
  });
}

// Why a payment could not be applied. Money that cannot be applied is never dropped: it is an
// anomaly for an operator to resolve (refund, or ship anyway).
function judge(order: { status: string; totalFee: number; transactionId: string | null } | undefined, fact: PaymentFact): PaymentOutcome {
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
