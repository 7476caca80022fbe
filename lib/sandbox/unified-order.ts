// 统一下单 (wechatpay.md §4), trade_type NATIVE only: validates like WeChat, then creates the order
// or answers a repeat of the same out_trade_no by WeChat's re-entry (重入) rules.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { getSandboxDb } from '@/db';
import { sandboxOrders, type SandboxOrder } from '@/db/schema';
import { field, formatWxTime, nonce, parseWxTime, type WxFields } from '@/lib/wechatpay';
import { businessError, byteLength, lackParams, paramError, type V2Request, type V2Result } from './envelope';
import { takeUnifiedOrderFault } from './faults';
import { findOrder, isExpired } from './orders';
import { scaled, TIME_EXPIRE_MIN_LEAD_MS } from './timing';

const REQUIRED = ['body', 'out_trade_no', 'total_fee', 'spbill_create_ip', 'notify_url', 'trade_type'] as const;

/** String(n) limits, in UTF-8 bytes (§4.1). */
const MAX_BYTES: Record<string, number> = {
  body: 128,
  attach: 127,
  product_id: 32,
  notify_url: 256,
  spbill_create_ip: 64,
};

const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const TOTAL_FEE = /^[1-9]\d{0,9}$/;
/** total_fee is an Int: anything above the 32-bit range is not a valid amount. */
const MAX_TOTAL_FEE = 2 ** 31 - 1;

// Re-entry must repeat every business field except these (§4.6). sign follows from the rest; sign_type
// is our call: re-asking with the other algorithm changes nothing about the order, so it is allowed.
const NOT_COMPARED = new Set(['nonce_str', 'sign', 'sign_type', 'spbill_create_ip']);

interface NewOrder {
  outTradeNo: string;
  totalFee: number;
  body: string;
  notifyUrl: string;
  productId: string;
  attach?: string;
  timeExpire?: Date;
}

/**
 * How long the unifiedorder "TIMEOUT" fault holds a reply: past lib/wechatpay's default 5 s timeout,
 * in real time (not scaled), since it is the merchant's clock that runs out.
 */
export const TIMEOUT_FAULT_HOLD_MS = 6_000;

export async function unifiedOrder(request: V2Request): Promise<V2Result> {
  const fault = await takeUnifiedOrderFault(field(request.fields, 'out_trade_no'));
  if (fault === 'SYSTEMERROR') return businessError('SYSTEMERROR', '系统异常，请用相同参数重新调用');
  if (fault === 'NOAUTH') return businessError('NOAUTH', '商户无此接口权限');
  const result = await answer(request);
  // The order now exists as asked; only its reply is late, as when WeChat's answer is lost.
  if (fault === 'TIMEOUT' && result.ok) await new Promise((resolve) => setTimeout(resolve, TIMEOUT_FAULT_HOLD_MS));
  return result;
}

async function answer({ fields, signType, merchant }: V2Request): Promise<V2Result> {
  const checked = validate(fields);
  if ('error' in checked) return checked.error;
  const { order } = checked;
  const params = businessParams(fields);

  const existing = await findOrder(merchant.mchId, order.outTradeNo);
  if (existing) return reenter(existing, params);

  if (order.timeExpire && order.timeExpire.getTime() < Date.now() + scaled(TIME_EXPIRE_MIN_LEAD_MS)) {
    return businessError('INVALID_REQUEST', 'time_expire时间过短，刷卡至少1分钟，其他5分钟');
  }
  const now = new Date();
  const [created] = await getSandboxDb()
    .insert(sandboxOrders)
    .values({
      appid: merchant.appid,
      mchId: merchant.mchId,
      outTradeNo: order.outTradeNo,
      signType,
      params,
      body: order.body,
      totalFee: order.totalFee,
      notifyUrl: order.notifyUrl,
      productId: order.productId,
      attach: order.attach ?? null,
      timeExpire: order.timeExpire ?? null,
      prepayId: `wx${formatWxTime(now)}${randomBytes(10).toString('hex')}`,
      codeToken: nonce(9),
    })
    .onConflictDoNothing({ target: [sandboxOrders.mchId, sandboxOrders.outTradeNo] })
    .returning();
  if (created) return prepaid(created);
  // A concurrent request created it first; ours is now simply a re-entry of that order.
  const winner = await findOrder(merchant.mchId, order.outTradeNo);
  if (!winner) throw new Error(`sandbox order ${order.outTradeNo} conflicted but cannot be read`);
  return reenter(winner, params);
}

function reenter(order: SandboxOrder, params: Record<string, string>): V2Result {
  if (order.tradeState === 'SUCCESS') return businessError('ORDERPAID', '商户订单已支付');
  if (order.tradeState === 'CLOSED' || isExpired(order)) return businessError('ORDERCLOSED', '订单已关闭');
  if (!sameParams(order.params, params)) return businessError('INVALID_REQUEST', '201 商户订单号重复');
  return prepaid(order);
}

function prepaid(order: SandboxOrder): V2Result {
  return {
    ok: true,
    fields: {
      trade_type: 'NATIVE',
      prepay_id: order.prepayId,
      code_url: `weixin://wxpay/bizpayurl?pr=${order.codeToken}`,
    },
  };
}

function validate(given: WxFields): { order: NewOrder } | { error: V2Result } {
  const fail = (error: V2Result) => ({ error });
  const missing = REQUIRED.find((name) => field(given, name) === undefined);
  if (missing !== undefined) return fail(lackParams(missing));
  const fields = given as WxFields & Record<(typeof REQUIRED)[number], string>;
  if (fields.trade_type !== 'NATIVE') {
    return fail(paramError(`trade_type参数错误：沙箱只支持NATIVE（扫码支付），收到${fields.trade_type}`));
  }
  const productId = field(fields, 'product_id');
  // 「trade_type=NATIVE时，此参数必传」 (§4.1).
  if (productId === undefined) return fail(lackParams('product_id'));
  for (const [name, max] of Object.entries(MAX_BYTES)) {
    const value = field(fields, name);
    if (value !== undefined && byteLength(value) > max) return fail(paramError(`${name}参数长度有误`));
  }
  if (!OUT_TRADE_NO.test(fields.out_trade_no)) {
    return fail(paramError('out_trade_no参数格式错误：6至32位数字、大小写字母或_-|*'));
  }
  if (!isFee(fields.total_fee)) {
    return fail(paramError('total_fee参数格式错误：订单金额为正整数，单位为分'));
  }
  const feeType = field(fields, 'fee_type');
  if (feeType !== undefined && feeType !== 'CNY') return fail(paramError('fee_type参数错误：境内商户号仅支持人民币CNY'));
  if (!isNotifyUrl(fields.notify_url)) {
    return fail(paramError('notify_url参数格式错误：须为完整的http(s)地址，不能携带参数'));
  }
  for (const name of ['time_start', 'time_expire']) {
    const value = field(fields, name);
    if (value !== undefined && !isWxTime(value)) {
      return fail(paramError(`${name}参数格式错误：格式为yyyyMMddHHmmss（北京时间）`));
    }
  }
  const timeExpire = field(fields, 'time_expire');
  return {
    order: {
      outTradeNo: fields.out_trade_no,
      totalFee: Number(fields.total_fee),
      body: fields.body,
      notifyUrl: fields.notify_url,
      productId,
      attach: field(fields, 'attach'),
      // Stored as given, never scaled: it is the merchant's deadline, not one of the sandbox's waits.
      timeExpire: timeExpire === undefined ? undefined : parseWxTime(timeExpire),
    },
  };
}

// Deviation from WeChat, on purpose: it wants a public https URL (「公网域名必须为https」, no localhost
// or private addresses, §4.1). The sandbox also accepts http and local hosts, because the merchant
// it notifies is a developer's machine. What it keeps is the shape: absolute, http(s), no query string.
export function isNotifyUrl(value: string): boolean {
  if (value.includes('?')) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** An Int amount in fen: positive, no leading zeros, within the 32-bit range. */
export function isFee(value: string): boolean {
  return TOTAL_FEE.test(value) && Number(value) <= MAX_TOTAL_FEE;
}

function isWxTime(value: string): boolean {
  try {
    parseWxTime(value);
    return true;
  } catch {
    return false;
  }
}

/** The fields a re-entry must repeat; empty values count as absent, as in signing. */
function businessParams(fields: WxFields): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([name, value]) => !NOT_COMPARED.has(name) && value !== ''));
}

function sameParams(a: Record<string, string>, b: Record<string, string>): boolean {
  const names = Object.keys(a);
  return names.length === Object.keys(b).length && names.every((name) => Object.hasOwn(b, name) && b[name] === a[name]);
}
