import { notFound } from 'next/navigation';
import { cache } from 'react';
import { AppError } from '@/lib/errors';
import { getMyOrder, type OrderView } from '@/lib/orders/my-orders';
import { requireShopper } from '@/app/_components/require-shopper';

/**
 * The signed-in shopper's order, read once per request (layout and page share it). Signed out →
 * sign in; someone else's or a missing order → 404, indistinguishable, as in the status route.
 */
export const loadOrder = cache(async (orderNo: string): Promise<OrderView> => {
  const user = await requireShopper(`/orders/${orderNo}`);
  if (orderNo.length > 32) notFound();
  try {
    return await getMyOrder(orderNo, user.id);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  }
});
