// /admin/revenue – paid revenue per day, month or quarter of the merchant's calendar (REPORT_TZ):
// a chart, a table, and links to the payments and problems of each period.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
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

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.revenue'))('title') };
}

export default async function RevenuePage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdminPage();
  const timeZone = getEnv().REPORT_TZ;
  const today = localDate(new Date(), timeZone);
  const presets = revenuePresets(today);
  const params = await searchParams;
  // A first visit shows the last 30 days, dates filled in; a submitted form with blank dates gets
  // the report's default range. A range beyond the bounds shows the error and runs no query.
  const { id: _, label: __, ...firstVisit } = presets[0];
  const { query, filter, error } = await readFilters(revenueQuerySchema, Promise.resolve(Object.keys(params).length ? params : firstVisit));
  const report = filter ? await revenueReport(filter) : null;
  const groupBy = filter?.groupBy ?? 'day';
  const t = await getTranslations('admin.revenue');
  const total = report?.rows.reduce(
    (sum, r) => ({
      orders: sum.orders + r.orders,
      revenueFen: sum.revenueFen + r.revenueFen,
      refundsFen: sum.refundsFen + r.refundsFen,
      netFen: sum.netFen + r.netFen,
    }),
    { orders: 0, revenueFen: 0, refundsFen: 0, netFen: 0 },
  );

  return (
    <>
      <h1 className="adm-title">{t('title')}</h1>
      <FilterForm testId="revenue-filters" submitLabel={t('show')}>
        <SelectFilter
          label={t('groupBy')}
          name="groupBy"
          value={query.groupBy ?? 'day'}
          options={['day', 'month', 'quarter']}
          optionLabel={(g) => t(g as 'day')}
          any={false}
        />
        <DateRange label={t('paidFrom')} from={query.from} to={query.to} />
      </FilterForm>
      <p className="adm-presets">
        {presets.map(({ id, label: _label, ...p }) => (
          <Link key={id} href={`/admin/revenue${queryString(p)}`}>
            {t(`presets.${id}`)}
          </Link>
        ))}
        <span className="adm-muted">
          {t('note', { timeZone })} {t('limits', { days: MAX_PERIODS.day, months: MAX_PERIODS.month, quarters: MAX_PERIODS.quarter })}
        </span>
      </p>
      <FilterError error={error} />
      {report && total && (
        <>
          <RevenueChart rows={report.rows} groupBy={groupBy} groupLabel={t(groupBy)} />
          <div className="adm-table-wrap">
            <table className="adm-table" data-testid="revenue-table">
              <thead>
                <tr>
                  <th>{t(`${groupBy}Starting`)}</th>
                  <th className="adm-num">{t('paidOrders')}</th>
                  <th className="adm-num">{t('revenue')}</th>
                  <th className="adm-num">{t('refunds')}</th>
                  <th className="adm-num">{t('net')}</th>
                  <th>{t('closer')}</th>
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
                        <Link href={`/admin/pay-logs${queryString({ ...range, verdict: 'applied' })}`}>{t('payments')}</Link>
                        <Link href={`/admin/pay-logs${queryString({ ...range, verdict: 'anomaly' })}`}>{t('anomalies')}</Link>
                        <Link href={`/admin/pay-logs${queryString({ ...range, verdict: 'rejected' })}`}>{t('rejected')}</Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr>
                  <th>{t('total')}</th>
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
