// The sweep's refund half: a `requested` refund (WeChat has not accepted it: a timeout, SYSTEMERROR,
// BIZERR_NEED_RETRY, FREQUENCY_LIMITED, or a process that died before sending) is sent again with
// its own out_refund_no; a `processing` one that no notify finished within a minute is asked with
// refundquery. Claims as for orders: FOR UPDATE SKIP LOCKED picks disjoint rows for concurrent
// sweepers, the lease written in the same statement keeps them disjoint during the WeChat call.
import 'server-only';
import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { refunds, type Refund } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { log } from '@/lib/log';
import { queryRefund } from '@/lib/refunds/query-refund';
import { refundsConfigured } from '@/lib/refunds/refund-client';
import { SEND_LEASE as LEASE, sendRefund } from '@/lib/refunds/send-refund';

export interface RefundSweepSummary {
  /** Refunds claimed by this call. */
  scanned: number;
  /** Sent again and accepted by WeChat. */
  sent: number;
  /** Brought to a final state by refundquery. */
  settled: number;
  /** Still open after this call (WeChat refused or did not answer): the next sweep tries again. */
  failed: number;
}

const PROCESSING_AGE_MS = 60_000;

export async function sweepRefunds({ batchSize = 32 }: { batchSize?: number } = {}): Promise<RefundSweepSummary> {
  const summary: RefundSweepSummary = { scanned: 0, sent: 0, settled: 0, failed: 0 };
  if (!refundsConfigured()) return summary;
  const claimed = await claimRefunds(batchSize);
  for (const refund of claimed) {
    summary.scanned++;
    try {
      if (refund.status === 'requested') {
        const reply = await sendRefund(refund);
        if (reply.status === 'processing') summary.sent++;
        else summary.failed++;
      } else {
        const outcome = await queryRefund(refund.outRefundNo);
        if (outcome?.verdict === 'applied') summary.settled++;
      }
    } catch (err) {
      log.error({ err, outRefundNo: refund.outRefundNo }, 'sweep: could not settle the refund');
      summary.failed++;
    } finally {
      await release(refund.id);
    }
  }
  return summary;
}

async function claimRefunds(limit: number): Promise<Refund[]> {
  const env = getEnv();
  const age = PROCESSING_AGE_MS * (env.WXPAY_MODE === 'sandbox' ? env.WXPAY_SANDBOX_TIME_SCALE : 1);
  const db = getDb();
  const due = db
    .select({ id: refunds.id })
    .from(refunds)
    .where(
      and(
        or(
          eq(refunds.status, 'requested'),
          and(eq(refunds.status, 'processing'), lt(refunds.updatedAt, sql`now() - ${Math.round(age)} * interval '1 millisecond'`)),
        ),
        or(isNull(refunds.sweepLeaseUntil), lt(refunds.sweepLeaseUntil, sql`now()`)),
      ),
    )
    .orderBy(asc(refunds.updatedAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(refunds)
    .set({ sweepLeaseUntil: sql`now() + ${LEASE}` })
    .where(inArray(refunds.id, due))
    .returning();
}

async function release(id: number): Promise<void> {
  await getDb().update(refunds).set({ sweepLeaseUntil: null }).where(eq(refunds.id, id));
}
