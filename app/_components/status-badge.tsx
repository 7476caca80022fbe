// The order's state as shoppers say it: payment first, then what happened to the parcel.
import { getTranslations } from 'next-intl/server';
import type { Fulfilment } from '@/lib/orders/fulfilment';
import type { OrderStatus } from '@/lib/orders/order-status';

export type ShopperOrderState = OrderStatus | 'expired' | Exclude<Fulfilment, 'unfulfilled'>;

export function orderState(order: { status: OrderStatus; fulfilment: Fulfilment; expiresAt: Date }, now: number): ShopperOrderState {
  if (order.status === 'paid') return order.fulfilment === 'shipped' || order.fulfilment === 'delivered' ? order.fulfilment : 'paid';
  if (order.status === 'pending' && order.expiresAt.getTime() <= now) return 'expired';
  return order.status;
}

export async function StatusBadge({ state }: { state: ShopperOrderState }) {
  const t = await getTranslations('orders.status');
  return (
    <span className={`badge badge--${state}`} data-status={state}>
      {t(state)}
    </span>
  );
}
