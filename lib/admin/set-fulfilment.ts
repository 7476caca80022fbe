// An operator moves a paid order forward: unfulfilled → shipped → delivered, or, for a Native mode 1
// order (collected in store, lib/orders/fulfilment.ts), unfulfilled → delivered ("handed over"). One
// conditional UPDATE guarded by the payment status and the previous step, so two operators clicking
// at once move it once, and an order's payment state is never touched here.
import 'server-only';
import { and, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import { getDb } from '@/db';
import { orders } from '@/db/schema';
import { AppError } from '@/lib/errors';
import type { FulfilmentStep } from '@/lib/orders/fulfilment';

/** Fulfilment is independent of refunds (spec "Order life cycle"): every order ever paid can ship. */
const EVER_PAID = ['paid', 'partially_refunded', 'refunded'] as const;

const FROM_PREVIOUS = {
  shipped: and(eq(orders.fulfilment, 'unfulfilled'), isNull(orders.openid)),
  delivered: or(and(eq(orders.fulfilment, 'shipped'), isNull(orders.openid)), and(eq(orders.fulfilment, 'unfulfilled'), isNotNull(orders.openid))),
};

export async function setFulfilment(orderNo: string, next: FulfilmentStep): Promise<{ orderNo: string; fulfilment: FulfilmentStep }> {
  const db = getDb();
  const [moved] = await db
    .update(orders)
    .set({ fulfilment: next })
    .where(and(eq(orders.orderNo, orderNo), inArray(orders.status, [...EVER_PAID]), FROM_PREVIOUS[next]))
    .returning({ orderNo: orders.orderNo });
  if (moved) return { orderNo, fulfilment: next };

  const [order] = await db
    .select({ status: orders.status, fulfilment: orders.fulfilment, openid: orders.openid })
    .from(orders)
    .where(eq(orders.orderNo, orderNo));
  if (!order) throw new AppError('not_found', `No order ${orderNo}`);
  if (!(EVER_PAID as readonly string[]).includes(order.status))
    throw new AppError('conflict', `Order ${orderNo} is ${order.status}; only paid orders are fulfilled`, { orderStatus: order.status });
  if (order.openid && next === 'shipped') throw new AppError('conflict', `Order ${orderNo} is collected in store; it is handed over, not shipped`);
  throw new AppError('conflict', `Order ${orderNo} is ${order.fulfilment}; it cannot be marked ${next}`, { fulfilment: order.fulfilment });
}
