// GET /orders – the shopper's orders, newest first.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { listMyOrders } from '@/lib/orders/my-orders';
import { formatFen } from '@/lib/money';
import { requireShopper } from '@/app/_components/require-shopper';
import { dateFormatter } from '@/app/_components/date-format';
import { orderState, StatusBadge } from '@/app/_components/status-badge';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('orders'))('title') };
}

export default async function MyOrdersPage() {
  const user = await requireShopper('/orders'); // checked first in layout.tsx; cheap (no DB)
  const [orders, t, formatDateTime] = await Promise.all([listMyOrders(user.id), getTranslations('orders'), dateFormatter()]);
  // eslint-disable-next-line react-hooks/purity -- a Server Component renders once per request: this is the request's time
  const now = Date.now();

  return (
    <>
      <h1 className="page-title">{t('title')}</h1>
      {orders.length === 0 ? (
        <div className="empty">
          <p>{t('empty')}</p>
          <Link href="/" className="button button--primary">
            {t('start')}
          </Link>
        </div>
      ) : (
        <ul className="order-list">
          {orders.map((order) => {
            const state = orderState(order, now);
            return (
              <li key={order.orderNo} className="order-row" data-testid={`order-row-${order.orderNo}`} data-status={order.status}>
                <div className="order-row__head">
                  <Link href={`/orders/${order.orderNo}`} className="order-row__no">
                    {order.orderNo}
                  </Link>
                  <StatusBadge state={state} />
                </div>
                <p className="order-row__items">{summarise(order.items)}</p>
                <div className="order-row__foot">
                  <span className="muted small">
                    <time dateTime={order.createdAt.toISOString()}>{formatDateTime(order.createdAt)}</time>
                  </span>
                  <strong>{formatFen(order.totalFee)}</strong>
                  {order.refundedFen > 0 && (
                    <span className="muted small" data-testid="refunded-amount">
                      {t('refunded', { amount: formatFen(order.refundedFen) })}
                    </span>
                  )}
                  {state === 'pending' && (
                    <Link href={`/orders/${order.orderNo}`} className="button button--primary button--small">
                      {t('payNow')}
                    </Link>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

function summarise(items: { name: string; quantity: number }[]): string {
  return items.map((i) => (i.quantity > 1 ? `${i.name} × ${i.quantity}` : i.name)).join(', ');
}
