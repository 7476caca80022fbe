'use client';

// The pay page's live part: the countdown while pending, then the paid or expired view, driven by
// the pushed or polled status (lib/swr/use-order-status.ts) without reloading the page. Everything static
// (QR, instructions, order lines) comes from the server as slots (pay-parts.tsx), so the browser
// never loads the QR encoder.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { cart, type CartLine } from '@/lib/cart/store';
import { formatFen } from '@/lib/money';
import { FetchError } from '@/lib/swr/fetcher';
import { useOrderStatus, type OrderStatusJson } from '@/lib/swr/use-order-status';
import { formatCountdown, formatDateTime } from './format';

export interface PayOrder extends OrderStatusJson {
  /** What "Order again" puts back in the cart. */
  lines: CartLine[];
}

export interface PaySlots {
  /** Above the countdown (amount, QR); null while the order has no code_url yet. */
  scan: ReactNode;
  /** Below the countdown. */
  scanHelp: ReactNode;
  /** The order's lines and total. */
  summary: ReactNode;
}

type View = 'pending' | 'paid' | 'expired';

const STATUS_TEXT: Record<View, string> = {
  pending: 'Waiting for payment',
  paid: 'Paid',
  expired: 'Expired',
};

export function PayPanel({ order, serverNow, slots }: { order: PayOrder; serverNow: number; slots: PaySlots }) {
  const { lines, ...initial } = order;
  const { order: live, error } = useOrderStatus(order.orderNo, initial);
  const expiresAt = new Date(live.expiresAt).getTime();
  const now = useNow(serverNow, live.status === 'pending');
  // A refunded order was paid: the payment view, never the QR again.
  const paid = live.status === 'paid' || live.status === 'partially_refunded' || live.status === 'refunded';
  const view: View = paid ? 'paid' : live.status === 'closed' || now >= expiresAt ? 'expired' : 'pending';
  const main = useRef<HTMLElement>(null);
  const shownView = useRef(view);
  useEffect(() => {
    // The QR view is tall: when it gives way to the short paid/expired view, a phone scrolled down
    // to the sandbox button would otherwise be left looking at the footer.
    if (shownView.current !== view) main.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    shownView.current = view;
  }, [view]);

  return (
    <div className="pay">
      <div className="pay__header">
        <div>
          <p className="muted small">Order</p>
          <h1 className="pay__order-no">{order.orderNo}</h1>
        </div>
        <span className={`badge badge--${view}`} data-testid="order-status" data-status={live.status} role="status">
          {STATUS_TEXT[view]}
        </span>
      </div>

      <div className="pay__layout">
        <section className="panel pay__main" aria-live="polite" ref={main}>
          {view === 'paid' && <PaidView paidAt={live.paidAt} totalFee={live.totalFee} />}
          {view === 'expired' && <ExpiredView lines={lines} closed={live.status === 'closed'} />}
          {view === 'pending' && <PendingView slots={slots} remainingMs={expiresAt - now} />}
          {error && view === 'pending' && (
            <p className="alert alert--warning small" role="alert">
              {error instanceof FetchError && error.status === 401 ? (
                <>
                  You were signed out, so this page cannot see the payment.{' '}
                  <Link href={`/sign-in?next=${encodeURIComponent(`/orders/${order.orderNo}`)}`}>Sign in again</Link>
                </>
              ) : (
                'Cannot reach the shop right now; still trying…'
              )}
            </p>
          )}
        </section>

        <aside className="panel pay__details" aria-labelledby="pay-details-title">
          <h2 className="panel__title" id="pay-details-title">
            {view === 'pending' ? 'You are paying for' : 'Your order'}
          </h2>
          {slots.summary}
        </aside>
      </div>
    </div>
  );
}

function PendingView({ slots, remainingMs }: { slots: PaySlots; remainingMs: number }) {
  if (!slots.scan) return <CodeNotReady />;
  return (
    <div className="pay-qr">
      {slots.scan}
      <p className="pay-qr__countdown">
        Pay within{' '}
        <strong data-testid="countdown" suppressHydrationWarning>
          {formatCountdown(remainingMs)}
        </strong>
      </p>
      {slots.scanHelp}
    </div>
  );
}

/** How often a page without its QR asks the server again (each render re-asks WeChat once). */
const CODE_RETRY_MS = 3000;

function CodeNotReady() {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), CODE_RETRY_MS);
    return () => clearInterval(timer);
  }, [router]);
  return (
    <div className="pay-state" data-testid="code-not-ready">
      <p>The payment code is not ready yet; this page keeps trying.</p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}

function PaidView({ paidAt, totalFee }: { paidAt: string | null; totalFee: number }) {
  return (
    <div className="pay-state pay-state--paid" data-testid="paid-view">
      <div className="pay-state__icon pay-state__icon--ok" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="32" height="32" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round">
          <path d="M5 12.5l4.5 4.5L19 7.5" />
        </svg>
      </div>
      <h2>Payment received</h2>
      <p>
        <strong>{formatFen(totalFee)}</strong> paid with WeChat Pay{paidAt && <> on {formatDateTime(paidAt)}</>}.
      </p>
      <p className="muted">Thank you! We will pack your order and let you know when it ships.</p>
      <div className="button-row">
        <Link href="/orders" className="button button--primary">
          My orders
        </Link>
        <Link href="/" className="button">
          Continue shopping
        </Link>
      </div>
    </div>
  );
}

function ExpiredView({ lines, closed }: { lines: CartLine[]; closed: boolean }) {
  const router = useRouter();
  return (
    <div className="pay-state pay-state--expired" data-testid="expired-view">
      <div className="pay-state__icon" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="30" height="30" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <circle cx="12" cy="13" r="8" />
          <path d="M12 9v4l2.5 2.5M9.5 2.5h5" />
        </svg>
      </div>
      <h2>{closed ? 'This order was closed' : 'This payment code has expired'}</h2>
      <p className="muted">
        {closed
          ? 'Nothing was charged, and the items went back on the shelf.'
          : 'If you paid just now, this page will still update; otherwise nothing was charged.'}{' '}
        You can put the same items back in your cart and check out again.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          data-testid="order-again"
          onClick={() => {
            cart.restore(lines);
            router.push('/cart');
          }}
        >
          Order again
        </button>
        <Link href="/orders" className="button">
          My orders
        </Link>
      </div>
    </div>
  );
}

/** The current time, ticking each second while `active`; the server's time on the first render. */
function useNow(serverNow: number, active: boolean): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    if (!active) return;
    // The clock is the external system synced here: catch up at once instead of showing the server's time for a second.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- see above
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}
