// Paid revenue per day, month or quarter of the merchant's calendar (REPORT_TZ), computed by
// PostgreSQL: each order ever paid counted once, in the period its paid_at falls in locally, also
// when it was refunded later (reads only the partial index orders (paid_at, total_fee) over the
// paid and refunded states). Refunds are their own column: the successful refunds of orders'
// applied payments (never an anomaly's, which was never revenue), in the period they succeeded;
// net = revenue − refunds. Periods without a sale are included (zero), so a chart has no gaps; the
// range is always bounded (revenue-range.ts).
import { and, gte, lt, sql } from 'drizzle-orm';
import 'server-only';
import { orders, refunds } from '@/db/schema';
import { getEnv } from '@/lib/env';
import type { RevenueQuery } from './filters';
import { queryRows } from '@/db/query-rows';

export interface RevenueRow {
  /** The local date the period starts on, YYYY-MM-DD. */
  period: string;
  orders: number;
  revenueFen: number;
  refundsFen: number;
  netFen: number;
}

const STEP = { day: '1 day', month: '1 month', quarter: '3 months' } as const;

export async function revenueReport(query: RevenueQuery, timeZone = getEnv().REPORT_TZ): Promise<{ rows: RevenueRow[] }> {
  const unit = query.groupBy;
  // A literal, not a parameter, so that the planner matches the partial index's predicate.
  const where = and(sql`${orders.status} in ('paid', 'partially_refunded', 'refunded')`, gte(orders.paidAt, query.from), lt(orders.paidAt, query.to));
  // The first and last periods of the range.
  const first = query.from.toISOString();
  const last = new Date(query.to.getTime() - 1).toISOString();

  const rows = await queryRows<{ period: string; orders: number; revenueFen: number; refundsFen: number }>(sql`
    with paid as (
      select date_trunc(${unit}, ${orders.paidAt} at time zone ${timeZone}) as period,
             count(*)::int as orders,
             sum(${orders.totalFee})::float8 as revenue
      from ${orders}
      where ${where}
      group by 1
    ), refunded as (
      select date_trunc(${unit}, r.succeeded_at at time zone ${timeZone}) as period,
             sum(r.refund_fee)::float8 as refunds
      from ${refunds} r
      join ${orders} o on o.order_no = r.order_no and o.transaction_id = r.transaction_id
      where r.status = 'success' and r.succeeded_at >= ${first}::timestamptz and r.succeeded_at < ${query.to.toISOString()}::timestamptz
      group by 1
    ), bounds as (
      select date_trunc(${unit}, ${first}::timestamptz at time zone ${timeZone}) as lo,
             date_trunc(${unit}, ${last}::timestamptz at time zone ${timeZone}) as hi
    )
    select to_char(s.period, 'YYYY-MM-DD') as period,
           coalesce(p.orders, 0)::int as orders,
           coalesce(p.revenue, 0)::float8 as "revenueFen",
           coalesce(r.refunds, 0)::float8 as "refundsFen"
    from bounds
    cross join generate_series(bounds.lo, bounds.hi, ${STEP[unit]}::interval) as s(period)
    left join paid p on p.period = s.period
    left join refunded r on r.period = s.period
    order by s.period`);
  return {
    rows: rows.map((r) => {
      const revenueFen = Number(r.revenueFen);
      const refundsFen = Number(r.refundsFen);
      return { period: r.period, orders: Number(r.orders), revenueFen, refundsFen, netFen: revenueFen - refundsFen };
    }),
  };
}
