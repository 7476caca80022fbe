// The money invariants every fault test ends with, read through the app's own API (PGlite allows
// one process only): stock is conserved (counting units that refunds put back), each order ever
// paid has exactly one applied payment pay log, and what an order says it refunded is the sum of
// its successful refunds, never more than it was paid.
import { expect } from 'vitest';
import { seedCatalog } from '@/db/seed-catalog';
import type { OrderStatus } from '@/lib/orders/order-status';
import { type ApiClient, type ApiResponse, catalog } from './api';

interface AdminOrder {
  orderNo: string;
  status: OrderStatus;
  totalFee: number;
  refundedFen: number;
  transactionId: string | null;
  items: { productId: number; quantity: number }[];
}

interface AdminRefund {
  orderNo: string;
  transactionId: string;
  refundFen: number;
  status: string;
  restockItems: { productId: number; quantity: number }[];
}

const EVER_PAID: readonly OrderStatus[] = ['paid', 'partially_refunded', 'refunded'];

async function all<T>(client: ApiClient, path: string): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res: ApiResponse = await client.get(`${path}${sep}limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
    rows.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return rows;
}

export async function expectMoneyInvariants(operator: ApiClient): Promise<{ orders: AdminOrder[] }> {
  const [products, orders, applied, refunds] = await Promise.all([
    catalog(operator.baseUrl),
    all<AdminOrder>(operator, '/api/admin/orders'),
    all<{ orderNo: string; source: string }>(operator, '/api/admin/pay-logs?verdict=applied'),
    all<AdminRefund>(operator, '/api/admin/refunds?status=success'),
  ]);

  // Seed stock = current stock + everything reserved by pending and paid orders − what successful refunds restocked.
  const reserved = new Map<number, number>();
  for (const order of orders.filter((o) => o.status !== 'closed')) {
    for (const line of order.items) reserved.set(line.productId, (reserved.get(line.productId) ?? 0) + line.quantity);
  }
  for (const refund of refunds) {
    for (const line of refund.restockItems) reserved.set(line.productId, (reserved.get(line.productId) ?? 0) - line.quantity);
  }
  for (const product of products) {
    const seed = seedCatalog.find((s) => s.slug === product.slug);
    if (!seed) continue;
    expect(product.stock + (reserved.get(product.id) ?? 0), `stock of ${product.slug}`).toBe(seed.stock);
  }

  // Exactly one applied payment row per order ever paid, none for any other order.
  const appliedCount = new Map<string, number>();
  for (const log of applied.filter((l) => l.source === 'notify' || l.source === 'query')) {
    appliedCount.set(log.orderNo, (appliedCount.get(log.orderNo) ?? 0) + 1);
  }
  for (const order of orders) {
    expect(appliedCount.get(order.orderNo) ?? 0, `applied pay logs of ${order.orderNo} (${order.status})`).toBe(EVER_PAID.includes(order.status) ? 1 : 0);
  }

  // refunded_fen = the successful refunds of the order's own payment (an anomaly's are not the order's), ≤ total_fee.
  const refunded = new Map<string, number>();
  for (const refund of refunds) {
    const order = orders.find((o) => o.orderNo === refund.orderNo);
    if (order && refund.transactionId === order.transactionId) refunded.set(order.orderNo, (refunded.get(order.orderNo) ?? 0) + refund.refundFen);
  }
  for (const order of orders) {
    expect(order.refundedFen, `refunded_fen of ${order.orderNo}`).toBe(refunded.get(order.orderNo) ?? 0);
    expect(order.refundedFen).toBeLessThanOrEqual(order.totalFee);
    const expected = order.refundedFen === 0 ? order.status : order.refundedFen === order.totalFee ? 'refunded' : 'partially_refunded';
    if (EVER_PAID.includes(order.status)) expect(order.status, `status of ${order.orderNo}`).toBe(expected);
  }
  return { orders };
}
