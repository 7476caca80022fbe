// The sandbox's order record (sandbox_orders): look-ups and the states a v2 reply can describe.
import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getSandboxDb, type Db } from '@/db';
import { sandboxOrders, type SandboxOrder } from '@/db/schema';
import type { TradeState } from '@/lib/wechatpay';

/** A transaction handle, so that helpers can run inside or outside one. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The trade states a Native order can reach in the sandbox, with orderquery's trade_state_desc (wechatpay.md §5). */
export const TRADE_STATE_DESC = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  PAYERROR: '支付失败(其他原因，如银行返回失败)',
  CLOSED: '订单已关闭',
  // Never stored: orderquery answers it for a paid order with a refund (wechatpay.md §7).
  REFUND: '转入退款',
} as const satisfies Partial<Record<TradeState, string>>;

export type SandboxTradeState = keyof typeof TRADE_STATE_DESC;

/** States from which a scan can still pay: a failed attempt may be retried, as in the WeChat app. */
export const PAYABLE_STATES: SandboxTradeState[] = ['NOTPAY', 'PAYERROR'];

export async function findOrder(mchId: string, outTradeNo: string): Promise<SandboxOrder | undefined> {
  const [order] = await getSandboxDb()
    .select()
    .from(sandboxOrders)
    .where(and(eq(sandboxOrders.mchId, mchId), eq(sandboxOrders.outTradeNo, outTradeNo)));
  return order;
}

export async function findOrderByTransactionId(mchId: string, transactionId: string): Promise<SandboxOrder | undefined> {
  const [order] = await getSandboxDb()
    .select()
    .from(sandboxOrders)
    .where(and(eq(sandboxOrders.mchId, mchId), eq(sandboxOrders.transactionId, transactionId)));
  return order;
}

export async function findOrderByToken(token: string): Promise<SandboxOrder | undefined> {
  const [order] = await getSandboxDb().select().from(sandboxOrders).where(eq(sandboxOrders.codeToken, token));
  return order;
}

export function isExpired(order: SandboxOrder, now = new Date()): boolean {
  return order.timeExpire !== null && order.timeExpire.getTime() <= now.getTime();
}

export type Unpayable = 'paid' | 'closed' | 'expired';

/** Why a user scanning this order's QR cannot pay it, or undefined when they can. */
export function unpayableReason(order: SandboxOrder, now = new Date()): Unpayable | undefined {
  if (order.tradeState === 'SUCCESS') return 'paid';
  if (order.tradeState === 'CLOSED') return 'closed';
  if (isExpired(order, now)) return 'expired';
  return undefined;
}
