// Pay logs for operators, newest first, keyset-paginated by id (stable while new rows arrive).
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { getDb } from '@/db';
import { payLogs } from '@/db/schema';

export interface PayLogFilter {
  orderNo?: string;
  verdict?: string;
  cursor?: number;
  limit: number;
}

export async function listPayLogs(filter: PayLogFilter) {
  const where: SQL[] = [];
  if (filter.orderNo) where.push(eq(payLogs.orderNo, filter.orderNo));
  if (filter.verdict) where.push(eq(payLogs.verdict, filter.verdict));
  if (filter.cursor) where.push(lt(payLogs.id, filter.cursor));
  const rows = await getDb()
    .select({
      id: payLogs.id,
      orderNo: payLogs.orderNo,
      transactionId: payLogs.transactionId,
      totalFee: payLogs.totalFee,
      tradeState: payLogs.tradeState,
      source: payLogs.source,
      verdict: payLogs.verdict,
      detail: payLogs.detail,
      createdAt: payLogs.createdAt,
    })
    .from(payLogs)
    .where(and(...where))
    .orderBy(desc(payLogs.id))
    .limit(filter.limit + 1);
  const items = rows.slice(0, filter.limit);
  return { items, nextCursor: rows.length > filter.limit ? String(items[items.length - 1].id) : null };
}
