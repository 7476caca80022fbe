// A word in a coloured pill: order status, fulfilment, payment environment, pay-log verdict,
// refund, anomaly and product state, a reconciled day's status and a discrepancy's kind. The word is
// translated; the tone (and data-value) is the machine's.
import { getTranslations } from 'next-intl/server';
import type { Fulfilment } from '@/lib/orders/fulfilment';
import type { OrderStatus } from '@/lib/orders/order-status';
import type { PaymentEnv } from '@/lib/payments/payment-env';
import type { Verdict } from '@/lib/payments/pay-log-vocabulary';
import type { BillDayStatus, DiscrepancyKind } from '@/lib/reconcile/bill-vocabulary';
import type { RefundStatus } from '@/lib/refunds/refund-status';

type BadgeValue =
  OrderStatus | Fulfilment | PaymentEnv | Verdict | RefundStatus | BillDayStatus | DiscrepancyKind | 'handed_over' | 'open' | 'resolved' | 'archived';

const TONE: Record<BadgeValue, string> = {
  paid: 'good',
  applied: 'good',
  delivered: 'good',
  // A Native mode 1 order's delivered: collected in store.
  handed_over: 'good',
  pending: 'warn',
  shipped: 'info',
  partially_refunded: 'info',
  accepted: 'info',
  duplicate: 'muted',
  closed: 'muted',
  refunded: 'muted',
  unfulfilled: 'muted',
  unverified: 'muted',
  anomaly: 'bad',
  rejected: 'bad',
  refused: 'bad',
  open: 'bad',
  requested: 'warn',
  processing: 'info',
  success: 'good',
  abnormal: 'bad',
  failed: 'bad',
  resolved: 'good',
  archived: 'muted',
  // Sandbox money is not money: it stands out wherever an order is shown.
  sandbox: 'warn',
  live: 'good',
  matched: 'good',
  discrepancies: 'bad',
  // failed (a refund WeChat refused, a day whose bill could not be fetched): above, bad.
  no_bill: 'muted',
  missing_here: 'bad',
  missing_at_wechat: 'bad',
  amount_mismatch: 'bad',
  status_mismatch: 'warn',
};

export async function Badge({ value }: { value: BadgeValue }) {
  const t = await getTranslations('admin.badge');
  return (
    <span className={`adm-badge adm-badge--${TONE[value]}`} data-value={value}>
      {t(value)}
    </span>
  );
}
