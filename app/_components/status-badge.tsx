// The order's state as shoppers say it: payment first, then what happened to the parcel.
import type { Fulfilment } from '@/lib/orders/fulfilment';
import type { OrderStatus } from '@/lib/orders/order-status';

export type ShopperOrderState = OrderStatus | 'expired' | Exclude<Fulfilment, 'unfulfilled'>;

const LABELS: Record<ShopperOrderState, string> = {
  pending: 'Awaiting payment',
  expired: 'Expired',
  paid: 'Paid',
  shipped: 'Shipped',
  delivered: 'Delivered',
  closed: 'Closed',
  partially_refunded: 'Partially refunded',
  refunded: 'Refunded',
};

export function orderState(order: { status: OrderStatus; fulfilment: Fulfilment; expiresAt: Date }, now: number): ShopperOrderState {
  if (order.status === 'paid') return order.fulfilment === 'shipped' || order.fulfilment === 'delivered' ? order.fulfilment : 'paid';
  if (order.status === 'pending' && order.expiresAt.getTime() <= now) return 'expired';
  return order.status;
}

export function StatusBadge({ state }: { state: ShopperOrderState }) {
  return (
    <span className={`badge badge--${state}`} data-status={state}>
      {LABELS[state]}
    </span>
  );
}
