// Native mode 1 (product.md "Native mode 1", wechatpay.md §12): a customer scanned a product's
// permanent QR and WeChat asks us, with the customer's openid, what to charge. We sell one unit as
// checkout would (the same reservation, the same per-buyer cap, keyed by openid), ask unifiedorder
// for it and answer with its prepay_id. From the payment notify on the order is like any other.
//
// Every callback leaves one pay log row of source native_callback, trade_state NOTPAY (nothing has
// been paid yet): `accepted` — we answered with a prepay_id (a new order, or the one this openid
// opened for this product within the last minute); `refused` — authentic, answered result_code FAIL
// (unknown, archived or sold out, the buyer's cap, WeChat's own refusal or silence); `rejected` —
// signed with our key but for another appid/mch_id, or lacking a field; `unverified` — anything unauthenticated (bad
// or missing sign, not XML, DOCTYPE, too large), kept as a bounded excerpt like an unverified notify.
import { and, desc, eq, gt } from 'drizzle-orm';
import 'server-only';
import { getDb } from '@/db';
import { orderItems, orders, payLogs, products } from '@/db/schema';
import { getEnv } from '@/lib/env';
import { AppError, RateLimitedError } from '@/lib/errors';
import { log as logger } from '@/lib/log';
import { logUnverified } from '@/lib/payments/log-unverified';
import type { Verdict } from '@/lib/payments/pay-log-vocabulary';
import { parseNativeCallback, WechatPayError, WxXmlError, type NativeCallback, type NativeCallbackAnswer, type WxFields } from '@/lib/wechatpay';
import { closePendingOrder } from './close-pending-order';
import { lockBuyer, reserveOrder, type Tx } from './reserve-order';
import { requestCodeUrl, saveCodeUrl, unifiedOrderInput } from './request-code-url';

/** A repeated scan of the same product by the same openid within this time gets the same order. */
export const SCAN_REUSE_MS = 60_000;

/** What the customer reads in WeChat when the product cannot be sold (err_code_des, ≤ 128 bytes). */
export const SCAN_REFUSALS = {
  unknown: '商品不存在',
  archived: '商品已下架',
  soldOut: '商品已售罄',
  tooMany: '您的待支付订单过多，请先完成支付或稍后再试',
  busy: '系统繁忙，请稍后再试',
  paid: '该订单已支付',
  refused: '暂时无法下单，请稍后再试',
} as const;

export type ScanOutcome =
  /** return_code FAIL, unsigned: nothing was created. */
  | { kind: 'refuse'; returnMsg: string }
  /** return_code SUCCESS, signed: a prepay_id, or an err_code_des for the customer. */
  | { kind: 'answer'; answer: NativeCallbackAnswer };

const PRODUCT_ID = /^[1-9]\d{0,9}$/;
const MAX_PRODUCT_ID = 2 ** 31 - 1;

export async function sellByProductQr(body: string, opts: { tooLarge: boolean; clientIp: string }): Promise<ScanOutcome> {
  if (opts.tooLarge) return unverified({ unparsed: body }, 'body larger than 64 KB');
  const env = getEnv();
  let parsed;
  try {
    parsed = parseNativeCallback(body, { appid: env.WXPAY_APPID, mchId: env.WXPAY_MCH_ID, key: env.WXPAY_KEY });
  } catch (err) {
    if (err instanceof WxXmlError) return unverified({ unparsed: body }, err.message);
    throw err;
  }
  if (!parsed.ok) {
    if (parsed.reason === 'missing_sign' || parsed.reason === 'bad_sign') return unverified(parsed.fields, parsed.reason);
    await record(parsed.fields, 'rejected', parsed.reason);
    return { kind: 'refuse', returnMsg: parsed.reason };
  }
  return sell(parsed.callback, opts.clientIp);
}

async function sell(scan: NativeCallback, clientIp: string): Promise<ScanOutcome> {
  const refuse = async (errCodeDes: string, detail: string, order?: { orderNo: string; totalFee: number }): Promise<ScanOutcome> => {
    await record(scan.raw, 'refused', detail, order);
    return { kind: 'answer', answer: { errCodeDes } };
  };
  const productId = PRODUCT_ID.test(scan.productId) && Number(scan.productId) <= MAX_PRODUCT_ID ? Number(scan.productId) : null;
  if (productId === null) return refuse(SCAN_REFUSALS.unknown, `unknown product_id ${scan.productId}`);

  const env = getEnv();
  // Whole seconds: time_expire has second precision, and local expiry must equal WeChat's.
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const buyer = { openid: scan.openid };
  let order: { orderNo: string; totalFee: number; description: string; expiresAt: Date; prepayId: string | null; reused: boolean };
  try {
    order = await getDb().transaction(async (tx) => {
      // The buyer's lock also makes "reuse or create" one decision, however many instances race.
      await lockBuyer(tx, buyer);
      const recent = await recentOrder(tx, scan.openid, productId, now);
      if (recent) return { ...recent, reused: true };
      const expiresAt = new Date(now.getTime() + env.ORDER_TTL_SECONDS * 1000);
      const created = await reserveOrder(tx, { buyer, lines: [{ productId, quantity: 1 }], createdAt: now, expiresAt });
      return { ...created, expiresAt, prepayId: null, reused: false };
    });
  } catch (err) {
    if (err instanceof RateLimitedError) return refuse(SCAN_REFUSALS.tooMany, err.message);
    if (err instanceof AppError && err.code === 'bad_request') return refuse(SCAN_REFUSALS.unknown, err.message);
    if (err instanceof AppError && err.code === 'conflict') {
      const [product] = await getDb().select({ archivedAt: products.archivedAt }).from(products).where(eq(products.id, productId));
      return refuse(product?.archivedAt ? SCAN_REFUSALS.archived : SCAN_REFUSALS.soldOut, err.message);
    }
    throw err;
  }

  const ref = { orderNo: order.orderNo, totalFee: order.totalFee };
  const how = order.reused ? 'scanned again within a minute: the same order' : 'order created';
  if (order.prepayId) {
    await record(scan.raw, 'accepted', how, ref);
    return { kind: 'answer', answer: { prepayId: order.prepayId } };
  }
  try {
    // One attempt (up to the client's timeout): WeChat is waiting for our answer, and a customer
    // who scans again within the minute re-enters this very order (request-code-url.ts).
    const qr = await requestCodeUrl(unifiedOrderInput({ ...order, productId, openid: scan.openid }, clientIp), 0);
    if (!qr?.prepayId) return refuse(SCAN_REFUSALS.busy, `${how}; unifiedorder: no answer`, ref);
    await saveCodeUrl(order.orderNo, qr);
    await record(scan.raw, 'accepted', how, ref);
    return { kind: 'answer', answer: { prepayId: qr.prepayId } };
  } catch (err) {
    if (!(err instanceof WechatPayError)) throw err;
    // Paid means WeChat already holds this order's payment: the notify or the sweep applies it.
    if (err.code === 'ORDERPAID') return refuse(SCAN_REFUSALS.paid, `${how}; unifiedorder: ORDERPAID`, ref);
    // A definite refusal: no prepay_id ever reached the customer, so nobody can pay this order.
    logger.warn({ err, orderNo: order.orderNo }, 'native callback: unifiedorder refused');
    await closePendingOrder(order.orderNo, `unifiedorder failed: ${err.code}`);
    return refuse(SCAN_REFUSALS.refused, `${how}; unifiedorder failed: ${err.code}`, ref);
  }
}

/** This openid's pending, unexpired order for this product of the last minute (index orders_openid_created_at_idx). */
async function recentOrder(tx: Tx, openid: string, productId: number, now: Date) {
  const [row] = await tx
    .select({
      orderNo: orders.orderNo,
      totalFee: orders.totalFee,
      description: orders.description,
      expiresAt: orders.expiresAt,
      prepayId: orders.prepayId,
    })
    .from(orders)
    .innerJoin(orderItems, eq(orderItems.orderId, orders.id))
    .where(
      and(
        eq(orders.openid, openid),
        eq(orders.status, 'pending'),
        gt(orders.createdAt, new Date(now.getTime() - SCAN_REUSE_MS)),
        gt(orders.expiresAt, now),
        eq(orderItems.productId, productId),
      ),
    )
    .orderBy(desc(orders.id))
    .limit(1);
  return row;
}

async function unverified(fields: WxFields, reason: string): Promise<ScanOutcome> {
  await logUnverified('native_callback', fields, reason, 'NOTPAY');
  return { kind: 'refuse', returnMsg: reason };
}

// A callback signed with our key is at most 64 KB and only WeChat can send it: stored as received.
async function record(raw: WxFields, verdict: Verdict, detail: string, order?: { orderNo: string; totalFee: number }) {
  await getDb()
    .insert(payLogs)
    .values({
      orderNo: order?.orderNo ?? null,
      totalFee: order?.totalFee ?? null,
      tradeState: 'NOTPAY',
      source: 'native_callback',
      verdict,
      detail,
      raw,
    });
}
