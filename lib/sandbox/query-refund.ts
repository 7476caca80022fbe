// 查询退款 (wechatpay.md §8): one refund (refund_id, out_refund_no) or every refund of an order
// (transaction_id, out_trade_no), ten per page from `offset`, in the order they were made.
import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { sandboxOrders, sandboxRefunds, type SandboxOrder, type SandboxRefund } from '@/db/schema';
import { field, isRefundStatus, refundQueryFields, type RefundRecord } from '@/lib/wechatpay';
import { businessError, paramError, type V2Request, type V2Result } from './envelope';
import { kickNotifyWorker } from './notify-worker';
import { findOrder, findOrderByTransactionId } from './orders';
import { REFUND_ROUTE, settleDueRefunds } from './settle-refunds';

/** 「超过10笔的部分退款只返回前10笔」 (§8). */
export const REFUNDS_PER_PAGE = 10;

const OFFSET = /^(0|[1-9]\d{0,5})$/;

type Found = { order: SandboxOrder; refunds: SandboxRefund[] } | undefined;

export async function queryRefund({ fields, merchant }: V2Request): Promise<V2Result> {
  const offsetText = field(fields, 'offset');
  if (offsetText !== undefined && !OFFSET.test(offsetText)) return paramError('offset参数格式错误');
  const offset = offsetText === undefined ? 0 : Number(offsetText);

  // So that a refund past its settling time is never reported as still PROCESSING.
  if ((await settleDueRefunds()) > 0) kickNotifyWorker();

  // Precedence when several are given: refund_id > out_refund_no > transaction_id > out_trade_no.
  const mchId = merchant.mchId;
  const refundId = field(fields, 'refund_id');
  const outRefundNo = field(fields, 'out_refund_no');
  const transactionId = field(fields, 'transaction_id');
  const outTradeNo = field(fields, 'out_trade_no');
  let found: Found;
  if (refundId !== undefined) found = await oneRefund(and(eq(sandboxRefunds.mchId, mchId), eq(sandboxRefunds.refundId, refundId)));
  else if (outRefundNo !== undefined) found = await oneRefund(and(eq(sandboxRefunds.mchId, mchId), eq(sandboxRefunds.outRefundNo, outRefundNo)));
  else if (transactionId !== undefined) found = await refundsOf(await findOrderByTransactionId(mchId, transactionId));
  else if (outTradeNo !== undefined) found = await refundsOf(await findOrder(mchId, outTradeNo));
  else return paramError('out_refund_no、refund_id、transaction_id、out_trade_no至少填一个');

  const page = found?.refunds.slice(offset, offset + REFUNDS_PER_PAGE) ?? [];
  if (!found || page.length === 0) return businessError('REFUNDNOTEXIST', 'not exist');
  const { order, refunds } = found;
  return {
    ok: true,
    fields: refundQueryFields({
      outTradeNo: order.outTradeNo,
      transactionId: order.transactionId ?? '',
      totalFee: order.totalFee,
      cashFee: order.totalFee,
      totalRefundCount: refunds.length,
      refunds: page.map(toRecord),
    }),
  };
}

async function oneRefund(where: ReturnType<typeof and>): Promise<Found> {
  const [row] = await getDb()
    .select({ refund: sandboxRefunds, order: sandboxOrders })
    .from(sandboxRefunds)
    .innerJoin(sandboxOrders, eq(sandboxOrders.id, sandboxRefunds.orderId))
    .where(where);
  return row && { order: row.order, refunds: [row.refund] };
}

async function refundsOf(order: SandboxOrder | undefined): Promise<Found> {
  if (!order) return undefined;
  const refunds = await getDb().select().from(sandboxRefunds).where(eq(sandboxRefunds.orderId, order.id)).orderBy(asc(sandboxRefunds.id));
  return { order, refunds };
}

function toRecord(refund: SandboxRefund): RefundRecord {
  if (!isRefundStatus(refund.status)) throw new Error(`sandbox refund ${refund.outRefundNo} has status ${refund.status}`);
  return {
    outRefundNo: refund.outRefundNo,
    refundId: refund.refundId,
    refundFee: refund.refundFee,
    settlementRefundFee: refund.refundFee,
    couponRefundFee: 0,
    refundStatus: refund.status,
    refundChannel: REFUND_ROUTE.refundChannel,
    refundAccount: REFUND_ROUTE.refundAccount,
    refundRecvAccout: REFUND_ROUTE.refundRecvAccout,
    successTime: refund.successAt ?? undefined,
  };
}
