// The pay page's parts that never change while it is open, rendered on the server and handed to
// PayPanel as slots, so the browser downloads only the live part.
import { QRCodeSVG } from 'qrcode.react';
import { formatFen } from '@/lib/money';
import type { OrderView } from '@/lib/orders/my-orders';
import { formatDateTime, payToken } from './format';

/** Above the countdown: the amount and the QR (code_url is stored, so it is drawn here as SVG). */
export function PayScan({ codeUrl, totalFee }: { codeUrl: string; totalFee: number }) {
  return (
    <>
      <p className="pay-qr__brand">
        <span className="wechat-dot" aria-hidden="true" /> WeChat Pay 微信支付
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
          aria-label={`WeChat Pay QR code for ${formatFen(totalFee)}`}
          data-testid="pay-qr"
        />
      </div>
      <p className="pay-qr__instruction">Scan with WeChat to pay</p>
      <p className="muted small">Open WeChat, tap + → Scan (扫一扫), and point it at the code.</p>
    </>
  );
}

/** Below the countdown: what happens next, and in sandbox mode the link that plays the phone. */
export function PayScanHelp({ codeUrl, sandbox }: { codeUrl: string; sandbox: boolean }) {
  const token = payToken(codeUrl);
  return (
    <>
      <p className="pay-qr__waiting muted small">
        <span className="spinner" aria-hidden="true" /> This page updates by itself once you have paid.
      </p>
      <p className="pay-qr__phone muted small">On this phone? Take a screenshot, then in WeChat choose Scan → Album (相册) and pick it.</p>
      {sandbox && token && (
        <a
          className="button button--wechat button--block"
          href={`/sandbox/scan?pr=${encodeURIComponent(token)}`}
          target="_blank"
          rel="noopener"
          data-testid="sandbox-link"
        >
          Open the WeChat sandbox
        </a>
      )}
      {sandbox && <p className="muted small">Sandbox mode: the link above plays the WeChat app, so no phone is needed.</p>}
    </>
  );
}

/** The order's lines and total, under the panel's title. */
export function PaySummary({ order }: { order: OrderView }) {
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
        <span>Total</span>
        <strong>{formatFen(order.totalFee)}</strong>
      </div>
      <p className="muted small">Placed {formatDateTime(order.createdAt)}</p>
    </>
  );
}
