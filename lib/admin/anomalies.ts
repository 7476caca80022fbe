// Pay logs an operator has to look at: money that could not be applied (verdict anomaly: a wrong
// amount or currency, a payment for a closed order, a second payment, a transaction already booked
// to another order, a payment refunded outside the shop) and authentic messages we refused
// (verdict rejected: wrong merchant, unknown order, a failed payment). Messages that could not be
// authenticated (verdict unverified: bad or missing sign, not XML…) are never listed here: anyone
// can send them, and they would bury the real ones; the pay-log page filters them by verdict.
// Resolving one records who and why in anomaly_resolutions; the pay log itself is never updated.
import 'server-only';
import { and, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db';
import { firstRow } from '@/db/first-row';
import { anomalyResolutions, orders, payLogs, users } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { Verdict } from '@/lib/payments/pay-log-vocabulary';
import type { AnomalyFilter } from './filters';
import { belowCursor, keysetPage } from './keyset-page';
import { payLogListColumns } from './list-pay-logs';
import { queryRows } from '@/db/query-rows';

export const NEEDS_REVIEW = ['anomaly', 'rejected'] as const satisfies readonly Verdict[];

export type AnomalyKind =
  | 'amount_mismatch'
  | 'foreign_currency'
  | 'paid_after_close'
  | 'second_payment'
  | 'transaction_taken'
  | 'refunded_outside'
  | 'unbooked_payment'
  | 'rejected_notify'
  | 'other';

/** The kind, read from the detail that lib/payments/apply-payment.ts and query-payment.ts write for each case. */
export function anomalyKind(verdict: string, detail: string | null): AnomalyKind {
  if (verdict === 'rejected') return 'rejected_notify';
  if (detail?.startsWith('amount ')) return 'amount_mismatch';
  if (detail?.startsWith('fee_type ')) return 'foreign_currency';
  if (detail?.startsWith('second payment')) return 'second_payment';
  if (detail?.includes('already belongs to order')) return 'transaction_taken';
  if (detail?.startsWith('refunded outside the shop')) return 'refunded_outside';
  // lib/reconcile/reconcile-day.ts: a payment the bill has and the shop never booked.
  if (detail?.startsWith('bill ')) return 'unbooked_payment';
  if (detail?.includes('already closed')) return 'paid_after_close';
  return 'other';
}

const resolver = sql<string | null>`(select ${users.username} from ${users} where ${users.id} = ${anomalyResolutions.resolvedBy})`;

export async function listAnomalies(filter: AnomalyFilter) {
  const where: (SQL | undefined)[] = [
    inArray(payLogs.verdict, [...NEEDS_REVIEW]),
    filter.status === 'open' ? isNull(anomalyResolutions.id) : isNotNull(anomalyResolutions.id),
    belowCursor(payLogs.id, filter.cursor),
  ];
  const { items: page, nextCursor } = await keysetPage(filter.limit, (limit) =>
    getDb()
      .select({
        ...payLogListColumns,
        orderStatus: orders.status,
        resolvedBy: resolver,
        note: anomalyResolutions.note,
        resolvedAt: anomalyResolutions.resolvedAt,
      })
      .from(payLogs)
      .leftJoin(anomalyResolutions, eq(anomalyResolutions.payLogId, payLogs.id))
      .leftJoin(orders, eq(orders.orderNo, payLogs.orderNo))
      .leftJoin(users, eq(users.id, orders.userId))
      .where(and(...where))
      .orderBy(desc(payLogs.id))
      .limit(limit),
  );
  return {
    items: page.map(({ resolvedBy, note, resolvedAt, ...log }) => ({
      ...log,
      kind: anomalyKind(log.verdict, log.detail),
      resolution: resolvedAt ? { resolvedBy, note, resolvedAt } : null,
    })),
    nextCursor,
  };
}

export type AnomalyRow = Awaited<ReturnType<typeof listAnomalies>>['items'][number];

export async function countOpenAnomalies(): Promise<number> {
  const rows = await getDb()
    .select({ open: sql<number>`count(*)::int` })
    .from(payLogs)
    .leftJoin(anomalyResolutions, eq(anomalyResolutions.payLogId, payLogs.id))
    .where(and(inArray(payLogs.verdict, [...NEEDS_REVIEW]), isNull(anomalyResolutions.id)));
  return firstRow(rows, 'count(*)').open;
}

/**
 * One statement: the insert happens only for a pay log that needs review, and the unique
 * pay_log_id makes a second resolution (two operators at once) a conflict, not a second row.
 */
export async function resolveAnomaly(payLogId: number, operatorId: number, note: string) {
  const [resolution] = await queryRows<{ id: number; payLogId: number; resolvedBy: number; note: string; resolvedAt: Date }>(sql`
    insert into ${anomalyResolutions} (pay_log_id, resolved_by, note)
    select ${payLogs.id}, ${operatorId}::int, ${note}::text from ${payLogs}
    where ${payLogs.id} = ${payLogId} and ${inArray(payLogs.verdict, [...NEEDS_REVIEW])}
    on conflict (pay_log_id) do nothing
    returning id, pay_log_id as "payLogId", resolved_by as "resolvedBy", note, resolved_at as "resolvedAt"`);
  if (resolution) return resolution;

  const [log] = await getDb()
    .select({ verdict: payLogs.verdict, resolvedAt: anomalyResolutions.resolvedAt })
    .from(payLogs)
    .leftJoin(anomalyResolutions, eq(anomalyResolutions.payLogId, payLogs.id))
    .where(eq(payLogs.id, payLogId));
  if (!log || !NEEDS_REVIEW.includes(log.verdict as (typeof NEEDS_REVIEW)[number])) {
    throw new AppError('not_found', `Pay log ${payLogId} is not an anomaly or a rejected message`);
  }
  throw new AppError('conflict', `Pay log ${payLogId} was already resolved`, { resolvedAt: log.resolvedAt });
}
