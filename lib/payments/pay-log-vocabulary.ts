// The words a pay log uses (spec "Data": pay_logs.verdict and pay_logs.source; trade_state is
// WeChat's, in lib/wechatpay/trade-state.ts). A leaf module, like lib/orders/order-status.ts (which
// says why); it imports only the protocol's own leaf.
import { TRADE_STATES, type RefundStatus, type TradeState } from '@/lib/wechatpay/trade-state';

export const VERDICTS = ['applied', 'duplicate', 'unverified', 'rejected', 'accepted', 'refused', 'anomaly', 'closed'] as const;

export type Verdict = (typeof VERDICTS)[number];

export const PAY_SOURCES = ['notify', 'query', 'close', 'refund', 'refund_notify', 'refund_query', 'bill', 'native_callback'] as const;

export type PaySource = (typeof PAY_SOURCES)[number];

/** A pay log's trade_state: a payment's trade_state, a refund's refund_status, or FAIL for a refund WeChat refused. */
export const PAY_LOG_TRADE_STATES = [...TRADE_STATES, 'PROCESSING', 'REFUNDCLOSE', 'CHANGE', 'FAIL'] as const satisfies readonly (
  TradeState | RefundStatus | 'FAIL'
)[];
