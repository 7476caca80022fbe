// How an order transition tells every instance's open event streams that the order changed: a
// `pg_notify` in the very statement that makes the change, so it is delivered at commit and never
// for a change that rolled back. Paid (apply-payment.ts), closed (close-order.ts) and refunded
// (lib/refunds/apply-refund-result.ts) use it.
import { sql, type SQL } from 'drizzle-orm';

/** Lower-case: PGlite folds channel names to lower case, postgres.js quotes them as given. */
export const ORDER_STATUS_CHANNEL = 'order_status';

/**
 * `select pg_notify('order_status', order_no) from <rows>`, for a CTE over the rows a
 * data-modifying CTE named `rows` returned (they must include `order_no`). A plain SELECT CTE runs
 * only when the statement reads it, so the statement must select from this one.
 */
export function notifyOrderStatus(rows: string): SQL {
  return sql`select pg_notify(${ORDER_STATUS_CHANNEL}, order_no) from ${sql.identifier(rows)}`;
}
