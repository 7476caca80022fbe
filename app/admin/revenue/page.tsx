// /admin/revenue – paid revenue per day, month or quarter of the merchant's calendar (REPORT_TZ):
// a chart, a table, and links to the payments and problems of each period.
import type { Metadata } from 'next';
import Link from 'next/link';
import { revenueQuerySchema } from '@/lib/admin/filters';
import { periodEnd, revenuePresets } from '@/lib/admin/revenue-periods';
import { MAX_PERIODS } from '@/lib/admin/revenue-range';
import { revenueReport } from '@/lib/admin/revenue-report';
import { localDate } from '@/lib/admin/zoned-time';
import { getEnv } from '@/lib/env';
import { formatFen } from '@/lib/money';
import { DateRange, FilterError, FilterForm, SelectFilter } from '../_components/filter-form';
import { queryString, readFilters, type SearchParams } from '../_components/format';
import { requireAdminPage } from '../_components/guard';
import { RevenueChart } from '../_components/revenue-chart';

export const metadata: Metadata = { title: 'Revenue' };

export default async function RevenuePage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdminPage();
  const timeZone = getEnv().REPORT_TZ;
  const today = localDate(new Date(), timeZone);
  const presets = revenuePresets(today);
  const params = await searchParams;
  // A first visit shows the last 30 days, dates filled in; a submitted form with blank dates gets
  // the report's default range. A range beyond the bounds shows the error and runs no query.
  const { label: _, ...firstVisit } = presets[0];
  const { query, filter, error } = await readFilters(revenueQuerySchema, Promise.resolve(Object.keys(params).length ? params : firstVisit));
  const report = filter ? await revenueReport(filter) : null;
  const groupBy = filter?.groupBy ?? 'day';
  const total = report?.rows.reduce(
    (t, r) => ({ orders: t.orders + r.orders, revenueFen: t.revenueFen + r.revenueFen, refundsFen: t.refundsFen + r.refundsFen, netFen: t.netFen + r.netFen }),
    { orders: 0, revenueFen: 0, refundsFen: 0, netFen: 0 },
  );

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
        <span className="adm-muted">
          {`Days, months and quarters in ${timeZone}; each paid order counted once, when it was paid (also when refunded later); refunds when they succeeded. `}
          {`At most ${MAX_PERIODS.day} days, ${MAX_PERIODS.month} months or ${MAX_PERIODS.quarter} quarters at once.`}
        </span>
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
                  <th className="adm-num">Refunds</th>
                  <th className="adm-num">Net</th>
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
                      <td className="adm-num">{formatFen(r.refundsFen)}</td>
                      <td className="adm-num">{formatFen(r.netFen)}</td>
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
                  <th className="adm-num">{formatFen(total.refundsFen)}</th>
                  <th className="adm-num">{formatFen(total.netFen)}</th>
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
