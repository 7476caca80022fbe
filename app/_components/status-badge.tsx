// The order's state as shoppers say it: payment first, then what happened to the parcel.
const LABELS: Record<string, string> = {
  pending: 'Awaiting payment',
  expired: 'Expired',
  paid: 'Paid',
  shipped: 'Shipped',
  delivered: 'Delivered',
  closed: 'Closed',
};

export function orderState(order: { status: string; fulfilment: string; expiresAt: Date }, now: number): string {
  if (order.status === 'paid') return order.fulfilment === 'shipped' || order.fulfilment === 'delivered' ? order.fulfilment : 'paid';
  if (order.status === 'pending' && order.expiresAt.getTime() <= now) return 'expired';
  return order.status;
}

export function StatusBadge({ state }: { state: string }) {
  return (
    <span className={`badge badge--${state}`} data-status={state}>
      {LABELS[state] ?? state}
    </span>
  );
}
