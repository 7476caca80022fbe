// The sandbox's own waiting times, and WXPAY_SANDBOX_TIME_SCALE, which multiplies them (product.md,
// "Time in the sandbox"): the notify retry schedule, closeorder's minimum age, time_expire's minimum
// lead, a refund's settling delay and the minimum gap between refunds of one order. It never
// touches an order's time_expire, nor the `delay` fault (800 ms asked means 800 ms).
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getEnv } from '@/lib/env';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** unifiedorder refuses a time_expire closer than this (「建议：最短失效时间间隔大于1分钟」, wechatpay.md §4.4). */
export const TIME_EXPIRE_MIN_LEAD_MS = MINUTE;

/** 「订单生成后不能马上调用关单接口，最短调用时间间隔为5分钟」 (wechatpay.md §6). */
export const CLOSE_MIN_AGE_MS = 5 * MINUTE;

/** A refund WeChat accepted finishes (SUCCESS, or CHANGE/REFUNDCLOSE by a fault) this long after acceptance. */
export const REFUND_SETTLE_MS = 5 * SECOND;

/** Two refunds of one order less than this apart: FREQUENCY_LIMITED (product.md, "Refunds", Sandbox). */
export const REFUND_MIN_GAP_MS = MINUTE;

/** Waits after each failed notify attempt, 15s/15s/30s/3m/…/6h (wechatpay.md §11.5); then the notification is exhausted. */
export const NOTIFY_RETRY_DELAYS_MS = [
  15 * SECOND,
  15 * SECOND,
  30 * SECOND,
  3 * MINUTE,
  10 * MINUTE,
  20 * MINUTE,
  30 * MINUTE,
  30 * MINUTE,
  30 * MINUTE,
  60 * MINUTE,
  3 * HOUR,
  3 * HOUR,
  3 * HOUR,
  6 * HOUR,
  6 * HOUR,
];

export function scaled(ms: number): number {
  return Math.round(ms * getEnv().WXPAY_SANDBOX_TIME_SCALE);
}

/** How often the notify worker looks for due rows: a fraction of the shortest retry wait, within 50 ms–1 s. */
export function notifyTickMs(): number {
  return Math.min(1000, Math.max(50, scaled(3 * SECOND)));
}

// Deadlines are written and compared with the database's clock, so every server instance agrees on "now".
export function dbNowPlus(ms: number): SQL {
  return sql`now() + make_interval(secs => ${ms / 1000}::double precision)`;
}

export function dbNowMinus(ms: number): SQL {
  return sql`now() - make_interval(secs => ${ms / 1000}::double precision)`;
}
