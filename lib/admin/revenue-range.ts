// The revenue report's range (spec, GET /api/admin/reports/revenue): without a bound, the last 30
// days / 12 months / 8 quarters up to today; at most 400 days / 120 months / 40 quarters, so one
// link cannot make PostgreSQL list 73,000 days. Periods are local calendar periods of REPORT_TZ;
// dates are YYYY-MM-DD strings.
import type { RevenueGroup } from './filters';
import { monthStart, quarterStart } from './revenue-periods';
import { addDays, localDate, startOfLocalDay, ymd } from './zoned-time';

export const DEFAULT_PERIODS: Record<RevenueGroup, number> = { day: 30, month: 12, quarter: 8 };

export const MAX_PERIODS: Record<RevenueGroup, number> = { day: 400, month: 120, quarter: 40 };

/** The years a bound may name, so that a typo such as 0001 is refused rather than read. */
export const REPORT_YEARS = [2000, 2100] as const;

/** The first day of the period `n` periods after the one `date` is in. */
function periodStart(date: string, groupBy: RevenueGroup, n = 0): string {
  if (groupBy === 'day') return addDays(date, n);
  return groupBy === 'month' ? monthStart(date, n) : quarterStart(date, n);
}

/** The period's position on a line of periods, so that two of them subtract. */
function periodIndex(date: string, groupBy: RevenueGroup): number {
  const [y, m, d] = ymd(date);
  if (groupBy === 'day') return Date.UTC(y, m - 1, d) / 86_400_000;
  const month = y * 12 + m - 1;
  return groupBy === 'month' ? month : Math.floor(month / 3);
}

/** How many periods [from, to) touches: the rows the report lists. */
export function periodCount(groupBy: RevenueGroup, from: Date, to: Date, timeZone: string): number {
  const last = localDate(new Date(to.getTime() - 1), timeZone);
  return periodIndex(last, groupBy) - periodIndex(localDate(from, timeZone), groupBy) + 1;
}

/**
 * The range with its missing bounds filled in: `to` defaults to the end of today, `from` to the
 * start of the period DEFAULT_PERIODS − 1 periods before the one `to` ends in.
 */
export function withDefaultRange<Q extends { groupBy: RevenueGroup; from?: Date; to?: Date }>(
  query: Q,
  timeZone: string,
  now = new Date(),
): Q & { from: Date; to: Date } {
  const to = query.to ?? startOfLocalDay(addDays(localDate(now, timeZone), 1), timeZone);
  const lastDay = localDate(new Date(to.getTime() - 1), timeZone);
  const from = query.from ?? startOfLocalDay(periodStart(lastDay, query.groupBy, 1 - DEFAULT_PERIODS[query.groupBy]), timeZone);
  return { ...query, from, to };
}
