import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db';
import { firstRow } from '@/db/first-row';
import { orderItems, orders } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { Fulfilment } from './fulfilment';
import type { OrderStatus } from './order-status';

export interface OrderLine {
  productId: number;
  name: string;
  priceFen: number;
  quantity: number;
}

export interface OrderView {
  orderNo: string;
  status: OrderStatus;
  fulfilment: Fulfilment;
  totalFee: number;
  /** Fen given back by successful refunds (partially_refunded / refunded). */
  refundedFen: number;
  description: string;
  codeUrl: string | null;
  createdAt: Date;
  expiresAt: Date;
  paidAt: Date | null;
  items: OrderLine[];
}

const orderFields = {
  id: orders.id,
  orderNo: orders.orderNo,
  status: orders.status,
  fulfilment: orders.fulfilment,
  totalFee: orders.totalFee,
  refundedFen: orders.refundedFen,
  description: orders.description,
  codeUrl: orders.codeUrl,
  createdAt: orders.createdAt,
  expiresAt: orders.expiresAt,
  paidAt: orders.paidAt,
};

/** The pay page's order: the stored code_url is reused, never requested again. */
export async function getMyOrder(orderNo: string, userId: number): Promise<OrderView> {
  const [order] = await getDb()
    .select(orderFields)
    .from(orders)
    .where(and(eq(orders.orderNo, orderNo), eq(orders.userId, userId)));
  if (!order) throw new AppError('not_found', 'Order not found');
  return firstRow(await attachItems([order as OrderRow]), 'the order with its items');
}

export async function listMyOrders(userId: number, limit = 50): Promise<OrderView[]> {
  const rows = await getDb().select(orderFields).from(orders).where(eq(orders.userId, userId)).orderBy(desc(orders.createdAt), desc(orders.id)).limit(limit);
  return attachItems(rows as OrderRow[]);
}

type OrderRow = Omit<OrderView, 'items'> & { id: number };

async function attachItems(rows: OrderRow[]): Promise<OrderView[]> {
  if (rows.length === 0) return [];
  const items = await getDb()
    .select({
      orderId: orderItems.orderId,
      productId: orderItems.productId,
      name: orderItems.name,
      priceFen: orderItems.priceFen,
      quantity: orderItems.quantity,
    })
    .from(orderItems)
    .where(
      inArray(
        orderItems.orderId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map(({ id, ...order }) => ({
    ...order,
    items: items.filter((i) => i.orderId === id).map(({ orderId: _, ...line }) => line),
  }));
}
