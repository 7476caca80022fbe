// The sweep: close what expired unpaid, apply what was paid but never notified. Its result is
// the same however often and however concurrently it runs.
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import 'server-only';
import { getDb } from '@/db';
import { firstRow } from '@/db/first-row';
import { orders } from '@/db/schema';
import { inParallel } from '@/lib/in-parallel';
import { log } from '@/lib/log';
import { claimStaleOrders, releaseClaim } from './claim-stale-orders';
import { settleOrder } from './settle-order';

export interface SweepSummary {
  scanned: number;
  paid: number;
  closed: number;
  failed: number;
  /** Expired pending orders still waiting when this call stopped (time budget, failures, claims held by others); not those held for an operator. */
  left: number;
}

export interface SweepOptions {
  /** Stop claiming new batches after this long, so a cron request answers in time. */
  budgetMs?: number;
  batchSize?: number;
  /** WeChat calls in flight at once. */
  concurrency?: number;
}

export async function sweepOrders({ budgetMs = 20_000, batchSize = 32, concurrency = 8 }: SweepOptions = {}): Promise<SweepSummary> {
  const started = Date.now();
  const summary: SweepSummary = { scanned: 0, paid: 0, closed: 0, failed: 0, left: 0 };
  // Orders given back in this call: released at once (so another sweeper may retry them now),
  // but not claimed again by this call.
  const givenBack: string[] = [];
  const giveBack = async (orderNo: string) => {
    givenBack.push(orderNo);
    await releaseClaim(orderNo);
  };
  const overBudget = () => Date.now() - started >= budgetMs;
  while (!overBudget()) {
    const batch = await claimStaleOrders(batchSize, givenBack);
    if (batch.length === 0) break;
    await inParallel(batch, concurrency, async (orderNo) => {
      if (overBudget()) return giveBack(orderNo);
      summary.scanned++;
      let result: Awaited<ReturnType<typeof settleOrder>>;
      try {
        result = await settleOrder(orderNo);
      } catch (err) {
        log.error({ err, orderNo }, 'sweep: could not settle the order');
        result = 'failed';
      }
      if (result === 'failed' || result === 'left') await giveBack(orderNo);
      if (result !== 'left') summary[result]++;
    });
  }
  summary.left = await countStale();
  return summary;
}

async function countStale(): Promise<number> {
  const rows = await getDb()
    .select({ n: sql<number>`count(*)::int` })
    .from(orders)
    .where(and(eq(orders.status, 'pending'), lt(orders.expiresAt, sql`now()`), isNull(orders.unappliedPaymentAt)));
  return firstRow(rows, 'count(*)').n;
}
