// 申请退款 (wechatpay.md §7), reached only through the TLS listener with the merchant certificate.
// Accepting a refund is one INSERT made while the order's row is locked, so concurrent refunds of one
// order are decided one after the other against what was already refunded; the same out_refund_no
// again is answered with the refund it first created (「同一退款单号多次请求只退一笔」).
import { randomInt } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { firstRow } from '@/db/first-row';
import { getDb } from '@/db';
import { sandboxOrders, sandboxRefunds, type SandboxOrder, type SandboxRefund } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { field, formatWxTime, type WxFields } from '@/lib/wechatpay';
import { businessError, byteLength, lackParams, paramError, type V2Request, type V2Result } from './envelope';
import { faultsFor, type Faults } from './faults';
import { findOrder, findOrderByTransactionId } from './orders';
import { dbNowMinus, dbNowPlus, REFUND_MIN_GAP_MS, REFUND_SETTLE_MS, scaled } from './timing';
import { isFee, isNotifyUrl } from './unified-order';

const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;

/** Refunds that count against what is left to refund: every one but a closed one. */
export const COUNTED_REFUND_STATES = ['PROCESSING', 'SUCCESS', 'CHANGE'];

interface RefundRequest {
  transactionId?: string;
  outTradeNo?: string;
  outRefundNo: string;
  totalFee: number;
  refundFee: number;
  refundDesc?: string;
  notifyUrl?: string;
}

type Decision = { refund: SandboxRefund } | { error: V2Result } | { conflict: true };

export async function refundOrder({ fields, merchant }: V2Request): Promise<V2Result> {
  const checked = validate(fields);
  if ('error' in checked) return checked.error;
  const request = checked.request;
  // 「微信订单号，优先使用」 as in orderquery: transaction_id wins when both are given.
  const order =
    request.transactionId !== undefined
      ? await findOrderByTransactionId(merchant.mchId, request.transactionId)
      : await findOrder(merchant.mchId, request.outTradeNo!);

  const faults = await faultsFor(order?.outTradeNo ?? request.outTradeNo);
  if (faults.refund === 'NOTENOUGH') return businessError('NOTENOUGH', '基本账户余额不足，请充值后重新发起');
  if (faults.refund === 'SYSTEMERROR') return businessError('SYSTEMERROR', '系统超时，请用相同参数再次调用');
  if (!order) return businessError('ORDERNOTEXIST', '订单不存在');
  if (order.tradeState !== 'SUCCESS' || !order.transactionId) return businessError('ORDERNOTEXIST', '未支付的订单不能发起退款');

  const decision = await decide(order, request, faults);
  if ('refund' in decision) return accepted(decision.refund, order);
  if ('error' in decision) return decision.error;
  // The same out_refund_no was just taken by a refund of another order: ours is a repeat of that one.
  const [winner] = await getDb()
    .select()
    .from(sandboxRefunds)
    .where(and(eq(sandboxRefunds.mchId, merchant.mchId), eq(sandboxRefunds.outRefundNo, request.outRefundNo)));
  if (!winner) throw new Error(`sandbox refund ${request.outRefundNo} conflicted but cannot be read`);
  const repeat = reenter(winner, order, request);
  return 'refund' in repeat ? accepted(repeat.refund, order) : repeat.error;
}

function decide(order: SandboxOrder, request: RefundRequest, faults: Faults): Promise<Decision> {
  const r = sandboxRefunds;
  return getDb().transaction(async (tx) => {
    await tx.select({ id: sandboxOrders.id }).from(sandboxOrders).where(eq(sandboxOrders.id, order.id)).for('update');
    const [existing] = await tx
      .select()
      .from(r)
      .where(and(eq(r.mchId, order.mchId), eq(r.outRefundNo, request.outRefundNo)));
    if (existing) return reenter(existing, order, request);

    if (request.totalFee !== order.totalFee) return { error: businessError('INVALID_REQUEST', '订单金额与原订单不一致') };
    const { refunded, recent } = firstRow(
      await tx
        .select({
          refunded: sql<number>`coalesce(sum(${r.refundFee}) filter (where ${inArray(r.status, COUNTED_REFUND_STATES)}), 0)::int`,
          recent: sql<number>`(count(*) filter (where ${r.createdAt} > ${dbNowMinus(scaled(REFUND_MIN_GAP_MS))}))::int`,
        })
        .from(r)
        .where(eq(r.orderId, order.id)),
      'the refunds so far',
    );
    if (refunded + request.refundFee > order.totalFee) {
      const des = refunded >= order.totalFee ? '订单已全额退款' : '申请退款金额超过订单可退金额';
      return { error: businessError('INVALID_REQUEST', des) };
    }
    if (recent > 0) return { error: businessError('FREQUENCY_LIMITED', '两次退款请求间隔需大于1分钟，请稍后再试') };

    const [created] = await tx
      .insert(r)
      .values({
        orderId: order.id,
        mchId: order.mchId,
        outRefundNo: request.outRefundNo,
        refundId: refundId(),
        totalFee: request.totalFee,
        refundFee: request.refundFee,
        refundDesc: request.refundDesc ?? null,
        // Without notify_url, WeChat uses the refund callback configured in the merchant platform; the
        // sandbox's "platform" is the shop's own setting.
        notifyUrl: request.notifyUrl ?? getEnv().WXPAY_REFUND_NOTIFY_URL,
        outcome: OUTCOME[faults.refund ?? 'SUCCESS'],
        settleAt: dbNowPlus(scaled(REFUND_SETTLE_MS)),
      })
      .onConflictDoNothing({ target: [r.mchId, r.outRefundNo] })
      .returning();
    return created ? { refund: created } : { conflict: true };
  });
}

/** What an accepted refund becomes after REFUND_SETTLE_MS; null: it stays PROCESSING (the fault). */
const OUTCOME: Record<string, string | null> = { SUCCESS: 'SUCCESS', PROCESSING: null, CHANGE: 'CHANGE', CLOSE: 'REFUNDCLOSE' };

function reenter(existing: SandboxRefund, order: SandboxOrder, request: RefundRequest): { refund: SandboxRefund } | { error: V2Result } {
  const same = existing.orderId === order.id && existing.totalFee === request.totalFee && existing.refundFee === request.refundFee;
  return same ? { refund: existing } : { error: businessError('INVALID_REQUEST', '同一商户退款单号的退款金额与前次请求不一致') };
}

function accepted(refund: SandboxRefund, order: SandboxOrder): V2Result {
  return {
    ok: true,
    fields: {
      transaction_id: order.transactionId ?? undefined,
      out_trade_no: order.outTradeNo,
      out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId,
      refund_fee: refund.refundFee,
      total_fee: order.totalFee,
      fee_type: 'CNY',
      cash_fee: order.totalFee,
      cash_refund_fee: refund.refundFee,
      coupon_refund_fee: 0,
      coupon_refund_count: 0,
    },
  };
}

function validate(fields: WxFields): { request: RefundRequest } | { error: V2Result } {
  const fail = (error: V2Result) => ({ error });
  const transactionId = field(fields, 'transaction_id');
  const outTradeNo = field(fields, 'out_trade_no');
  if (transactionId === undefined && outTradeNo === undefined) {
    return fail(paramError('transaction_id、out_trade_no至少填一个'));
  }
  const outRefundNo = field(fields, 'out_refund_no');
  const totalFeeText = field(fields, 'total_fee');
  const refundFeeText = field(fields, 'refund_fee');
  if (outRefundNo === undefined) return fail(lackParams('out_refund_no'));
  if (totalFeeText === undefined) return fail(lackParams('total_fee'));
  if (refundFeeText === undefined) return fail(lackParams('refund_fee'));
  if (!OUT_REFUND_NO.test(outRefundNo)) {
    return fail(paramError('out_refund_no参数格式错误：1至64位数字、大小写字母或_-|*@'));
  }
  for (const [name, value] of [
    ['total_fee', totalFeeText],
    ['refund_fee', refundFeeText],
  ] as const) {
    if (!isFee(value)) return fail(paramError(`${name}参数格式错误：金额为正整数，单位为分`));
  }
  const refundDesc = field(fields, 'refund_desc');
  if (refundDesc !== undefined && byteLength(refundDesc) > 80) return fail(paramError('refund_desc参数长度有误'));
  const notifyUrl = field(fields, 'notify_url');
  if (notifyUrl !== undefined && (byteLength(notifyUrl) > 256 || !isNotifyUrl(notifyUrl))) {
    return fail(paramError('notify_url参数格式错误：须为完整的http(s)地址，不能携带参数'));
  }
  const feeType = field(fields, 'refund_fee_type');
  if (feeType !== undefined && feeType !== 'CNY') return fail(paramError('refund_fee_type参数错误：仅支持人民币CNY'));
  const totalFee = Number(totalFeeText);
  const refundFee = Number(refundFeeText);
  if (refundFee > totalFee) return fail(paramError('退款金额不能大于订单金额'));
  return {
    request: { transactionId, outTradeNo, outRefundNo, totalFee, refundFee, refundDesc, notifyUrl },
  };
}

/** 29 digits like WeChat's (`50302030148218522032126281690`, §7): 503 + the Beijing date + 18 random digits. */
function refundId(): string {
  let digits = '';
  for (let i = 0; i < 18; i++) digits += randomInt(10);
  return `503${formatWxTime(new Date()).slice(0, 8)}${digits}`;
}
