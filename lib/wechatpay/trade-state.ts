// WeChat's trade_state values (wechatpay.md §5; ACCEPT is 委托代扣's). Protocol vocabulary: the shop's
// pay logs and filters use it as WeChat writes it.

export const TRADE_STATES = ['SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'REVOKED', 'USERPAYING', 'PAYERROR', 'ACCEPT'] as const;

export type TradeState = (typeof TRADE_STATES)[number];

export function isTradeState(value: unknown): value is TradeState {
  return (TRADE_STATES as readonly unknown[]).includes(value);
}
