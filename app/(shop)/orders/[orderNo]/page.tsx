// GET /orders/{orderNo} – the pay page: the stored WeChat QR, then "paid" or "expired" as the
// status changes. An order whose QR was not ready at checkout gets it here, by a re-entry with the
// same parameters (lib/orders/ensure-code-url.ts); the page refreshes itself until it has one.
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { getEnv } from '@/lib/env';
import { ensureCodeUrl } from '@/lib/orders/ensure-code-url';
import type { OrderView } from '@/lib/orders/my-orders';
import { PayPanel, type PayOrder } from '@/app/_components/pay-panel';
import { payLabels } from '@/app/_components/pay-labels';
import { PayScan, PayScanHelp, PaySummary } from '@/app/_components/pay-parts';
import { clientIp } from '@/app/_server/client-ip';
import { loadOrder } from './load-order';

interface Props {
  params: Promise<{ orderNo: string }>;
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('pay'))('metaTitle') };
}

export default async function PayPage({ params }: Props) {
  const order = await ensureCodeUrl(await loadOrder((await params).orderNo), clientIp({ headers: await headers() }));
  const { codeUrl } = order;
  const [locale, messages] = await Promise.all([getLocale(), getMessages()]);
  const slots = {
    scan: codeUrl && <PayScan codeUrl={codeUrl} totalFee={order.totalFee} />,
    scanHelp: codeUrl && <PayScanHelp codeUrl={codeUrl} sandbox={getEnv().WXPAY_MODE === 'sandbox'} />,
    summary: <PaySummary order={order} />,
  };
  // eslint-disable-next-line react-hooks/purity -- a Server Component renders once per request: this is the request's time
  return <PayPanel order={toPayOrder(order)} serverNow={Date.now()} slots={slots} labels={payLabels(messages.pay, locale, getEnv().REPORT_TZ)} />;
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
