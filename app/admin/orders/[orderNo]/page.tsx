// /admin/orders/{orderNo} – one order: lines, shipping, fulfilment, and the timeline of every pay
// log about it with the raw message.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { anomalyKind } from '@/lib/admin/anomalies';
import { getOrderDetail } from '@/lib/admin/get-order-detail';
import { AppError } from '@/lib/errors';
import { CERTIFICATE_ADVICE, refundsConfigured } from '@/lib/refunds/refund-client';
import { refundsForOrder } from '@/lib/refunds/refunds-for-order';
import { REFUND_STATUSES, type RefundStatus } from '@/lib/refunds/refund-status';
import { formatFen } from '@/lib/money';
import { fulfilmentWord, nextFulfilment } from '@/lib/orders/fulfilment';
import { ApiForm } from '../../_components/api-form';
import { Badge } from '../../_components/badge';
import { Buyer } from '../../_components/buyer';
import { formatTime } from '../../_components/format';
import { requireAdminPage } from '../../_components/guard';
import { RefundForm } from './refund-form';

/** Refunds that WeChat could not finish: what the operator does next (admin.order.refunds.nextStep). */
const NEXT_STEP = ['abnormal', 'closed', 'failed'] as const satisfies readonly RefundStatus[];

function hasNextStep(status: RefundStatus): status is (typeof NEXT_STEP)[number] {
  return (NEXT_STEP as readonly RefundStatus[]).includes(status);
}

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
  const [t, kinds, rt, badge] = await Promise.all([
    getTranslations('admin.order'),
    getTranslations('admin.anomalies.kind'),
    getTranslations('admin.order.refunds'),
    getTranslations('admin.badge'),
  ]);
  const collectedInStore = order.guestOpenidTail !== null;
  const everPaid = order.status !== 'pending' && order.status !== 'closed';
  const { refunds, leftFen, restockable } = await refundsForOrder(order);
  const next = everPaid ? nextFulfilment(order.fulfilment, collectedInStore) : null;

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
              <Buyer username={order.username} guestOpenidTail={order.guestOpenidTail} />
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
          {collectedInStore ? (
            <p data-testid="collected-in-store">{t('collectedInStore')}</p>
          ) : order.shipping.name ? (
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
            {t('fulfilment')} <Badge value={fulfilmentWord(order.fulfilment, collectedInStore)} />
          </p>
          {next && (
            <ApiForm
              endpoint={`/api/admin/orders/${encodeURIComponent(order.orderNo)}/fulfilment`}
              submitLabel={next === 'shipped' ? t('markShipped') : collectedInStore ? t('markHandedOver') : t('markDelivered')}
              done={next === 'shipped' ? t('markedShipped') : collectedInStore ? t('markedHandedOver') : t('markedDelivered')}
              testId="fulfilment-form"
            >
              <input type="hidden" name="fulfilment" value={next} />
            </ApiForm>
          )}
          {!everPaid && <p className="adm-muted">{t('onlyPaid')}</p>}
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

      <h2 className="adm-subtitle">{rt('title')}</h2>
      <section className="adm-card" data-testid="refunds">
        <p>{rt('summary', { refunded: formatFen(order.refundedFen), total: formatFen(order.totalFee), left: formatFen(leftFen) })}</p>
        {refunds.length > 0 && (
          <ul className="adm-timeline" data-testid="refund-list">
            {refunds.map((r) => (
              <li key={r.outRefundNo} className="adm-timeline__item" data-testid="refund" data-status={r.status}>
                <div className="adm-timeline__head">
                  <span className="adm-mono">{r.outRefundNo}</span>
                  <strong>{formatFen(r.refundFen)}</strong>
                  <Badge value={r.status} />
                  {r.errCode && <span className="adm-mono">{r.errCode}</span>}
                  <time className="adm-nowrap">{formatTime(r.createdAt)}</time>
                  {r.succeededAt && <span>{rt('succeeded', { when: formatTime(r.succeededAt) })}</span>}
                  {r.transactionId !== order.transactionId && <span className="adm-muted">{rt('payment', { transactionId: r.transactionId })}</span>}
                </div>
                {r.reason && <p className="adm-timeline__detail">{r.reason}</p>}
                {hasNextStep(r.status) && <p className="adm-timeline__detail">{rt(`nextStep.${r.status}`)}</p>}
                {r.status === 'failed' && (
                  <ApiForm
                    endpoint={`/api/admin/refunds/${r.outRefundNo}/retry`}
                    submitLabel={rt('retry')}
                    done={rt('sentAgain')}
                    className="adm-form--inline"
                    testId="refund-retry"
                  />
                )}
                {(r.status === 'processing' || r.status === 'requested') && (
                  <ApiForm
                    endpoint={`/api/admin/refunds/${r.outRefundNo}/refresh`}
                    submitLabel={rt('refresh')}
                    done={rt('askedWechat')}
                    className="adm-form--inline"
                    testId="refund-refresh"
                  />
                )}
              </li>
            ))}
          </ul>
        )}
        {!refundsConfigured() ? (
          <p className="adm-muted" data-testid="refund-unavailable">
            {rt('unavailable', { advice: CERTIFICATE_ADVICE })}
          </p>
        ) : everPaid && leftFen > 0 ? (
          <RefundForm
            orderNo={order.orderNo}
            leftFen={leftFen}
            lines={order.items.map((item) => ({ productId: item.productId, name: item.name, restockable: Math.max(0, restockable.get(item.productId) ?? 0) }))}
            labels={{
              amountInvalid: rt('form.amountInvalid'),
              tooMuch: rt('form.tooMuch', { left: formatFen(leftFen) }),
              unreachable: rt('form.unreachable'),
              serverAnswered: rt('form.serverAnswered', { status: '{status}' }),
              done: rt('form.done', { outRefundNo: '{outRefundNo}', status: '{status}' }),
              confirm: rt('form.confirm', { amount: '{amount}' }),
              confirmRestock: rt('form.confirmRestock', { amount: '{amount}', count: '{count}' }),
              refunding: rt('form.refunding'),
              refundAmount: rt('form.refundAmount', { amount: '{amount}' }),
              back: rt('form.back'),
              amount: rt('form.amount'),
              reason: rt('form.reason'),
              reasonPlaceholder: rt('form.reasonPlaceholder'),
              backToStock: rt('form.backToStock', { name: '{name}' }),
              review: rt('form.review'),
              statuses: Object.fromEntries(REFUND_STATUSES.map((s) => [s, badge(s)])),
            }}
          />
        ) : null}
      </section>

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
