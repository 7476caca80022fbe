// The pay page's parts that never change while it is open, rendered on the server and handed to
// PayPanel as slots, so the browser downloads only the live part.
import { getTranslations } from 'next-intl/server';
import { QRCodeSVG } from 'qrcode.react';
import { formatFen } from '@/lib/money';
import type { OrderView } from '@/lib/orders/my-orders';
import { dateFormatter } from './date-format';
import { payToken } from './format';

/** Above the countdown: the amount and the QR (code_url is stored, so it is drawn here as SVG). */
export async function PayScan({ codeUrl, totalFee }: { codeUrl: string; totalFee: number }) {
  const t = await getTranslations('pay');
  return (
    <>
      <p className="pay-qr__brand">
        <span className="wechat-dot" aria-hidden="true" /> {t('brand')}
      </p>
      <p className="pay-qr__amount" data-testid="pay-amount">
        {formatFen(totalFee)}
      </p>
      <div className="pay-qr__code">
        <QRCodeSVG
          value={codeUrl}
          size={220}
          level="M"
          marginSize={2}
          role="img"
          aria-label={t('qrLabel', { amount: formatFen(totalFee) })}
          data-testid="pay-qr"
        />
      </div>
      <p className="pay-qr__instruction">{t('scan')}</p>
      <p className="muted small">{t('scanHow')}</p>
    </>
  );
}

/** Below the countdown: what happens next, and in sandbox mode the link that plays the phone. */
export async function PayScanHelp({ codeUrl, sandbox }: { codeUrl: string; sandbox: boolean }) {
  const t = await getTranslations('pay');
  const token = payToken(codeUrl);
  return (
    <>
      <p className="pay-qr__waiting muted small">
        <span className="spinner" aria-hidden="true" /> {t('waiting')}
      </p>
      <p className="pay-qr__phone muted small">{t('phone')}</p>
      {sandbox && token && (
        <a
          className="button button--wechat button--block"
          href={`/sandbox/scan?pr=${encodeURIComponent(token)}`}
          target="_blank"
          rel="noopener"
          data-testid="sandbox-link"
        >
          {t('sandboxLink')}
        </a>
      )}
      {sandbox && <p className="muted small">{t('sandboxNote')}</p>}
    </>
  );
}

/** The order's lines and total, under the panel's title. */
export async function PaySummary({ order }: { order: OrderView }) {
  const [t, formatDateTime] = await Promise.all([getTranslations('pay'), dateFormatter()]);
  return (
    <>
      <ul className="summary-lines" data-testid="pay-items">
        {order.items.map((item) => (
          <li key={item.productId} className="summary-line">
            <span className="summary-line__name">
              {item.name} <span className="muted">× {item.quantity}</span>
            </span>
            <span>{formatFen(item.priceFen * item.quantity)}</span>
          </li>
        ))}
      </ul>
      <div className="summary-row summary-row--total">
        <span>{t('total')}</span>
        <strong>{formatFen(order.totalFee)}</strong>
      </div>
      <p className="muted small">{t('placed', { date: formatDateTime(order.createdAt) })}</p>
    </>
  );
}
