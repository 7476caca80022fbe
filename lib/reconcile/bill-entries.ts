// The bill reduced to what reconciliation compares (pure, no I/O): one entry per line, keyed as our
// books key it (a payment by transaction_id and out_trade_no, a refund by out_refund_no), and the
// day's totals as WeChat states them.
import { billFeeFen, type Bill, type BillRow } from '@/lib/wechatpay';

export interface BillEntry {
  kind: 'payment' | 'refund';
  transaction_id: string;
  out_trade_no: string;
  out_refund_no: string | null;
  /** A payment's order amount; a refund's amount. */
  fen: number;
  /** A payment's trade state (SUCCESS…); a refund's refund status (SUCCESS, PROCESSING…). */
  state: string;
}

export interface WechatTotals {
  trades: number;
  paidFen: number;
  refundFen: number;
  feeFen: number;
}

export const NO_TRADES: WechatTotals = { trades: 0, paidFen: 0, refundFen: 0, feeFen: 0 };

export function billEntry(row: BillRow): BillEntry {
  const refund = row.kind === 'refund';
  return {
    kind: row.kind,
    transaction_id: row.transactionId,
    out_trade_no: row.outTradeNo,
    out_refund_no: refund ? (row.outRefundNo ?? null) : null,
    // 订单金额 where the layout has it: 应结订单金额 is less by any coupon, and total_fee is the order's.
    fen: refund ? row.refundFen : (row.totalFen ?? row.settlementTotalFen),
    state: refund ? (row.refundStatus ?? '') : row.tradeState,
  };
}

/** The summary's totals, and the fees as the exact sum of the lines' fees rounded half-up once. */
export function wechatTotals(bill: Bill): WechatTotals {
  return {
    trades: bill.summary.tradeCount,
    paidFen: bill.summary.settlementTotalFen,
    refundFen: bill.summary.refundFen,
    feeFen: billFeeFen(bill.rows),
  };
}
