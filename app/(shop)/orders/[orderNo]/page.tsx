// GET /orders/{orderNo} – the pay page: the stored WeChat QR (never requested again), then
// "paid" or "expired" as the status changes.
import type { Metadata } from 'next';
import { getEnv } from '@/lib/env';
import type { OrderView } from '@/lib/orders/my-orders';
import { PayPanel, type PayOrder } from '@/app/_components/pay-panel';
import { PayScan, PayScanHelp, PaySummary } from '@/app/_components/pay-parts';
import { loadOrder } from './load-order';

interface Props {
  params: Promise<{ orderNo: string }>;
}

export const metadata: Metadata = { title: 'Pay with WeChat' };

export default async function PayPage({ params }: Props) {
  const order = await loadOrder((await params).orderNo);
  const { codeUrl } = order;
  const slots = {
    scan: codeUrl && <PayScan codeUrl={codeUrl} totalFee={order.totalFee} />,
    scanHelp: codeUrl && <PayScanHelp codeUrl={codeUrl} sandbox={getEnv().WXPAY_MODE === 'sandbox'} />,
    summary: <PaySummary order={order} />,
  };
  // eslint-disable-next-line react-hooks/purity -- a Server Component renders once per request: this is the request's time
  return <PayPanel order={toPayOrder(order)} serverNow={Date.now()} slots={slots} />;
}

// Only what the live part needs crosses to the client, with dates as ISO strings.
function toPayOrder(order: OrderView): PayOrder {
  return {
    orderNo: order.orderNo,
    status: order.status,
    totalFee: order.totalFee,
    expiresAt: order.expiresAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
    lines: order.items.map(({ productId, quantity }) => ({ productId, quantity })),
  };
}
