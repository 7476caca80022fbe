// WeChat's trade_state values (wechatpay.md §5; ACCEPT is 委托代扣's). Protocol vocabulary: the shop's
// pay logs and filters use it as WeChat writes it.

export const TRADE_STATES = ['SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'REVOKED', 'USERPAYING', 'PAYERROR', 'ACCEPT'] as const;

export type TradeState = (typeof TRADE_STATES)[number];

export function isTradeState(value: unknown): value is TradeState {
  return (TRADE_STATES as readonly unknown[]).includes(value);
}

/** A refund's refund_status (§7–8); the shop's pay log of a refund keeps it as its trade_state. */
export const REFUND_STATUSES = ['SUCCESS', 'REFUNDCLOSE', 'PROCESSING', 'CHANGE'] as const;

export type RefundStatus = (typeof REFUND_STATUSES)[number];

export function isRefundStatus(value: unknown): value is RefundStatus {
  return (REFUND_STATUSES as readonly unknown[]).includes(value);
}
