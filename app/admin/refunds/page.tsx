// /admin/refunds – every refund by status, order and date, newest first, and the same filter as a
// CSV download. Each row links to its order, where it is retried, refreshed or explained.
import type { Metadata } from 'next';
import Link from 'next/link';
import { refundFilterSchema } from '@/lib/admin/filters';
import { formatFen } from '@/lib/money';
import { listRefunds } from '@/lib/refunds/list-refunds';
import { REFUND_STATUSES } from '@/lib/refunds/refund-status';
import { Badge } from '../_components/badge';
import { DateRange, FilterError, FilterForm, SelectFilter, TextFilter } from '../_components/filter-form';
import { formatTime, queryString, readFilters, type SearchParams } from '../_components/format';
import { requireAdminPage } from '../_components/guard';
import { Pager } from '../_components/pager';

export const metadata: Metadata = { title: 'Refunds' };

export default async function RefundsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdminPage();
  const { query, filter, error } = await readFilters(refundFilterSchema, searchParams);
  const result = filter ? await listRefunds(filter) : null;
  const { cursor: _, limit: __, format: ___, ...csvQuery } = query;

  return (
    <>
      <h1 className="adm-title">Refunds</h1>
      <p className="adm-muted">
        requested: WeChat has not accepted it yet (the sweep sends it again) · processing: accepted, waiting for the result · success · failed: refused (retry
        from the order) · abnormal: the shopper&apos;s account could not take it (refund offline in 商户平台) · closed: WeChat closed it (refund again).
      </p>
      <FilterForm testId="refund-filters" clearHref="/admin/refunds">
        <DateRange label="Created from" from={query.from} to={query.to} />
        <SelectFilter label="Status" name="status" value={query.status} options={REFUND_STATUSES} />
        <TextFilter label="Order" name="orderNo" value={query.orderNo} placeholder="order no." />
      </FilterForm>
      {error ? (
        <FilterError error={error} />
      ) : (
        <p className="adm-toolbar">
          <a className="adm-button" href={`/api/admin/refunds${queryString({ ...csvQuery, format: 'csv' })}`} download data-testid="csv-download">
            Download CSV
          </a>
          <span className="adm-muted">every row this filter matches, not only this page</span>
        </p>
      )}
      {result && result.items.length === 0 && <p className="adm-empty">No refunds match.</p>}
      {result && result.items.length > 0 && (
        <div className="adm-table-wrap">
          <table className="adm-table" data-testid="refund-table">
            <thead>
              <tr>
                <th>Created</th>
                <th>Refund</th>
                <th>Order</th>
                <th className="adm-num">Amount</th>
                <th>Status</th>
                <th>Reason</th>
                <th>Succeeded</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((r) => (
                <tr key={r.id}>
                  <td className="adm-nowrap">{formatTime(r.createdAt)}</td>
                  <td className="adm-mono">{r.outRefundNo}</td>
                  <td className="adm-mono">
                    <Link href={`/admin/orders/${encodeURIComponent(r.orderNo)}`}>{r.orderNo}</Link>
                  </td>
                  <td className="adm-num">{formatFen(r.refundFen)}</td>
                  <td>
                    <Badge value={r.status} /> {r.errCode && <span className="adm-mono">{r.errCode}</span>}
                  </td>
                  <td>{r.reason}</td>
                  <td className="adm-nowrap">{formatTime(r.succeededAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result && <Pager path="/admin/refunds" query={query} cursor={filter?.cursor} nextCursor={result.nextCursor} />}
    </>
  );
}
