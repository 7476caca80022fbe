// A reconciled day as the cron route, the console and its JSON routes show it (spec "Reconciliation").
import type { BillDay } from '@/db/schema';
import type { WechatTotals } from './bill-entries';
import { billDateOf } from './bill-date';
import type { BillDayStatus } from './bill-vocabulary';

export interface DayResult {
  /** yyyyMMdd. */
  date: string;
  status: BillDayStatus;
  /** Null when the bill could not be fetched (status failed). */
  wechat: WechatTotals | null;
  ours: { trades: number; paidFen: number; refundFen: number };
  discrepancies: number;
  /** Why the day failed (WeChat's error), else null. */
  detail: string | null;
}

type StoredDay = Pick<
  BillDay,
  'billDate' | 'status' | 'wechatTrades' | 'wechatPaidFen' | 'wechatRefundFen' | 'wechatFeeFen' | 'oursTrades' | 'oursPaidFen' | 'oursRefundFen' | 'detail'
>;

export function toDayResult(day: StoredDay & { discrepancies: number }): DayResult {
  const fetched = day.wechatTrades !== null;
  return {
    date: billDateOf(day.billDate),
    status: day.status,
    wechat: fetched
      ? { trades: day.wechatTrades ?? 0, paidFen: day.wechatPaidFen ?? 0, refundFen: day.wechatRefundFen ?? 0, feeFen: day.wechatFeeFen ?? 0 }
      : null,
    ours: { trades: day.oursTrades, paidFen: day.oursPaidFen, refundFen: day.oursRefundFen },
    discrepancies: day.discrepancies,
    detail: day.detail,
  };
}
