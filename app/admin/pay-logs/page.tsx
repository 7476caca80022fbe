// /admin/pay-logs – every payment message by date, trade state, verdict, shopper or order, newest
// first, and the same filter as a CSV download.
import type { Metadata } from 'next';
import { payLogFilterSchema } from '@/lib/admin/filters';
import { VERDICTS } from '@/lib/payments/pay-log-vocabulary';
import { TRADE_STATES } from '@/lib/wechatpay';
import { listPayLogs } from '@/lib/admin/list-pay-logs';
import { DateRange, FilterError, FilterForm, SelectFilter, TextFilter } from '../_components/filter-form';
import { queryString, readFilters, type SearchParams } from '../_components/format';
import { requireAdminPage } from '../_components/guard';
import { Pager } from '../_components/pager';
import { PayLogTable } from '../_components/pay-log-table';

export const metadata: Metadata = { title: 'Pay logs' };

export default async function PayLogsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdminPage();
  const { query, filter, error } = await readFilters(payLogFilterSchema, searchParams);
  const result = filter ? await listPayLogs(filter) : null;
  const { cursor: _, limit: __, format: ___, ...csvQuery } = query;

  return (
    <>
      <h1 className="adm-title">Pay logs</h1>
      <FilterForm testId="pay-log-filters" clearHref="/admin/pay-logs">
        <DateRange label="From" from={query.from} to={query.to} />
        <SelectFilter label="Trade state" name="state" value={query.state} options={TRADE_STATES} />
        <SelectFilter label="Verdict" name="verdict" value={query.verdict} options={VERDICTS} />
        <TextFilter label="Shopper" name="user" value={query.user} placeholder="username" />
        <TextFilter label="Order" name="orderNo" value={query.orderNo} placeholder="order no." />
      </FilterForm>
      {error ? (
        <FilterError error={error} />
      ) : (
        <p className="adm-toolbar">
          <a className="adm-button" href={`/api/admin/pay-logs${queryString({ ...csvQuery, format: 'csv' })}`} download data-testid="csv-download">
            Download CSV
          </a>
          <span className="adm-muted">every row this filter matches, not only this page</span>
        </p>
      )}
      {result && <PayLogTable rows={result.items} />}
      {result && <Pager path="/admin/pay-logs" query={query} cursor={filter?.cursor} nextCursor={result.nextCursor} />}
    </>
  );
}
