// /admin/orders/{orderNo} – one order: lines, shipping, fulfilment, and the timeline of every pay
// log about it with the raw message.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { anomalyKind } from '@/lib/admin/anomalies';
import { getOrderDetail } from '@/lib/admin/get-order-detail';
import { AppError } from '@/lib/errors';
import { formatFen } from '@/lib/money';
import { ApiForm } from '../../_components/api-form';
import { Badge } from '../../_components/badge';
import { formatTime } from '../../_components/format';
import { requireAdminPage } from '../../_components/guard';

interface Props {
  params: Promise<{ orderNo: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await getTranslations('admin.order'))('metaTitle', { orderNo: (await params).orderNo }) };
}

export default async function OrderPage({ params }: Props) {
  await requireAdminPage();
  const orderNo = (await params).orderNo;
  const order = await getOrderDetail(orderNo).catch((err) => {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  });
  const [t, kinds] = await Promise.all([getTranslations('admin.order'), getTranslations('admin.anomalies.kind')]);
  const next = order.status !== 'paid' ? null : order.fulfilment === 'unfulfilled' ? 'shipped' : order.fulfilment === 'shipped' ? 'delivered' : null;

  return (
    <>
      <p className="adm-back">
        <Link href="/admin/orders">{t('back')}</Link>
      </p>
      <h1 className="adm-title">
        {t('title')} <span className="adm-mono">{order.orderNo}</span> <Badge value={order.status} />
      </h1>
      <div className="adm-columns">
        <section className="adm-card">
          <h2>{t('payment')}</h2>
          <dl className="adm-dl">
            <dt>{t('shopper')}</dt>
            <dd>
              <Link href={`/admin/orders?user=${encodeURIComponent(order.username)}`}>{order.username}</Link>
            </dd>
            <dt>{t('total')}</dt>
            <dd>{formatFen(order.totalFee)}</dd>
            <dt>{t('environment')}</dt>
            <dd data-testid="payment-env">
              <Badge value={order.paymentEnv} />
            </dd>
            <dt>{t('created')}</dt>
            <dd>{formatTime(order.createdAt)}</dd>
            <dt>{t('expires')}</dt>
            <dd>{formatTime(order.expiresAt)}</dd>
            <dt>{t('paid')}</dt>
            <dd>{formatTime(order.paidAt)}</dd>
            <dt>{t('closed')}</dt>
            <dd>{formatTime(order.closedAt)}</dd>
            <dt>{t('transaction')}</dt>
            <dd className="adm-mono">{order.transactionId ?? '—'}</dd>
          </dl>
        </section>
        <section className="adm-card" data-testid="shipping">
          <h2>{t('shipping')}</h2>
          {order.shipping.name ? (
            <address className="adm-address">
              {order.shipping.name}
              <br />
              {order.shipping.phone}
              <br />
              {order.shipping.address}
            </address>
          ) : (
            <p className="adm-muted">{t('noShipping')}</p>
          )}
          <p>
            {t('fulfilment')} <Badge value={order.fulfilment} />
          </p>
          {next && (
            <ApiForm
              endpoint={`/api/admin/orders/${encodeURIComponent(order.orderNo)}/fulfilment`}
              submitLabel={next === 'shipped' ? t('markShipped') : t('markDelivered')}
              done={next === 'shipped' ? t('markedShipped') : t('markedDelivered')}
              testId="fulfilment-form"
            >
              <input type="hidden" name="fulfilment" value={next} />
            </ApiForm>
          )}
          {order.status !== 'paid' && <p className="adm-muted">{t('onlyPaid')}</p>}
        </section>
      </div>

      <h2 className="adm-subtitle">{t('items')}</h2>
      <div className="adm-table-wrap">
        <table className="adm-table">
          <thead>
            <tr>
              <th>{t('product')}</th>
              <th className="adm-num">{t('price')}</th>
              <th className="adm-num">{t('qty')}</th>
              <th className="adm-num">{t('lineTotal')}</th>
            </tr>
          </thead>
          <tbody>
            {order.items.map((item) => (
              <tr key={item.productId}>
                <td>
                  <Link href={`/admin/products/${item.productId}`}>{item.name}</Link>
                </td>
                <td className="adm-num">{formatFen(item.priceFen)}</td>
                <td className="adm-num">{item.quantity}</td>
                <td className="adm-num">{formatFen(item.priceFen * item.quantity)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 className="adm-subtitle">{t('timeline')}</h2>
      {order.timeline.length === 0 ? (
        <p className="adm-empty">{t('noTimeline')}</p>
      ) : (
        <ol className="adm-timeline" data-testid="timeline">
          {order.timeline.map((log) => (
            <li key={log.id} className={`adm-timeline__item adm-timeline__item--${log.verdict}`} data-testid="timeline-entry">
              <div className="adm-timeline__head">
                <time className="adm-nowrap">{formatTime(log.createdAt)}</time>
                <strong>{log.source}</strong>
                <span className="adm-mono">{log.tradeState}</span>
                <Badge value={log.verdict} />
                {log.totalFee !== null && <span>{formatFen(log.totalFee)}</span>}
                {log.transactionId && <span className="adm-mono adm-muted">{log.transactionId}</span>}
              </div>
              {log.detail && <p className="adm-timeline__detail">{log.detail}</p>}
              {(log.verdict === 'anomaly' || log.verdict === 'rejected') && (
                <p className="adm-timeline__detail">
                  {kinds(anomalyKind(log.verdict, log.detail))} ·{' '}
                  {log.resolution ? (
                    t('resolvedBy', { who: log.resolution.resolvedBy ?? '', when: formatTime(log.resolution.resolvedAt), note: log.resolution.note ?? '' })
                  ) : (
                    <Link href="/admin/anomalies">{t('openResolve')}</Link>
                  )}
                </p>
              )}
              {log.raw && (
                <details className="adm-raw">
                  <summary>{t('raw')}</summary>
                  <pre>{JSON.stringify(log.raw, null, 2)}</pre>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
