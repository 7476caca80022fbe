// Bill days are Beijing calendar days written yyyyMMdd, as downloadbill's bill_date (wechatpay.md §10).
// Asia/Shanghai has had no daylight saving since 1991, so a day is always 24 hours from 00:00 +08:00.
import { z } from 'zod';
import { formatWxTime, isBillDate, parseWxTime } from '@/lib/wechatpay';

const DAY_MS = 24 * 3600 * 1000;

/** The Beijing day of an instant. */
export function beijingDate(instant: Date): string {
  return formatWxTime(instant).slice(0, 8);
}

/** [00:00, next 00:00) Beijing time of a day, as instants. */
export function dayBounds(billDate: string): [Date, Date] {
  const start = parseWxTime(`${billDate}000000`);
  return [start, new Date(start.getTime() + DAY_MS)];
}

export function addBillDays(billDate: string, n: number): string {
  return beijingDate(new Date(dayBounds(billDate)[0].getTime() + n * DAY_MS));
}

export const isRealBillDate = isBillDate;

/** 20261201 → 2026-12-01 (bill_days.bill_date is a SQL date). */
export function isoDate(billDate: string): string {
  return `${billDate.slice(0, 4)}-${billDate.slice(4, 6)}-${billDate.slice(6, 8)}`;
}

export function billDateOf(iso: string): string {
  return iso.replaceAll('-', '');
}

/** A day to reconcile: a real yyyyMMdd date, today at the latest (Beijing time). */
export const billDateSchema = z
  .string()
  .refine(isRealBillDate, { message: 'must be a date written yyyyMMdd', abort: true })
  .refine((s) => s <= beijingDate(new Date()), 'must not be in the future (Beijing time)');

/** The day a run without a date reconciles: yesterday, Beijing time. */
export function yesterday(now = new Date()): string {
  return addBillDays(beijingDate(now), -1);
}

/** `?date=` of the cron route: optional, yesterday when left out. */
export const reconcileQuerySchema = z.object({ date: billDateSchema.optional() }).transform(({ date }) => date ?? yesterday());

/** The console's `from` / `to`: ISO dates (YYYY-MM-DD), both optional, as bill days. */
export const billDayRangeSchema = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .transform(({ from, to }) => ({ from: from && billDateOf(from), to: to && billDateOf(to) }));

/** A day in a path or a form: yyyyMMdd, or YYYY-MM-DD as a date input sends it. */
export const dayParamSchema = z.preprocess((v) => (typeof v === 'string' ? billDateOf(v.trim()) : v), billDateSchema);
