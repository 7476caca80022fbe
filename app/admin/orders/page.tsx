// /admin/orders – orders by status, shopper and creation date, newest first.
import type { Metadata } from 'next';
import Link from 'next/link';
import { orderFilterSchema } from '@/lib/admin/filters';
import { ORDER_STATUSES } from '@/lib/orders/order-status';
import { listOrders } from '@/lib/admin/list-orders';
import { formatFen } from '@/lib/money';
import { Badge } from '../_components/badge';
import { formatTime, readFilters, type SearchParams } from '../_components/format';
import { requireAdminPage } from '../_components/guard';
import { Pager } from '../_components/pager';

export const metadata: Metadata = { title: 'Orders' };

export default async function OrdersPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdminPage();
  const { query, filter, error } = await readFilters(orderFilterSchema, searchParams);
  const result = filter ? await listOrders(filter) : null;

  return (
    <>
      <h1 className="adm-title">Orders</h1>
      <form className="adm-filters" method="get" data-testid="order-filters">
        <label>
          Status
          <select name="status" defaultValue={query.status ?? ''}>
            <option value="">any</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Shopper
          <input name="user" defaultValue={query.user} placeholder="username" autoComplete="off" />
        </label>
        <label>
          Created from
          <input type="date" name="from" defaultValue={query.from} />
        </label>
        <label>
          to
          <input type="date" name="to" defaultValue={query.to} />
        </label>
        <button type="submit" className="adm-button adm-button--primary">
          Filter
        </button>
        <Link href="/admin/orders">Clear</Link>
      </form>
      {error && (
        <div className="adm-alert adm-alert--error" role="alert">
          {error}
        </div>
      )}
      {result && result.items.length === 0 && <p className="adm-empty">No orders match.</p>}
      {result && result.items.length > 0 && (
        <div className="adm-table-wrap">
          <table className="adm-table" data-testid="order-table">
            <thead>
              <tr>
                <th>Order</th>
                <th>Shopper</th>
                <th>Status</th>
                <th>Fulfilment</th>
                <th className="adm-num">Total</th>
                <th>Items</th>
                <th>Created</th>
                <th>Paid</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((o) => (
                <tr key={o.orderNo} data-testid="order-row">
                  <td className="adm-mono">
                    <Link href={`/admin/orders/${encodeURIComponent(o.orderNo)}`}>{o.orderNo}</Link>
                  </td>
                  <td>{o.username}</td>
                  <td>
                    <Badge value={o.status} />
                  </td>
                  <td>{o.status === 'paid' ? <Badge value={o.fulfilment} /> : '—'}</td>
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
