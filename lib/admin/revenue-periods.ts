// The revenue page's calendar arithmetic on local dates (YYYY-MM-DD in REPORT_TZ, already
// converted): periods are plain calendar dates, so no time zone or daylight saving enters here.
import type { RevenueGroup } from './filters';
import { addDays, ymd } from './zoned-time';

/** The first day of the month `months` after the one `date` is in. */
export function monthStart(date: string, months = 0): string {
  const [y, m] = ymd(date);
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10);
}

export function quarterStart(date: string, quarters = 0): string {
  const m = Number(date.slice(5, 7));
  return monthStart(`${date.slice(0, 4)}-${String(m - ((m - 1) % 3)).padStart(2, '0')}-01`, quarters * 3);
}

/** The last local day of the period starting on `period`. */
export function periodEnd(period: string, groupBy: RevenueGroup): string {
  if (groupBy === 'day') return period;
  return addDays(monthStart(period, groupBy === 'month' ? 1 : 3), -1);
}

interface RevenuePreset {
  /** Names the preset's translated label (messages: admin.revenue.presets). */
  id: 'last30Days' | 'last12Months' | 'lastQuarter' | 'thisYear';
  label: string;
  groupBy: RevenueGroup;
  from: string;
  to: string;
}

/** The page's preset ranges as seen on the local date `today`; the first is a first visit's. */
export function revenuePresets(today: string): [RevenuePreset, ...RevenuePreset[]] {
  return [
    { id: 'last30Days', label: 'Last 30 days', groupBy: 'day', from: addDays(today, -29), to: today },
    { id: 'last12Months', label: 'Last 12 months', groupBy: 'month', from: monthStart(today, -11), to: today },
    { id: 'lastQuarter', label: 'Last quarter', groupBy: 'quarter', from: quarterStart(today, -1), to: addDays(quarterStart(today), -1) },
    { id: 'thisYear', label: 'This year by quarter', groupBy: 'quarter', from: `${today.slice(0, 4)}-01-01`, to: today },
  ];
}
