// /admin/refunds – every refund by status, order and date, newest first, and the same filter as a
// CSV download. Each row links to its order, where it is retried, refreshed or explained.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { refundFilterSchema } from '@/lib/admin/filters';
import { formatFen } from '@/lib/money';
import { listRefunds } from '@/lib/refunds/list-refunds';
import { REFUND_STATUSES, type RefundStatus } from '@/lib/refunds/refund-status';
import { Badge } from '../_components/badge';
import { DateRange, FilterError, FilterForm, SelectFilter, TextFilter } from '../_components/filter-form';
import { formatTime, queryString, readFilters, type SearchParams } from '../_components/format';
import { requireAdminPage } from '../_components/guard';
import { Pager } from '../_components/pager';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.refunds'))('title') };
}

export default async function RefundsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdminPage();
  const { query, filter, error } = await readFilters(refundFilterSchema, searchParams);
  const result = filter ? await listRefunds(filter) : null;
  const [t, badge] = await Promise.all([getTranslations('admin.refunds'), getTranslations('admin.badge')]);
  const { cursor: _, limit: __, format: ___, ...csvQuery } = query;

  return (
    <>
      <h1 className="adm-title">{t('title')}</h1>
      <p className="adm-muted">{t('legend')}</p>
      <FilterForm testId="refund-filters" clearHref="/admin/refunds">
        <DateRange label={t('createdFrom')} from={query.from} to={query.to} />
        <SelectFilter label={t('status')} name="status" value={query.status} options={REFUND_STATUSES} optionLabel={(s) => badge(s as RefundStatus)} />
        <TextFilter label={t('order')} name="orderNo" value={query.orderNo} placeholder={t('orderPlaceholder')} />
      </FilterForm>
      {error ? (
        <FilterError error={error} />
      ) : (
        <p className="adm-toolbar">
          <a className="adm-button" href={`/api/admin/refunds${queryString({ ...csvQuery, format: 'csv' })}`} download data-testid="csv-download">
            {t('csv')}
          </a>
          <span className="adm-muted">{t('csvNote')}</span>
        </p>
      )}
      {result && result.items.length === 0 && <p className="adm-empty">{t('none')}</p>}
      {result && result.items.length > 0 && (
        <div className="adm-table-wrap">
          <table className="adm-table" data-testid="refund-table">
            <thead>
              <tr>
                <th>{t('created')}</th>
                <th>{t('refund')}</th>
                <th>{t('order')}</th>
                <th className="adm-num">{t('amount')}</th>
                <th>{t('status')}</th>
                <th>{t('reason')}</th>
                <th>{t('succeeded')}</th>
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
