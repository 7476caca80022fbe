// /admin/revenue – paid revenue per day, month or quarter of the merchant's calendar (REPORT_TZ):
// a chart, a table, and links to the payments and problems of each period.
import type { Metadata } from 'next';
import Link from 'next/link';
import { revenueQuerySchema, type RevenueGroup } from '@/lib/admin/filters';
import { revenueReport } from '@/lib/admin/revenue-report';
import { addDays, localDate, ymd } from '@/lib/admin/zoned-time';
import { getEnv } from '@/lib/env';
import { formatFen } from '@/lib/money';
import { DateRange, FilterError, FilterForm, SelectFilter } from '../_components/filter-form';
import { queryString, readFilters, type SearchParams } from '../_components/format';
import { requireAdminPage } from '../_components/guard';
import { RevenueChart } from '../_components/revenue-chart';

export const metadata: Metadata = { title: 'Revenue' };

/** The first day of the month `months` after the one `date` is in. */
function monthStart(date: string, months = 0): string {
  const [y, m] = ymd(date);
  return new Date(Date.UTC(y, m - 1 + months, 1)).toISOString().slice(0, 10);
}

function quarterStart(date: string, quarters = 0): string {
  const m = Number(date.slice(5, 7));
  return monthStart(`${date.slice(0, 4)}-${String(m - ((m - 1) % 3)).padStart(2, '0')}-01`, quarters * 3);
}

/** The last local day of the period starting on `period`. */
function periodEnd(period: string, groupBy: RevenueGroup): string {
  if (groupBy === 'day') return period;
  return addDays(monthStart(period, groupBy === 'month' ? 1 : 3), -1);
}

export default async function RevenuePage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdminPage();
  const timeZone = getEnv().REPORT_TZ;
  const today = localDate(new Date(), timeZone);
  const lastThirtyDays = { label: 'Last 30 days', groupBy: 'day', from: addDays(today, -29), to: today };
  const presets = [
    lastThirtyDays,
    { label: 'Last 12 months', groupBy: 'month', from: monthStart(today, -11), to: today },
    { label: 'Last quarter', groupBy: 'quarter', from: quarterStart(today, -1), to: addDays(quarterStart(today), -1) },
    { label: 'This year by quarter', groupBy: 'quarter', from: `${today.slice(0, 4)}-01-01`, to: today },
  ];
  const params = await searchParams;
  // A first visit shows the last 30 days; a submitted form with blank dates means all time.
  const { label: _, ...firstVisit } = lastThirtyDays;
  const { query, filter, error } = await readFilters(revenueQuerySchema, Promise.resolve(Object.keys(params).length ? params : firstVisit));
  const report = filter ? await revenueReport(filter) : null;
  const groupBy = filter?.groupBy ?? 'day';
  const total = report?.rows.reduce((t, r) => ({ orders: t.orders + r.orders, revenueFen: t.revenueFen + r.revenueFen }), { orders: 0, revenueFen: 0 });

  return (
    <>
      <h1 className="adm-title">Revenue</h1>
      <FilterForm testId="revenue-filters" submitLabel="Show">
        <SelectFilter label="Group by" name="groupBy" value={query.groupBy ?? 'day'} options={['day', 'month', 'quarter']} any={false} />
        <DateRange label="Paid from" from={query.from} to={query.to} />
      </FilterForm>
      <p className="adm-presets">
        {presets.map(({ label, ...p }) => (
          <Link key={label} href={`/admin/revenue${queryString(p)}`}>
            {label}
          </Link>
        ))}
        <span className="adm-muted">Days, months and quarters in {timeZone}; each paid order counted once, when it was paid.</span>
      </p>
      <FilterError error={error} />
      {report && total && (
        <>
          <RevenueChart rows={report.rows} groupBy={groupBy} />
          <div className="adm-table-wrap">
            <table className="adm-table" data-testid="revenue-table">
              <thead>
                <tr>
                  <th>{groupBy === 'day' ? 'Day' : groupBy === 'month' ? 'Month' : 'Quarter'} starting</th>
                  <th className="adm-num">Paid orders</th>
                  <th className="adm-num">Revenue</th>
                  <th>Look closer</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => {
                  const range = { from: r.period, to: periodEnd(r.period, groupBy) };
                  return (
                    <tr key={r.period}>
                      <td className="adm-mono">{r.period}</td>
                      <td className="adm-num">{r.orders}</td>
                      <td className="adm-num">{formatFen(r.revenueFen)}</td>
                      <td className="adm-links">
                        <Link href={`/admin/pay-logs${queryString({ ...range, verdict: 'applied' })}`}>payments</Link>
                        <Link href={`/admin/pay-logs${queryString({ ...range, verdict: 'anomaly' })}`}>anomalies</Link>
                        <Link href={`/admin/pay-logs${queryString({ ...range, verdict: 'rejected' })}`}>rejected</Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr>
                  <th>Total</th>
                  <th className="adm-num">{total.orders}</th>
                  <th className="adm-num">{formatFen(total.revenueFen)}</th>
                  <th />
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </>
  );
}
