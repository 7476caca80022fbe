// The pay page's view of an order (GET /api/orders/{orderNo}/status), polled every 3 s until the
// order is final. Seeded with the server-rendered status, so the first paint needs no request.
import useSWR from 'swr';
import { fetchJson } from './fetcher';

export type OrderStatusValue = 'pending' | 'paid' | 'closed';

/** The route's JSON: dates arrive as ISO strings. */
export interface OrderStatusJson {
  orderNo: string;
  status: OrderStatusValue;
  totalFee: number;
  paidAt: string | null;
  expiresAt: string;
}

export const POLL_INTERVAL_MS = 3000;

export function isFinal(status: OrderStatusValue | undefined): boolean {
  return status === 'paid' || status === 'closed';
}

// Module-level on purpose: SWR restarts its polling timer whenever this function's identity
// changes, and the pay page re-renders every second for its countdown.
const refreshInterval = (latest: OrderStatusJson | undefined) => (isFinal(latest?.status) ? 0 : POLL_INTERVAL_MS);

export function useOrderStatus(orderNo: string, fallbackData: OrderStatusJson) {
  const { data, error } = useSWR<OrderStatusJson>(`/api/orders/${encodeURIComponent(orderNo)}/status`, fetchJson, {
    fallbackData,
    refreshInterval,
  });
  return { order: data ?? fallbackData, error: error as Error | undefined };
}
