// The hot path: every open pay page polls this every 3 s. One indexed read; WeChat is asked only
// for a pending order that is old (its notify may be lost) or about to expire, and at most once per
// order per 10 s across all instances (a conditional UPDATE on last_queried_at claims the query).
// The session's revocation check rides on the same read (a join on users.session_version), so the
// poll stays one indexed round trip and nothing is cached across instances.
import 'server-only';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db';
import { orders, users } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { queryPayment } from '@/lib/payments/query-payment';
import { WechatPayError } from '@/lib/wechatpay';
// The module's own OrderStatus is the route's reply; the vocabulary's word is the status field.
import { isFinalOrderStatus, type OrderStatus as OrderStatusValue } from './order-status';

export interface OrderStatus {
  orderNo: string;
  status: OrderStatusValue;
  totalFee: number;
  paidAt: Date | null;
  expiresAt: Date;
}

const QUERY_AFTER_AGE_MS = 2 * 60_000;
const QUERY_BEFORE_EXPIRY_MS = 60_000;
const QUERY_EVERY = sql`interval '10 seconds'`;

export async function getOrderStatus(orderNo: string, userId: number, sessionVersion: number): Promise<OrderStatus> {
  const order = await read(orderNo, userId, sessionVersion);
  // An old order polled within the last 10 s is answered from the read alone, without a write.
  if (isFinalOrderStatus(order.status) || !queryDue(order) || !order.queryClaimable) return order;

  const db = getDb();
  const [claimed] = await db
    .update(orders)
    .set({ lastQueriedAt: sql`now()` })
    .where(
      and(
        eq(orders.orderNo, orderNo),
        eq(orders.status, 'pending'),
        // Money WeChat holds for it could not be applied (an anomaly): asking again would only repeat it.
        isNull(orders.unappliedPaymentAt),
        or(isNull(orders.lastQueriedAt), lt(orders.lastQueriedAt, sql`now() - ${QUERY_EVERY}`)),
      ),
    )
    .returning({ id: orders.id });
  if (!claimed) return order;

  try {
    const { outcome } = await queryPayment(orderNo);
    return outcome ? read(orderNo, userId, sessionVersion) : order;
  } catch (err) {
    // WeChat unreachable or busy: the shopper still gets the stored state; the next poll after
    // the throttle window, or the sweep, asks again.
    if (err instanceof WechatPayError) return order;
    throw err;
  }
}

// The read is a prepared query, built once per database handle: the poll then skips drizzle's
// query building and sends the same statement text every time (postgres.js reuses its prepared plan).
const readStatements = new WeakMap<Db, ReturnType<typeof prepareRead>>();

function prepareRead(db: Db) {
  return db
    .select({
      orderNo: orders.orderNo,
      status: orders.status,
      totalFee: orders.totalFee,
      paidAt: orders.paidAt,
      expiresAt: orders.expiresAt,
      createdAt: orders.createdAt,
      // The database's clock, like the claim below: app servers' clocks may differ.
      queryClaimable: sql<boolean>`${orders.lastQueriedAt} is null or ${orders.lastQueriedAt} < now() - ${QUERY_EVERY}`,
      sessionLive: sql<boolean>`${users.sessionVersion} = ${sql.placeholder('sessionVersion')}::integer`,
    })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.userId))
    .where(and(eq(orders.orderNo, sql.placeholder('orderNo')), eq(orders.userId, sql.placeholder('userId'))))
    .prepare('order_status_read');
}

async function read(orderNo: string, userId: number, sessionVersion: number): Promise<OrderStatus & { createdAt: Date; queryClaimable: boolean }> {
  const db = getDb();
  let statement = readStatements.get(db);
  if (!statement) readStatements.set(db, (statement = prepareRead(db)));
  const [row] = await statement.execute({ orderNo, userId, sessionVersion });
  // Someone else's order is indistinguishable from a missing one.
  if (!row) throw new AppError('not_found', 'Order not found');
  const { sessionLive, ...order } = row;
  if (!sessionLive) throw new AppError('unauthorized', 'Sign in first');
  return order as OrderStatus & { createdAt: Date; queryClaimable: boolean };
}

/**
 * Of these orders, the pending ones a poll would now ask WeChat about (queryDue, throttle free).
 * Open event streams replace polls, so the listener asks this for all of its orders together,
 * every QUERY_EVERY, and re-reads only those: a lost notify is then found as with polling.
 */
export async function ordersDueForQuery(orderNos: string[]): Promise<string[]> {
  if (orderNos.length === 0) return [];
  const rows = await getDb()
    .select({ orderNo: orders.orderNo })
    .from(orders)
    .where(
      and(
        // One parameter however many streams are open (order numbers never contain a comma).
        sql`${orders.orderNo} = any(string_to_array(${orderNos.join(',')}, ','))`,
        eq(orders.status, 'pending'),
        isNull(orders.unappliedPaymentAt),
        or(
          lt(orders.createdAt, sql`now() - ${QUERY_AFTER_AGE_MS}::int * interval '1 millisecond'`),
          lt(orders.expiresAt, sql`now() + ${QUERY_BEFORE_EXPIRY_MS}::int * interval '1 millisecond'`),
        ),
        or(isNull(orders.lastQueriedAt), lt(orders.lastQueriedAt, sql`now() - ${QUERY_EVERY}`)),
      ),
    );
  return rows.map((r) => r.orderNo);
}

export function queryDue(order: { createdAt: Date; expiresAt: Date }): boolean {
  const now = Date.now();
  return now - order.createdAt.getTime() > QUERY_AFTER_AGE_MS || order.expiresAt.getTime() - now < QUERY_BEFORE_EXPIRY_MS;
}
