// /admin/orders/{orderNo} – one order: lines, shipping, fulfilment, and the timeline of every pay
// log about it with the raw message.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { anomalyKind, ANOMALY_KIND_LABEL } from '@/lib/admin/anomalies';
import { getOrderDetail } from '@/lib/admin/get-order-detail';
import { AppError } from '@/lib/errors';
import { formatFen } from '@/lib/money';
import { fulfilmentLabel, nextFulfilment } from '@/lib/orders/fulfilment';
import { ApiForm } from '../../_components/api-form';
import { Badge } from '../../_components/badge';
import { Buyer } from '../../_components/buyer';
import { formatTime } from '../../_components/format';
import { requireAdminPage } from '../../_components/guard';

interface Props {
  params: Promise<{ orderNo: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Order ${(await params).orderNo}` };
}

export default async function OrderPage({ params }: Props) {
  await requireAdminPage();
  const orderNo = (await params).orderNo;
  const order = await getOrderDetail(orderNo).catch((err) => {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  });
  const collectedInStore = order.guestOpenidTail !== null;
  const next = order.status === 'paid' ? nextFulfilment(order.fulfilment, collectedInStore) : null;
  const nextLabel = next && fulfilmentLabel(next, collectedInStore);

  return (
    <>
      <p className="adm-back">
        <Link href="/admin/orders">« Orders</Link>
      </p>
      <h1 className="adm-title">
        Order <span className="adm-mono">{order.orderNo}</span> <Badge value={order.status} />
      </h1>
      <div className="adm-columns">
        <section className="adm-card">
          <h2>Payment</h2>
          <dl className="adm-dl">
            <dt>Shopper</dt>
            <dd>
              <Buyer username={order.username} guestOpenidTail={order.guestOpenidTail} />
            </dd>
            <dt>Total</dt>
            <dd>{formatFen(order.totalFee)}</dd>
            <dt>Environment</dt>
            <dd data-testid="payment-env">
              <Badge value={order.paymentEnv} />
            </dd>
            <dt>Created</dt>
            <dd>{formatTime(order.createdAt)}</dd>
            <dt>Expires</dt>
            <dd>{formatTime(order.expiresAt)}</dd>
            <dt>Paid</dt>
            <dd>{formatTime(order.paidAt)}</dd>
            <dt>Closed</dt>
            <dd>{formatTime(order.closedAt)}</dd>
            <dt>Transaction</dt>
            <dd className="adm-mono">{order.transactionId ?? '—'}</dd>
          </dl>
        </section>
        <section className="adm-card" data-testid="shipping">
          <h2>Shipping</h2>
          {collectedInStore ? (
            <p data-testid="collected-in-store">Collected in store: bought from a product QR (Native mode 1), no shipping.</p>
          ) : order.shipping.name ? (
            <address className="adm-address">
              {order.shipping.name}
              <br />
              {order.shipping.phone}
              <br />
              {order.shipping.address}
            </address>
          ) : (
            <p className="adm-muted">No shipping details were given (an order placed by a script).</p>
          )}
          <p>
            Fulfilment: <Badge value={order.fulfilment} label={fulfilmentLabel(order.fulfilment, collectedInStore)} />
          </p>
          {next && (
            <ApiForm
              endpoint={`/api/admin/orders/${encodeURIComponent(order.orderNo)}/fulfilment`}
              submitLabel={`Mark ${nextLabel}`}
              done={`Marked ${nextLabel}`}
              testId="fulfilment-form"
            >
              <input type="hidden" name="fulfilment" value={next} />
            </ApiForm>
          )}
          {order.status !== 'paid' && <p className="adm-muted">Only paid orders are shipped.</p>}
        </section>
      </div>

      <h2 className="adm-subtitle">Items</h2>
      <div className="adm-table-wrap">
        <table className="adm-table">
          <thead>
            <tr>
              <th>Product</th>
              <th className="adm-num">Price</th>
              <th className="adm-num">Qty</th>
              <th className="adm-num">Line total</th>
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

      <h2 className="adm-subtitle">Payment timeline</h2>
      {order.timeline.length === 0 ? (
        <p className="adm-empty">No payment message about this order yet.</p>
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
                  {ANOMALY_KIND_LABEL[anomalyKind(log.verdict, log.detail)]} ·{' '}
                  {log.resolution ? (
                    <>
                      resolved by {log.resolution.resolvedBy} at {formatTime(log.resolution.resolvedAt)}: {log.resolution.note}
                    </>
                  ) : (
                    <Link href="/admin/anomalies">open — resolve in Anomalies</Link>
                  )}
                </p>
              )}
              {log.raw && (
                <details className="adm-raw">
                  <summary>Raw message</summary>
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
