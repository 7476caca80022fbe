// The pay page's view of an order: pushed by its event stream (use-order-events.ts) while that is
// open, otherwise GET /api/orders/{orderNo}/status polled every 3 s, until the order is final.
// Seeded with the server-rendered status, so the first paint needs no request.
import 'client-only';
import { useState } from 'react';
import useSWR from 'swr';
import { isFinalOrderStatus, type OrderStatus } from '@/lib/orders/order-status';
import { fetchJson } from './fetcher';
import { useOrderEvents } from './use-order-events';

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
  const base = `/api/orders/${encodeURIComponent(orderNo)}`;
  // While the event stream is open it carries every change, so the poll is off.
  const [streaming, setStreaming] = useState(false);
  const { data, error, mutate } = useSWR<OrderStatusJson>(`${base}/status`, fetchJson, {
    fallbackData,
    refreshInterval: streaming ? 0 : refreshInterval,
  });
  const order = data ?? fallbackData;
  // Either source's final state ends both: the poll by refreshInterval, the stream by `active`.
  useOrderEvents<OrderStatusJson>(`${base}/events`, !isFinalOrderStatus(order.status), (json) => void mutate(json, { revalidate: false }), setStreaming);
  return { order, error: error as Error | undefined };
}
