// GET /orders/{orderNo} – the pay page: the stored WeChat QR (never requested again), then
// "paid" or "expired" as the status changes.
import type { Metadata } from 'next';
import { getEnv } from '@/lib/env';
import type { OrderView } from '@/lib/orders/my-orders';
import { PayPanel, type PayOrder } from '@/app/_components/pay-panel';
import { loadOrder } from './load-order';

interface Props {
  params: Promise<{ orderNo: string }>;
}

export const metadata: Metadata = { title: 'Pay with WeChat' };

export default async function PayPage({ params }: Props) {
  const order = await loadOrder((await params).orderNo);
  return <PayPanel order={toPayOrder(order)} sandbox={getEnv().WXPAY_MODE === 'sandbox'} serverNow={Date.now()} />;
}

// Only what the page shows crosses to the client, with dates as ISO strings.
function toPayOrder(order: OrderView): PayOrder {
  return {
    orderNo: order.orderNo,
    status: order.status,
    fulfilment: order.fulfilment,
    totalFee: order.totalFee,
    codeUrl: order.codeUrl,
    createdAt: order.createdAt.toISOString(),
    expiresAt: order.expiresAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
    items: order.items.map(({ productId, name, priceFen, quantity }) => ({ productId, name, priceFen, quantity })),
  };
}
