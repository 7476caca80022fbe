// Pay logs for operators, newest first, keyset-paginated by id (stable while new rows arrive).
// A log's shopper comes through its order (pay_logs.order_no → orders → users); a rejected
// message about an unknown order has none. Indexed: pay_logs (created_at), (verdict, created_at),
// (trade_state, created_at), (order_no); the user filter goes users → orders (user_id) → pay_logs.
import 'server-only';
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db';
import { orders, payLogs, users } from '@/db/schema';
import type { PayLogFilter } from './filters';
import { belowCursor, keysetPage, type KeysetPage } from './keyset-page';

function conditions(filter: Omit<PayLogFilter, 'limit'>): (SQL | undefined)[] {
  const where: (SQL | undefined)[] = [belowCursor(payLogs.id, filter.cursor)];
  if (filter.orderNo) where.push(eq(payLogs.orderNo, filter.orderNo));
  if (filter.state) where.push(eq(payLogs.tradeState, filter.state));
  if (filter.verdict) where.push(eq(payLogs.verdict, filter.verdict));
  if (filter.user) where.push(eq(users.username, filter.user));
  if (filter.from) where.push(gte(payLogs.createdAt, filter.from));
  if (filter.to) where.push(lt(payLogs.createdAt, filter.to));
  return where;
}

/**
 * A pay log as the console lists it, with its shopper (pay_logs left join orders left join users):
 * a username, or a Native mode 1 guest's last 4 characters of the openid.
 */
export const payLogListColumns = {
  id: payLogs.id,
  orderNo: payLogs.orderNo,
  username: users.username,
  guestOpenidTail: sql<string | null>`right(${orders.openid}, 4)`,
  transactionId: payLogs.transactionId,
  totalFee: payLogs.totalFee,
  tradeState: payLogs.tradeState,
  source: payLogs.source,
  verdict: payLogs.verdict,
  detail: payLogs.detail,
  createdAt: payLogs.createdAt,
};

function select(filter: Omit<PayLogFilter, 'limit'>, limit: number) {
  return getDb()
    .select(payLogListColumns)
    .from(payLogs)
    .leftJoin(orders, eq(orders.orderNo, payLogs.orderNo))
    .leftJoin(users, eq(users.id, orders.userId))
    .where(and(...conditions(filter)))
    .orderBy(desc(payLogs.id))
    .limit(limit);
}

export type PayLogRow = Awaited<ReturnType<typeof select>>[number];

export function listPayLogs(filter: PayLogFilter): Promise<KeysetPage<PayLogRow>> {
  return keysetPage(filter.limit, (limit) => select(filter, limit));
}

/** Every row the filter matches, newest first, in keyset batches: an export holds one batch at a time. */
export async function* payLogBatches(filter: Omit<PayLogFilter, 'limit' | 'cursor'>, batchSize = 1000): AsyncGenerator<PayLogRow[]> {
  let cursor: number | undefined;
  for (;;) {
    const rows = await select({ ...filter, cursor }, batchSize);
    const last = rows.at(-1);
    if (!last) return;
    yield rows;
    if (rows.length < batchSize) return;
    cursor = last.id;
  }
}
