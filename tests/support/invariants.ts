// The money invariants every fault test ends with, read through the app's own API (PGlite allows
// one process only): stock is conserved, and each paid order has exactly one applied pay log.
import { expect } from 'vitest';
import { seedCatalog } from '@/db/seed-catalog';
import type { OrderStatus } from '@/lib/orders/order-status';
import { type ApiClient, type ApiResponse, catalog } from './api';

interface AdminOrder {
  orderNo: string;
  status: OrderStatus;
  items: { productId: number; quantity: number }[];
}

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
  const [products, orders, applied] = await Promise.all([
    catalog(operator.baseUrl),
    all<AdminOrder>(operator, '/api/admin/orders'),
    all<{ orderNo: string }>(operator, '/api/admin/pay-logs?verdict=applied'),
  ]);

  // Seed stock = current stock + everything reserved by pending and paid orders.
  const reserved = new Map<number, number>();
  for (const order of orders.filter((o) => o.status !== 'closed')) {
    for (const line of order.items) reserved.set(line.productId, (reserved.get(line.productId) ?? 0) + line.quantity);
  }
  for (const product of products) {
    const seed = seedCatalog.find((s) => s.slug === product.slug);
    if (!seed) continue;
    expect(product.stock + (reserved.get(product.id) ?? 0), `stock of ${product.slug}`).toBe(seed.stock);
  }

  // Exactly one applied row per paid order, none for any other order.
  const appliedCount = new Map<string, number>();
  for (const log of applied) appliedCount.set(log.orderNo, (appliedCount.get(log.orderNo) ?? 0) + 1);
  for (const order of orders) {
    expect(appliedCount.get(order.orderNo) ?? 0, `applied pay logs of ${order.orderNo} (${order.status})`).toBe(order.status === 'paid' ? 1 : 0);
  }
  return { orders };
}
