// One order for an operator: its lines, the shopper and shipping details, and the timeline of every
// pay log about it (notify / query / close), raw messages included, with any resolution.
import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { anomalyResolutions, orderItems, orders, payLogs, users } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { adminOrderColumns, adminOrderLineColumns } from './list-orders';

export async function getOrderDetail(orderNo: string) {
  const db = getDb();
  const [order] = await db
    .select({
      ...adminOrderColumns,
      description: orders.description,
      refundedFen: orders.refundedFen,
      prepayId: orders.prepayId,
      shipping: { name: orders.shippingName, phone: orders.shippingPhone, address: orders.shippingAddress },
    })
    .from(orders)
    .leftJoin(users, eq(users.id, orders.userId))
    .where(eq(orders.orderNo, orderNo));
  if (!order) throw new AppError('not_found', `No order ${orderNo}`);

  const [items, logs] = await Promise.all([
    db.select(adminOrderLineColumns).from(orderItems).where(eq(orderItems.orderId, order.id)).orderBy(asc(orderItems.id)),
    db
      .select({
        id: payLogs.id,
        source: payLogs.source,
        verdict: payLogs.verdict,
        tradeState: payLogs.tradeState,
        transactionId: payLogs.transactionId,
        totalFee: payLogs.totalFee,
        detail: payLogs.detail,
        raw: payLogs.raw,
        createdAt: payLogs.createdAt,
        resolvedBy: users.username,
        resolutionNote: anomalyResolutions.note,
        resolvedAt: anomalyResolutions.resolvedAt,
      })
      .from(payLogs)
      .leftJoin(anomalyResolutions, eq(anomalyResolutions.payLogId, payLogs.id))
      .leftJoin(users, eq(users.id, anomalyResolutions.resolvedBy))
      .where(eq(payLogs.orderNo, orderNo))
      .orderBy(asc(payLogs.id)),
  ]);

  const { id: _, ...rest } = order;
  return {
    ...rest,
    items,
    timeline: logs.map(({ raw, resolvedBy, resolutionNote, resolvedAt, ...log }) => ({
      ...log,
      raw: raw && redact(raw),
      resolution: resolvedAt ? { resolvedBy, note: resolutionNote, resolvedAt } : null,
    })),
  };
}

export type OrderDetail = Awaited<ReturnType<typeof getOrderDetail>>;

// Messages are stored without the key (WeChat never sends it, and the sign is a one-way digest).
// Belt and braces for whatever a forged message carried: a field named like a key, or a value
// equal to our key, is never shown. An openid (a Native mode 1 guest's only identity) is shown by
// its last 4 characters, as the buyer is.
function redact(raw: Record<string, string>): Record<string, string> {
  const key = getEnv().WXPAY_KEY;
  const shown = (name: string, value: string) => {
    if (/^(key|api_?key|partner_?key)$/i.test(name) || value === key) return '[redacted]';
    return name === 'openid' ? `···${value.slice(-4)}` : value;
  };
  return Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, shown(name, value)]));
}
