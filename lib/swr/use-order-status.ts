// The pay page's view of an order (GET /api/orders/{orderNo}/status), polled every 3 s until the
// order is final. Seeded with the server-rendered status, so the first paint needs no request.
import 'client-only';
import useSWR from 'swr';
import { isFinalOrderStatus, type OrderStatus } from '@/lib/orders/order-status';
import { fetchJson } from './fetcher';

/** The route's JSON: dates arrive as ISO strings. */
export interface OrderStatusJson {
  orderNo: string;
  status: OrderStatus;
  totalFee: number;
  paidAt: string | null;
  expiresAt: string;
}

export const POLL_INTERVAL_MS = 3000;

// Module-level on purpose: SWR restarts its polling timer whenever this function's identity
// changes, and the pay page re-renders every second for its countdown.
const refreshInterval = (latest: OrderStatusJson | undefined) => (latest && isFinalOrderStatus(latest.status) ? 0 : POLL_INTERVAL_MS);

export function useOrderStatus(orderNo: string, fallbackData: OrderStatusJson) {
  const { data, error } = useSWR<OrderStatusJson>(`/api/orders/${encodeURIComponent(orderNo)}/status`, fetchJson, {
    fallbackData,
    refreshInterval,
  });
  return { order: data ?? fallbackData, error: error as Error | undefined };
}
