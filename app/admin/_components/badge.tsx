// A word in a coloured pill: order status, fulfilment, payment environment, pay-log verdict,
// anomaly and product state. The word is translated; the tone (and data-value) is the machine's.
import { getTranslations } from 'next-intl/server';
import type { Fulfilment } from '@/lib/orders/fulfilment';
import type { OrderStatus } from '@/lib/orders/order-status';
import type { PaymentEnv } from '@/lib/payments/payment-env';
import type { Verdict } from '@/lib/payments/pay-log-vocabulary';

type BadgeValue = OrderStatus | Fulfilment | PaymentEnv | Verdict | 'open' | 'resolved' | 'archived';

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
  resolved: 'good',
  archived: 'muted',
  // Sandbox money is not money: it stands out wherever an order is shown.
  sandbox: 'warn',
  live: 'good',
};

export async function Badge({ value }: { value: BadgeValue }) {
  const t = await getTranslations('admin.badge');
  return (
    <span className={`adm-badge adm-badge--${TONE[value]}`} data-value={value}>
      {t(value)}
    </span>
  );
}
