// The console's first page: today's takings and refunds (today in REPORT_TZ), orders per status, how
// many anomalies wait for an operator, yesterday's reconciliation, and the latest pay logs.
import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { billDays, orders } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { ORDER_STATUSES, type OrderStatus } from '@/lib/orders/order-status';
import { isoDate, yesterday } from '@/lib/reconcile/bill-date';
import { countOpenAnomalies } from './anomalies';
import { listPayLogs } from './list-pay-logs';
import { revenueReport } from './revenue-report';
import { addDays, localDate, startOfLocalDay } from './zoned-time';

export async function getDashboard(now = new Date()) {
  const timeZone = getEnv().REPORT_TZ;
  const today = localDate(now, timeZone);
  const billDate = yesterday(now);
  const [report, byStatus, openAnomalies, latest, [reconciled]] = await Promise.all([
    revenueReport({ groupBy: 'day', from: startOfLocalDay(today, timeZone), to: startOfLocalDay(addDays(today, 1), timeZone) }, timeZone),
    getDb()
      .select({ status: orders.status, count: sql<number>`count(*)::int` })
      .from(orders)
      .groupBy(orders.status),
    countOpenAnomalies(),
    listPayLogs({ limit: 10 }),
    getDb()
      .select({ status: billDays.status })
      .from(billDays)
      .where(sql`${billDays.billDate} = ${isoDate(billDate)}`),
  ]);
  const counts = Object.fromEntries(ORDER_STATUSES.map((status) => [status, 0])) as Record<OrderStatus, number>;
  for (const row of byStatus) counts[row.status] = Number(row.count);
  return {
    today,
    timeZone,
    paidToday: { orders: report.rows[0]?.orders ?? 0, revenueFen: report.rows[0]?.revenueFen ?? 0 },
    refundedTodayFen: report.rows[0]?.refundsFen ?? 0,
    ordersByStatus: counts,
    openAnomalies,
    /** Yesterday's reconciliation (a Beijing day, as WeChat's bill); status null until it has run. */
    reconciliation: { date: billDate, status: reconciled?.status ?? null },
    latestPayLogs: latest.items,
  };
}
