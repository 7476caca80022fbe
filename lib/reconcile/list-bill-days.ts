// The console's reads of reconciliation results: the days of a range, and one day with its discrepancies.
import 'server-only';
import { and, asc, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { billDays, billDiscrepancies } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { isoDate } from './bill-date';
import type { DiscrepancyKind } from './bill-vocabulary';
import { toDayResult, type DayResult } from './day-result';

const discrepancyCount = sql<number>`(select count(*)::int from ${billDiscrepancies} where ${billDiscrepancies.billDate} = ${billDays.billDate})`;

/** Days in [from, to] (yyyyMMdd, both optional), newest first. */
export async function listBillDays(range: { from?: string; to?: string }): Promise<DayResult[]> {
  const rows = await getDb()
    .select({ day: billDays, discrepancies: discrepancyCount })
    .from(billDays)
    .where(and(range.from ? gte(billDays.billDate, isoDate(range.from)) : undefined, range.to ? lte(billDays.billDate, isoDate(range.to)) : undefined))
    .orderBy(desc(billDays.billDate));
  return rows.map(({ day, discrepancies }) => toDayResult({ ...day, discrepancies: Number(discrepancies) }));
}

export interface Discrepancy {
  kind: DiscrepancyKind;
  orderNo: string | null;
  transactionId: string | null;
  outRefundNo: string | null;
  wechatFen: number | null;
  oursFen: number | null;
  detail: string;
}

export type DayDetail = Omit<DayResult, 'discrepancies'> & { fetchedAt: Date; discrepancies: Discrepancy[] };

/** One day and its discrepancies; not_found for a day never reconciled. */
export async function getBillDay(billDate: string): Promise<DayDetail> {
  const db = getDb();
  const [day] = await db
    .select()
    .from(billDays)
    .where(eq(billDays.billDate, isoDate(billDate)));
  if (!day) throw new AppError('not_found', `${billDate} has not been reconciled`);
  const d = billDiscrepancies;
  const discrepancies = await db
    .select({
      kind: d.kind,
      orderNo: d.orderNo,
      transactionId: d.transactionId,
      outRefundNo: d.outRefundNo,
      wechatFen: d.wechatFen,
      oursFen: d.oursFen,
      detail: d.detail,
    })
    .from(d)
    .where(eq(d.billDate, day.billDate))
    .orderBy(asc(d.kind), asc(d.id));
  return { ...toDayResult({ ...day, discrepancies: discrepancies.length }), fetchedAt: day.fetchedAt, discrepancies };
}
