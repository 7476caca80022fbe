// /admin/reconciliation – each reconciled day: its status, WeChat's totals beside ours, the fees,
// and "Reconcile again"; a form to reconcile any day up to today.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { billDayRangeSchema, yesterday } from '@/lib/reconcile/bill-date';
import { listBillDays } from '@/lib/reconcile/list-bill-days';
import { ApiForm } from '../_components/api-form';
import { Badge } from '../_components/badge';
import { DateRange, FilterError, FilterForm } from '../_components/filter-form';
import { readFilters, type SearchParams } from '../_components/format';
import { requireAdminPage } from '../_components/guard';
import { TotalsCells, TotalsHeader } from './totals';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.reconciliation'))('title') };
}

export default async function ReconciliationPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdminPage();
  const { query, filter, error } = await readFilters(billDayRangeSchema, searchParams);
  const days = filter ? await listBillDays(filter) : [];
  const day = yesterday();
  const t = await getTranslations('admin.reconciliation');

  return (
    <>
      <h1 className="adm-title">{t('title')}</h1>
      <p className="adm-muted">{t('intro')}</p>
      <ApiForm
        endpoint="/api/admin/reconciliation"
        submitLabel={t('reconcile')}
        busyLabel={t('reconciling')}
        redirectTo="/admin/reconciliation/{date}"
        className="adm-form--inline"
        testId="reconcile-date"
      >
        <label>
          {t('day')} <input type="date" name="date" required defaultValue={`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`} />
        </label>
      </ApiForm>
      <FilterForm testId="reconciliation-filters" submitLabel={t('show')}>
        <DateRange label={t('days')} from={query.from} to={query.to} />
      </FilterForm>
      <FilterError error={error} />
      {days.length === 0 ? (
        <p className="adm-empty">{t('empty')}</p>
      ) : (
        <div className="adm-table-wrap">
          <table className="adm-table" data-testid="reconciliation-days">
            <thead>
              <tr>
                <th>{t('day')}</th>
                <th>{t('status')}</th>
                <TotalsHeader />
                <th className="adm-num">{t('discrepancies')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date}>
                  <td className="adm-mono">
                    <Link href={`/admin/reconciliation/${d.date}`}>{d.date}</Link>
                  </td>
                  <td>
                    <Badge value={d.status} />
                  </td>
                  <TotalsCells day={d} />
                  <td className="adm-num">{d.discrepancies}</td>
                  <td>
                    <ApiForm endpoint={`/api/admin/reconciliation/${d.date}`} submitLabel={t('reconcileAgain')} busyLabel={t('reconciling')} done={t('done')} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
