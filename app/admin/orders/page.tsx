// /admin/orders – orders by status, shopper and creation date, newest first.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { orderFilterSchema } from '@/lib/admin/filters';
import { ORDER_STATUSES, type OrderStatus } from '@/lib/orders/order-status';
import { listOrders } from '@/lib/admin/list-orders';
import { formatFen } from '@/lib/money';
import { fulfilmentWord } from '@/lib/orders/fulfilment';
import { Badge } from '../_components/badge';
import { Buyer } from '../_components/buyer';
import { DateRange, FilterError, FilterForm, SelectFilter, TextFilter } from '../_components/filter-form';
import { formatTime, readFilters, type SearchParams } from '../_components/format';
import { requireAdminPage } from '../_components/guard';
import { Pager } from '../_components/pager';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.orders'))('title') };
}

export default async function OrdersPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdminPage();
  const { query, filter, error } = await readFilters(orderFilterSchema, searchParams);
  const result = filter ? await listOrders(filter) : null;
  const [t, badge] = await Promise.all([getTranslations('admin.orders'), getTranslations('admin.badge')]);

  return (
    <>
      <h1 className="adm-title">{t('title')}</h1>
      <FilterForm testId="order-filters" clearHref="/admin/orders">
        <SelectFilter label={t('status')} name="status" value={query.status} options={ORDER_STATUSES} optionLabel={(s) => badge(s as OrderStatus)} />
        <TextFilter label={t('shopper')} name="user" value={query.user} placeholder={t('usernamePlaceholder')} />
        <DateRange label={t('createdFrom')} from={query.from} to={query.to} />
      </FilterForm>
      <FilterError error={error} />
      {result && result.items.length === 0 && <p className="adm-empty">{t('none')}</p>}
      {result && result.items.length > 0 && (
        <div className="adm-table-wrap">
          <table className="adm-table" data-testid="order-table">
            <thead>
              <tr>
                <th>{t('order')}</th>
                <th>{t('shopper')}</th>
                <th>{t('status')}</th>
                <th>{t('fulfilment')}</th>
                <th className="adm-num">{t('total')}</th>
                <th>{t('items')}</th>
                <th>{t('created')}</th>
                <th>{t('paid')}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((o) => (
                <tr key={o.orderNo} data-testid="order-row">
                  <td className="adm-mono">
                    <Link href={`/admin/orders/${encodeURIComponent(o.orderNo)}`}>{o.orderNo}</Link>
                  </td>
                  <td>
                    <Buyer username={o.username} guestOpenidTail={o.guestOpenidTail} />
                  </td>
                  <td className="adm-nowrap">
                    <Badge value={o.status} /> <Badge value={o.paymentEnv} />
                  </td>
                  <td>{o.status === 'pending' || o.status === 'closed' ? '—' : <Badge value={fulfilmentWord(o.fulfilment, o.guestOpenidTail !== null)} />}</td>
                  <td className="adm-num">{formatFen(o.totalFee)}</td>
                  <td className="adm-detail">{o.items.map((l) => `${l.name} ×${l.quantity}`).join(', ')}</td>
                  <td className="adm-nowrap">{formatTime(o.createdAt)}</td>
                  <td className="adm-nowrap">{formatTime(o.paidAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result && <Pager path="/admin/orders" query={query} cursor={filter?.cursor} nextCursor={result.nextCursor} />}
    </>
  );
}
