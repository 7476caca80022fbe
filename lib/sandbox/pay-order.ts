// A payment by the simulated user who scanned the QR code (POST /sandbox/scan/<token>/pay), and by the
// closeorder→ORDERPAID fault, which goes through the same code. The state change is one conditional
// UPDATE, so two concurrent payments produce exactly one; the notification is written in the same
// transaction, so a paid order always has its notify.
import 'server-only';
import { randomBytes, randomInt } from 'node:crypto';
import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getSandboxDb } from '@/db';
import { sandboxNotifications, sandboxOrders, type SandboxOrder } from '@/db/schema';
import { buildXml, formatWxTime, isSignType, nonce, sign } from '@/lib/wechatpay';
import { deliveryPlan, faultsFor } from './faults';
import { merchantFor } from './merchant';
import { kickNotifyWorker } from './notify-worker';
import { findOrderByToken, PAYABLE_STATES, unpayableReason, type Unpayable } from './orders';

const payInput = z.strictObject({ result: z.enum(['SUCCESS', 'PAYERROR']).default('SUCCESS') });

export type PayOutcome =
  | { ok: true; outTradeNo: string; transactionId: string }
  | { ok: true; outTradeNo: string; tradeState: 'PAYERROR' }
  | { ok: false; status: 400 | 409; error: string };

const UNPAYABLE_MESSAGE: Record<Unpayable, string> = {
  paid: 'this order is already paid',
  closed: 'this order is closed',
  expired: 'this order is past its time_expire and can no longer be paid',
};

export async function payByToken(token: string, input: unknown): Promise<PayOutcome> {
  const parsed = payInput.safeParse(input);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    return { ok: false, status: 400, error: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` };
  }
  const order = await findOrderByToken(token);
  if (!order) return { ok: false, status: 409, error: 'unknown QR code' };

  if (parsed.data.result === 'PAYERROR') {
    // WeChat notifies only successful payments (§11.1), so a failed one just leaves its trace for orderquery.
    const [failed] = await getSandboxDb()
      .update(sandboxOrders)
      .set({ tradeState: 'PAYERROR' })
      .where(and(eq(sandboxOrders.id, order.id), inArray(sandboxOrders.tradeState, PAYABLE_STATES), notExpired()))
      .returning();
    return failed ? { ok: true, outTradeNo: order.outTradeNo, tradeState: 'PAYERROR' } : refused(token);
  }
  const paid = await payOrder(order);
  return paid?.transactionId ? { ok: true, outTradeNo: paid.outTradeNo, transactionId: paid.transactionId } : refused(token);
}

async function refused(token: string): Promise<PayOutcome> {
  const order = await findOrderByToken(token);
  const reason = order && unpayableReason(order);
  return { ok: false, status: 409, error: reason ? UNPAYABLE_MESSAGE[reason] : 'this order cannot be paid now' };
}

/**
 * Marks the order paid if it still can be, writes its notification and starts delivering it.
 * `evenIfExpired` serves the closeorder→ORDERPAID fault: it plays a payment that went through at the
 * last moment, and the shop closes orders precisely when they reach time_expire.
 */
export async function payOrder(order: SandboxOrder, { evenIfExpired = false } = {}): Promise<SandboxOrder | undefined> {
  const merchant = merchantFor(order.mchId);
  if (!merchant) throw new Error(`sandbox order ${order.outTradeNo} belongs to mch_id ${order.mchId}, which is no longer configured`);
  const paidAt = new Date();
  const paid = await getSandboxDb().transaction(async (tx) => {
    const [row] = await tx
      .update(sandboxOrders)
      // A mode 1 order names its payer at unifiedorder (the user who scanned the product QR).
      .set({ tradeState: 'SUCCESS', transactionId: transactionId(paidAt), openid: order.params.openid ?? openid(), paidAt })
      .where(and(eq(sandboxOrders.id, order.id), inArray(sandboxOrders.tradeState, PAYABLE_STATES), evenIfExpired ? undefined : notExpired()))
      .returning();
    if (!row) return undefined;
    const faults = await faultsFor(row.outTradeNo, tx);
    await tx.insert(sandboxNotifications).values({
      orderId: row.id,
      payload: notifyPayload(row, merchant.key),
      notifyUrl: row.notifyUrl,
      ...deliveryPlan(faults.notify, faults),
    });
    return row;
  });
  if (paid) kickNotifyWorker();
  return paid;
}

function notExpired() {
  return or(isNull(sandboxOrders.timeExpire), gt(sandboxOrders.timeExpire, sql`now()`));
}

// Built once, at payment time: every retry sends the same bytes, as WeChat does. Signed with the
// order's sign type and without a sign_type element, as WeChat's HMAC notifies really arrive (§2.2).
function notifyPayload(order: SandboxOrder, key: string): string {
  if (!isSignType(order.signType) || !order.paidAt || !order.transactionId || !order.openid) {
    throw new Error(`sandbox order ${order.outTradeNo} is not a complete paid order`);
  }
  const fields = {
    return_code: 'SUCCESS',
    return_msg: 'OK',
    appid: order.appid,
    mch_id: order.mchId,
    nonce_str: nonce(32),
    result_code: 'SUCCESS',
    openid: order.openid,
    is_subscribe: 'N',
    trade_type: 'NATIVE',
    bank_type: 'OTHERS',
    total_fee: order.totalFee,
    fee_type: 'CNY',
    cash_fee: order.totalFee,
    transaction_id: order.transactionId,
    out_trade_no: order.outTradeNo,
    attach: order.attach ?? undefined,
    time_end: formatWxTime(order.paidAt),
  };
  return buildXml({ ...fields, sign: sign(fields, key, order.signType) });
}

/** 28 digits like WeChat's: 4200 + the Beijing date + 16 random digits (§11.2). */
export function transactionId(paidAt: Date): string {
  let digits = '';
  for (let i = 0; i < 16; i++) digits += randomInt(10);
  return `4200${formatWxTime(paidAt).slice(0, 8)}${digits}`;
}

/** A payer's openid: 28 characters starting with o, like WeChat's. */
export function openid(): string {
  return `o${randomBytes(21).toString('base64url').slice(0, 27)}`;
}
