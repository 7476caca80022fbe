// /admin/pay-logs – every payment message by date, trade state, verdict, shopper or order, newest
// first, and the same filter as a CSV download.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { payLogFilterSchema } from '@/lib/admin/filters';
import { PAY_LOG_TRADE_STATES, VERDICTS, type Verdict } from '@/lib/payments/pay-log-vocabulary';
import { listPayLogs } from '@/lib/admin/list-pay-logs';
import { DateRange, FilterError, FilterForm, SelectFilter, TextFilter } from '../_components/filter-form';
import { queryString, readFilters, type SearchParams } from '../_components/format';
import { requireAdminPage } from '../_components/guard';
import { Pager } from '../_components/pager';
import { PayLogTable } from '../_components/pay-log-table';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.payLogs'))('title') };
}

export default async function PayLogsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdminPage();
  const { query, filter, error } = await readFilters(payLogFilterSchema, searchParams);
  const result = filter ? await listPayLogs(filter) : null;
  const [t, badge] = await Promise.all([getTranslations('admin.payLogs'), getTranslations('admin.badge')]);
  const { cursor: _, limit: __, format: ___, ...csvQuery } = query;

  return (
    <>
      <h1 className="adm-title">{t('title')}</h1>
      <FilterForm testId="pay-log-filters" clearHref="/admin/pay-logs">
        <DateRange label={t('from')} from={query.from} to={query.to} />
        <SelectFilter label={t('tradeState')} name="state" value={query.state} options={PAY_LOG_TRADE_STATES} />
        <SelectFilter label={t('verdict')} name="verdict" value={query.verdict} options={VERDICTS} optionLabel={(v) => badge(v as Verdict)} />
        <TextFilter label={t('shopper')} name="user" value={query.user} placeholder={t('usernamePlaceholder')} />
        <TextFilter label={t('order')} name="orderNo" value={query.orderNo} placeholder={t('orderPlaceholder')} />
      </FilterForm>
      {error ? (
        <FilterError error={error} />
      ) : (
        <p className="adm-toolbar">
          <a className="adm-button" href={`/api/admin/pay-logs${queryString({ ...csvQuery, format: 'csv' })}`} download data-testid="csv-download">
            {t('csv')}
          </a>
          <span className="adm-muted">{t('csvNote')}</span>
        </p>
      )}
      {result && <PayLogTable rows={result.items} />}
      {result && <Pager path="/admin/pay-logs" query={query} cursor={filter?.cursor} nextCursor={result.nextCursor} />}
    </>
  );
}
