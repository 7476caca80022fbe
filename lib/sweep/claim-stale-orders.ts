// Claims a batch of expired pending orders for one sweeper. The inner SELECT … FOR UPDATE SKIP
// LOCKED makes concurrent sweepers (two cron calls, the timer on three servers) pick disjoint
// rows; the lease written in the same statement keeps them disjoint after this transaction ends,
// while WeChat is being called (no transaction is held across a network call).
import 'server-only';
import { and, asc, eq, inArray, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { orders } from '@/db/schema';

/** Long enough for an orderquery + closeorder + orderquery at 5 s timeouts each. */
const LEASE = sql`interval '60 seconds'`;

/** `skip`: orders this sweeper already tried in this call and gave back. */
export async function claimStaleOrders(limit: number, skip: string[] = []): Promise<string[]> {
  const db = getDb();
  const stale = db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.status, 'pending'),
        lt(orders.expiresAt, sql`now()`),
        // WeChat holds money for it that could not be applied: an operator's, not the sweep's.
        isNull(orders.unappliedPaymentAt),
        or(isNull(orders.sweepLeaseUntil), lt(orders.sweepLeaseUntil, sql`now()`)),
        skip.length ? notInArray(orders.orderNo, skip) : undefined,
      ),
    )
    .orderBy(asc(orders.expiresAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(orders)
    .set({ sweepLeaseUntil: sql`now() + ${LEASE}` })
    .where(inArray(orders.id, stale))
    .returning({ orderNo: orders.orderNo });
  return claimed.map((c) => c.orderNo);
}

/** Gives an order back at once, so the very next sweep retries it. */
export async function releaseClaim(orderNo: string): Promise<void> {
  await getDb()
    .update(orders)
    .set({ sweepLeaseUntil: null })
    .where(and(eq(orders.orderNo, orderNo), eq(orders.status, 'pending')));
}
