// 查询订单 (wechatpay.md §5). An unpaid order past its time_expire stays NOTPAY: WeChat's own timeout
// close is not simulated, so the shop's close path (closeorder) is always the one that runs.
import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db';
import { sandboxRefunds, type SandboxOrder } from '@/db/schema';
import { field, formatWxTime } from '@/lib/wechatpay';
import { businessError, paramError, type V2Request, type V2Result } from './envelope';
import { faultsFor } from './faults';
import { findOrder, findOrderByTransactionId, TRADE_STATE_DESC, type SandboxTradeState } from './orders';
import { COUNTED_REFUND_STATES } from './refund-order';

export async function queryOrder({ fields, merchant }: V2Request): Promise<V2Result> {
  const transactionId = field(fields, 'transaction_id');
  const outTradeNo = field(fields, 'out_trade_no');
  if (transactionId === undefined && outTradeNo === undefined) return paramError('参数错误:必须输入商户单号');
  // 「微信的订单号，优先使用」: transaction_id wins when both are given.
  const order = transactionId !== undefined ? await findOrderByTransactionId(merchant.mchId, transactionId) : await findOrder(merchant.mchId, outTradeNo!);

  const faults = await faultsFor(order?.outTradeNo ?? outTradeNo);
  if (faults.orderquery === 'SYSTEMERROR') return businessError('SYSTEMERROR', '系统错误');
  if (!order) return businessError('ORDERNOTEXIST', '此交易订单号不存在');

  const tradeState = await tradeStateOf(order);
  const common = {
    trade_state: tradeState,
    trade_state_desc: TRADE_STATE_DESC[tradeState],
    out_trade_no: order.outTradeNo,
    total_fee: order.totalFee,
  };
  if ((tradeState !== 'SUCCESS' && tradeState !== 'REFUND') || !order.paidAt) return { ok: true, fields: common };
  // The knobs that misreport a paid order (faults.ts).
  const totalFee = faults.orderquery === 'AMOUNT_MISMATCH' ? order.totalFee + 1 : order.totalFee;
  return {
    ok: true,
    fields: {
      ...common,
      ...(faults.orderquery === 'REFUND' ? { trade_state: 'REFUND', trade_state_desc: '订单发生过退款' } : {}),
      total_fee: totalFee,
      openid: order.openid ?? undefined,
      is_subscribe: 'N',
      trade_type: 'NATIVE',
      bank_type: 'OTHERS',
      fee_type: faults.orderquery === 'FEE_TYPE_USD' ? 'USD' : 'CNY',
      cash_fee: totalFee,
      transaction_id: order.transactionId ?? undefined,
      attach: order.attach ?? undefined,
      time_end: formatWxTime(order.paidAt),
    },
  };
}

// 「转入退款」: a paid order with a refund WeChat accepted (and did not close) answers REFUND (§7).
async function tradeStateOf(order: SandboxOrder): Promise<SandboxTradeState> {
  if (order.tradeState !== 'SUCCESS') return order.tradeState as SandboxTradeState;
  const [refund] = await getDb()
    .select({ id: sandboxRefunds.id })
    .from(sandboxRefunds)
    .where(and(eq(sandboxRefunds.orderId, order.id), inArray(sandboxRefunds.status, COUNTED_REFUND_STATES)))
    .limit(1);
  return refund ? 'REFUND' : 'SUCCESS';
}
