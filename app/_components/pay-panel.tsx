'use client';

// The pay page's live part: the countdown while pending, then the paid or expired view, driven by
// the pushed or polled status (lib/swr/use-order-status.ts) without reloading the page. Everything static
// (QR, instructions, order lines) comes from the server as slots (pay-parts.tsx), so the browser
// never loads the QR encoder. Its words come as props (`labels`, filled by lib/i18n/fill.ts): no
// i18n runtime on this page, whose JavaScript has a budget.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { cart, type CartLine } from '@/lib/cart/store';
import { formatDateTime } from '@/lib/i18n/format-date';
import { fill } from '@/lib/i18n/fill';
import { formatFen } from '@/lib/money';
import { FetchError } from '@/lib/swr/fetcher';
import { useOrderStatus, type OrderStatusJson } from '@/lib/swr/use-order-status';
import { formatCountdown } from './format';
import type { PayLabels } from './pay-labels';

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

export function PayPanel({ order, serverNow, slots, labels }: { order: PayOrder; serverNow: number; slots: PaySlots; labels: PayLabels }) {
  const t = labels.text;
  const statusText: Record<View, string> = { pending: t.statusPending, paid: t.statusPaid, expired: t.statusExpired };
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
          <p className="muted small">{t.order}</p>
          <h1 className="pay__order-no">{order.orderNo}</h1>
        </div>
        <span className={`badge badge--${view}`} data-testid="order-status" data-status={live.status} role="status">
          {statusText[view]}
        </span>
      </div>

      <div className="pay__layout">
        <section className="panel pay__main" aria-live="polite" ref={main}>
          {view === 'paid' && <PaidView paidAt={live.paidAt} totalFee={live.totalFee} labels={labels} />}
          {view === 'expired' && <ExpiredView lines={lines} closed={live.status === 'closed'} t={t} />}
          {view === 'pending' && <PendingView slots={slots} remainingMs={expiresAt - now} t={t} />}
          {error && view === 'pending' && (
            <p className="alert alert--warning small" role="alert">
              {error instanceof FetchError && error.status === 401 ? (
                <>
                  {t.signedOut} <Link href={`/sign-in?next=${encodeURIComponent(`/orders/${order.orderNo}`)}`}>{t.signInAgain}</Link>
                </>
              ) : (
                t.unreachable
              )}
            </p>
          )}
        </section>

        <aside className="panel pay__details" aria-labelledby="pay-details-title">
          <h2 className="panel__title" id="pay-details-title">
            {view === 'pending' ? t.payingFor : t.yourOrder}
          </h2>
          {slots.summary}
        </aside>
      </div>
    </div>
  );
}

type Text = PayLabels['text'];

function PendingView({ slots, remainingMs, t }: { slots: PaySlots; remainingMs: number; t: Text }) {
  if (!slots.scan) return <CodeNotReady t={t} />;
  return (
    <div className="pay-qr">
      {slots.scan}
      <p className="pay-qr__countdown">
        {t.payWithin}{' '}
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

function CodeNotReady({ t }: { t: Text }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), CODE_RETRY_MS);
    return () => clearInterval(timer);
  }, [router]);
  return (
    <div className="pay-state" data-testid="code-not-ready">
      <p>{t.notReady}</p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t.reload}
      </button>
    </div>
  );
}

function PaidView({ paidAt, totalFee, labels }: { paidAt: string | null; totalFee: number; labels: PayLabels }) {
  const t = labels.text;
  const amount = formatFen(totalFee);
  return (
    <div className="pay-state pay-state--paid" data-testid="paid-view">
      <div className="pay-state__icon pay-state__icon--ok" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="32" height="32" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round">
          <path d="M5 12.5l4.5 4.5L19 7.5" />
        </svg>
      </div>
      <h2>{t.paidTitle}</h2>
      <p data-testid="paid-amount">
        {paidAt ? fill(t.paidWithAt, { amount, date: formatDateTime(paidAt, labels.locale, labels.timeZone) }) : fill(t.paidWith, { amount })}
      </p>
      <p className="muted">{t.thanks}</p>
      <div className="button-row">
        <Link href="/orders" className="button button--primary">
          {t.myOrders}
        </Link>
        <Link href="/" className="button">
          {t.continue}
        </Link>
      </div>
    </div>
  );
}

function ExpiredView({ lines, closed, t }: { lines: CartLine[]; closed: boolean; t: Text }) {
  const router = useRouter();
  return (
    <div className="pay-state pay-state--expired" data-testid="expired-view">
      <div className="pay-state__icon" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="30" height="30" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <circle cx="12" cy="13" r="8" />
          <path d="M12 9v4l2.5 2.5M9.5 2.5h5" />
        </svg>
      </div>
      <h2>{closed ? t.closedTitle : t.expiredTitle}</h2>
      <p className="muted">
        {closed ? t.closedBody : t.expiredBody} {t.againHint}
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
          {t.orderAgain}
        </button>
        <Link href="/orders" className="button">
          {t.myOrders}
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
