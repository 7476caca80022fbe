// A word in a coloured pill: order status, fulfilment, payment environment, pay-log verdict,
// refund, anomaly and product state.
import type { Fulfilment } from '@/lib/orders/fulfilment';
import type { OrderStatus } from '@/lib/orders/order-status';
import type { PaymentEnv } from '@/lib/payments/payment-env';
import type { Verdict } from '@/lib/payments/pay-log-vocabulary';
import type { RefundStatus } from '@/lib/refunds/refund-status';

type BadgeValue = OrderStatus | Fulfilment | PaymentEnv | Verdict | RefundStatus | 'open' | 'resolved' | 'archived';

const TONE: Record<BadgeValue, string> = {
  paid: 'good',
  applied: 'good',
  delivered: 'good',
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
};

export function Badge({ value }: { value: BadgeValue }) {
  return <span className={`adm-badge adm-badge--${TONE[value]}`}>{value}</span>;
}
