// 关闭订单 (wechatpay.md §6). Closing is one conditional UPDATE (still unpaid, old enough), so a
// payment racing with the close wins or loses cleanly; a refusal is explained from a fresh read.
import 'server-only';
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { getSandboxDb } from '@/db';
import { sandboxOrders } from '@/db/schema';
import { field } from '@/lib/wechatpay';
import { businessError, lackParams, type V2Request, type V2Result } from './envelope';
import { faultsFor } from './faults';
import { findOrder, PAYABLE_STATES } from './orders';
import { payOrder } from './pay-order';
import { CLOSE_MIN_AGE_MS, dbNowMinus, scaled } from './timing';

export async function closeSandboxOrder({ fields, merchant }: V2Request): Promise<V2Result> {
  const outTradeNo = field(fields, 'out_trade_no');
  if (outTradeNo === undefined) return lackParams('out_trade_no');
  const order = await findOrder(merchant.mchId, outTradeNo);
  if (!order) return businessError('ORDERNOTEXIST', '此交易订单号不存在');

  // The fault plays a user who pays just as the shop gives up: the payment (and its notify) happens
  // first, then the close below finds the order paid and answers ORDERPAID like any other.
  if ((await faultsFor(outTradeNo)).closeorder === 'ORDERPAID') await payOrder(order, { evenIfExpired: true });

  const [closed] = await getSandboxDb()
    .update(sandboxOrders)
    .set({ tradeState: 'CLOSED', closedAt: sql`now()` })
    .where(
      and(
        eq(sandboxOrders.id, order.id),
        inArray(sandboxOrders.tradeState, PAYABLE_STATES),
        lte(sandboxOrders.createdAt, dbNowMinus(scaled(CLOSE_MIN_AGE_MS))),
      ),
    )
    .returning();
  if (closed) return { ok: true, fields: { result_msg: 'OK' } };

  const current = (await findOrder(merchant.mchId, outTradeNo)) ?? order;
  if (current.tradeState === 'SUCCESS') return businessError('ORDERPAID', '订单已支付');
  if (current.tradeState === 'CLOSED') return businessError('ORDERCLOSED', '订单已关闭');
  // 「订单生成后不能马上调用关单接口，最短调用时间间隔为5分钟」; WeChat's exact answer is unconfirmed (§6).
  return businessError('SYSTEMERROR', '订单生成后需间隔5分钟才能关单，请稍后再试');
}
